//! The stand-ins `cargo xtask test` starts, as the tests see them.

use std::path::PathBuf;

/// What a missing stand-in variable panics with: never skip silently.
pub const NOT_RUNNING: &str =
    "stand-ins not running: run `cargo xtask test` (installs and starts them)";

/// The value of `BP_TEST_*` variable `name`; panics with [`NOT_RUNNING`] if it is unset or empty.
pub fn env(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{NOT_RUNNING} ({name} is not set)"),
    }
}

/// Addresses of the running stand-ins.
#[derive(Debug, Clone)]
pub struct Standins {
    /// moto's base URL (DynamoDB, SES, SSM): `BP_TEST_AWS_ENDPOINT`.
    pub aws_endpoint: String,
    /// The Stripe stand-in's base URL: `BP_TEST_STRIPE_API_BASE`.
    pub stripe_api_base: String,
    /// The built `stripe-standin` binary, for tests needing their own instance:
    /// `BP_TEST_STANDIN_BIN`.
    pub standin_bin: PathBuf,
}

/// Reads `BP_TEST_*`; panics with the command that starts the stand-ins if any is missing.
pub fn standins() -> Standins {
    Standins {
        aws_endpoint: env("BP_TEST_AWS_ENDPOINT"),
        stripe_api_base: env("BP_TEST_STRIPE_API_BASE")
            .trim_end_matches('/')
            .to_string(),
        standin_bin: PathBuf::from(env("BP_TEST_STANDIN_BIN")),
    }
}
