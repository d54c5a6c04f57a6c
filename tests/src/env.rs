//! The stand-ins `cargo xtask test` starts, as the tests see them (kept in `test_support`,
//! which the functions' own tests use too).

pub use test_support::env::{env, standins, Standins, NOT_RUNNING};
