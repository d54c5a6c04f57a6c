//! Integration tests of the `shared` stores against a real moto server
//! (`BP_TEST_AWS_ENDPOINT`, started by `cargo xtask test`). One binary, one module per area.

mod api_keys;
mod idempotency;
mod metrics;
mod projects;
mod rate_limit;
mod secrets;
mod sessions;
mod support;
mod tokens;
