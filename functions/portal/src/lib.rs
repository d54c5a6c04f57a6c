//! The customer portal: scanner-safe sign-in, browser sessions and the billing pages.
//!
//! `App` holds what is built once per cold start; `handle` answers one request and never
//! fails (errors become friendly HTML pages with the security headers).
//!
//! The path of a request: `handler::handle` parses a [`route::PortalRoute`] once, refuses
//! cross-site POSTs, and dispatches; every signed-in page and action first passes
//! `guard::enter` (session, CSRF on POSTs, the project's Stripe key), then its page
//! module in `pages/` orchestrates the Stripe calls of `shared::stripe` and renders with
//! `shared::views`.

mod app;
mod catalog;
mod flash;
/// Public wrappers of crate-private parsers for `fuzz/` (not an API).
#[doc(hidden)]
pub mod fuzzing;
mod guard;
mod handler;
mod headers;
mod hint;
mod metrics;
mod pages;
mod previews;
mod reply;
pub mod request;
mod route;
mod schedules;
mod stripe_reads;

pub use app::{App, DEFAULT_STRIPE_PAGE_TIMEOUT, PROJECT_MAX_AGE, SESSION_REQUESTS_PER_MINUTE};
pub use handler::handle;
