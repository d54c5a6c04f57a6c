//! Domain library of the billing portal: configuration, telemetry, the error-to-response
//! mapping, typed identifiers, projects and their store on DynamoDB, API keys, portal
//! tokens, secrets in SSM Parameter Store and the Stripe client.

pub mod api_key;
pub mod aws;
pub mod billing_details;
pub mod browser_session;
pub mod cache;
pub mod cancel;
pub mod charges;
pub mod claims;
pub mod clock;
pub mod config;
pub mod error;
pub mod i18n;
pub mod idempotency;
pub mod ids;
pub mod login;
pub mod mail;
pub mod metrics;
pub mod offers;
pub mod payment_method;
pub mod plan;
pub mod project;
pub mod rate_limit;
pub mod relink;
pub mod retention;
pub mod runtime;
pub mod secrets;
pub mod session;
pub mod settings;
pub mod store;
pub mod stripe;
pub mod telemetry;
pub mod token;
pub mod views;
pub mod webhook;
