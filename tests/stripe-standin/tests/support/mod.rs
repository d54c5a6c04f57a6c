//! Helpers shared by the contract tests: the OpenAPI validator and an HTTP client
//! that speaks Stripe's wire format to the stand-in.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

pub mod client;
pub mod contract;
pub mod openapi;
