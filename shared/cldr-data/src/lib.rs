//! ICU4X baked data for the portal's twelve shipped locales (and the parents they fall back
//! to), for the data markers `shared::i18n::format` loads: the macros that implement
//! `DataProvider` for them on a type (`shared/src/i18n/provider.rs` uses them).
//!
//! `data/` is generated, never edited: `cargo xtask icu-data` rewrites it from the pinned
//! ICU4X crates' own compiled data (`tools/icu-data`). A crate of its own, as ICU4X's
//! `icu_*_data` crates are, because the generated module defines `#[macro_export]` macros
//! and re-exports them by name, which only a crate root can do.

include!("../data/mod.rs");
