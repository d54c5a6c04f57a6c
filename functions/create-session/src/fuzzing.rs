//! Thin public wrappers around create-session's crate-private parsers, for the fuzz
//! targets in `fuzz/` only: not an API, no behaviour of their own.

use serde_json::Value;
use shared::error::ApiError;
use shared::metrics::Ticket;
use time::{Date, OffsetDateTime};

/// Largest `POST /v1/support_tickets` body.
pub const MAX_TICKETS_BODY_BYTES: usize = crate::metrics::MAX_TICKETS_BODY_BYTES;

/// `metrics::parse_tickets`: the body of `POST /v1/support_tickets`.
pub fn parse_tickets(body: &Value, now: OffsetDateTime) -> Result<Vec<Ticket>, ApiError> {
    crate::metrics::parse_tickets(body, now)
}

/// The query pairs of `GET /v1/metrics` as the handler reads them from a request URI
/// (`/v1/metrics?from=…`); `None` if `uri` is not a request URI.
pub fn metrics_query(uri: &str) -> Option<Vec<(String, String)>> {
    let uri = http::Uri::try_from(uri).ok()?;
    let req = http::Request::builder()
        .uri(uri)
        .body(lambda_http::Body::Empty)
        .ok()?;
    Some(crate::metrics::query_pairs(&req))
}

/// `metrics::parse_range`: the `from`/`to` of `GET /v1/metrics`.
pub fn parse_range(pairs: &[(String, String)]) -> Result<(Date, Date), ApiError> {
    crate::metrics::parse_range(pairs)
}
