//! End-to-end test support and the local gateway.
//!
//! - [`gateway`]: serves the functions behind one address, converting each HTTP request
//!   into the `lambda_http::Request` API Gateway (HTTP API, payload 2.0) would deliver.
//!   Used by `dev-gateway` (`cargo xtask dev`) and by e2e tests in-process.
//! - [`env`]: where the stand-ins started by `cargo xtask test` listen.
//! - [`fixture`]: a fresh table, signing key, SSM prefix and Stripe account per test.
//! - [`stack`]: all three functions behind one gateway, with the tenant's webhooks wired.
//! - [`browser`]: headless Chromium over WebDriver, screenshots and axe-core.

pub mod browser;
pub mod env;
pub mod fixture;
pub mod gateway;
pub mod stack;
