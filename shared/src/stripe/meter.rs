//! Billing meters: the usage a customer recorded on a meter, from its event summaries
//! (`GET /v1/billing/meters/{id}/event_summaries`).

use serde::Deserialize;

use super::form::query;
use super::list::List;
use super::{StripeClient, StripeError, StripeKey};
use crate::ids::{CustomerId, MeterId};

/// One event summary: the meter's aggregate of the customer's events in a window.
#[derive(Debug, Clone, Deserialize)]
pub struct MeterEventSummary {
    /// The aggregate (sum, count or last value, as the meter says).
    #[serde(default)]
    pub aggregated_value: f64,
    /// Window start, epoch seconds (inclusive).
    #[serde(default)]
    pub start_time: i64,
    /// Window end, epoch seconds (exclusive).
    #[serde(default)]
    pub end_time: i64,
}

/// Stripe aligns summary windows to whole minutes.
const MINUTE: i64 = 60;

/// The minute-aligned window Stripe summarises for `[start, end)`: from the minute `start`
/// falls in to the minute after `end` (Stripe counts usage by the minute at the edges).
pub fn summary_window(start: i64, end: i64) -> (i64, i64) {
    let from = start.div_euclid(MINUTE) * MINUTE;
    let to = (end + MINUTE - 1).div_euclid(MINUTE) * MINUTE;
    (from, to.max(from + MINUTE))
}

impl StripeClient {
    /// The customer's usage on `meter` over `[start, end)` (minute-aligned by
    /// [`summary_window`]): one summary for the whole range. Scoped by customer: Stripe
    /// summarises only this customer's events.
    pub async fn customer_meter_usage(
        &self,
        key: &StripeKey,
        customer: &CustomerId,
        meter: &MeterId,
        start: i64,
        end: i64,
    ) -> Result<MeterEventSummary, StripeError> {
        let (from, to) = summary_window(start, end);
        let (from, to) = (from.to_string(), to.to_string());
        let q = query(&[
            ("customer", customer.as_str()),
            ("start_time", &from),
            ("end_time", &to),
        ]);
        let list: List<MeterEventSummary> = self
            .get(
                key,
                &format!("/v1/billing/meters/{meter}/event_summaries"),
                &q,
            )
            .await?;
        // Without a grouping window Stripe answers one summary for the range.
        Ok(list.data.into_iter().next().unwrap_or(MeterEventSummary {
            aggregated_value: 0.0,
            start_time: start,
            end_time: end,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_window_covers_the_period_in_whole_minutes() {
        assert_eq!(summary_window(120, 240), (120, 240));
        assert_eq!(summary_window(125, 241), (120, 300));
        assert_eq!(summary_window(59, 59), (0, 60));
    }
}
