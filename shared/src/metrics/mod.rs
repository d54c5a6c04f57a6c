//! Measure what matters: per project and per UTC day, how many portal sessions were
//! minted, redeemed, completed (at least one job), escalated ("Contact support") and
//! abandoned, which jobs customers did themselves, and how many billing tickets the
//! tenant's helpdesk still received.
//!
//! Counters live in one row per project and day (`PROJECT#<p>` / `METRICS#DAY#<date>`),
//! each event one atomic `ADD` (never read-modify-write). Session outcomes (completed,
//! escalated, engaged) count on the day the session was redeemed, so a day's completion
//! rate compares like with like; jobs and tickets count on the day they happened.
//! `report` turns the rows into the API's daily series and totals; `emf` writes the same
//! events as CloudWatch Embedded Metric Format lines.

pub mod emf;
mod report;
mod store;

use std::fmt;
use std::str::FromStr;

use time::macros::format_description;
use time::{Date, OffsetDateTime};

pub use report::{report, DayReport, FunnelReport, Report, Totals, MAX_RANGE_DAYS};
pub use store::{
    DayCounts, FunnelCounts, MetricsStore, Ticket, TicketReport, MAX_TICKETS_PER_REQUEST,
};

use crate::retention::{OfferKind, ReasonKey};

/// A step of the cancel funnel. Each counts once per session (the first time the session
/// takes it), on the day the session was redeemed, like the session outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FunnelStep {
    /// Opened a cancel page.
    Opened,
    /// Gave a reason (the first one given counts).
    Reason(ReasonKey),
    /// Was shown an offer (the first one shown counts).
    OfferShown(OfferKind),
    /// Accepted an offer (the first one accepted counts).
    OfferAccepted(OfferKind),
    /// Cancelled, having opened the cancel page.
    Cancelled,
}

impl FunnelStep {
    /// The session row's flag that makes the step count once.
    fn flag(&self) -> &'static str {
        match self {
            FunnelStep::Opened => "funnel_opened",
            FunnelStep::Reason(_) => "funnel_reason",
            FunnelStep::OfferShown(_) => "funnel_shown",
            FunnelStep::OfferAccepted(_) => "funnel_accepted",
            FunnelStep::Cancelled => "funnel_cancelled",
        }
    }

    /// The day row's counter (reason keys and offer kinds are fixed identifiers).
    fn attribute(&self) -> String {
        match self {
            FunnelStep::Opened => "funnel_opened".to_owned(),
            FunnelStep::Reason(r) => format!("{FUNNEL_REASON}{r}"),
            FunnelStep::OfferShown(k) => format!("{FUNNEL_SHOWN}{}", k.as_str()),
            FunnelStep::OfferAccepted(k) => format!("{FUNNEL_ACCEPTED}{}", k.as_str()),
            FunnelStep::Cancelled => "funnel_cancelled".to_owned(),
        }
    }

    /// Its EMF metric name.
    fn metric(&self) -> &'static str {
        match self {
            FunnelStep::Opened => "CancelPageOpened",
            FunnelStep::Reason(_) => "CancelReasonGiven",
            FunnelStep::OfferShown(_) => "CancelOfferShown",
            FunnelStep::OfferAccepted(_) => "CancelOfferAccepted",
            FunnelStep::Cancelled => "CancelFunnelCancelled",
        }
    }
}

const FUNNEL_REASON: &str = "funnel_reason__";
const FUNNEL_SHOWN: &str = "funnel_shown__";
const FUNNEL_ACCEPTED: &str = "funnel_accepted__";

/// A job a customer finished in the portal by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// Opened an invoice's hosted page (to view or pay it).
    InvoiceOpened,
    /// Downloaded an invoice PDF.
    InvoiceDownloaded,
    /// Replaced the default payment method.
    PaymentMethodUpdated,
    /// Switched to another price.
    PlanChanged,
    /// Edited name, email, address or tax id.
    BillingDetailsUpdated,
    /// Cancelled a subscription (at period end or now).
    Cancelled,
    /// Paused a subscription.
    Paused,
    /// Undid a scheduled cancellation.
    Renewed,
    /// Resumed a paused subscription.
    Resumed,
}

impl Job {
    /// Every job, in the order reports list them.
    pub const ALL: [Job; 9] = [
        Job::InvoiceOpened,
        Job::InvoiceDownloaded,
        Job::PaymentMethodUpdated,
        Job::PlanChanged,
        Job::BillingDetailsUpdated,
        Job::Cancelled,
        Job::Paused,
        Job::Renewed,
        Job::Resumed,
    ];

    /// The wire name (`plan_changed`), also the EMF `Job` dimension value.
    pub fn as_str(self) -> &'static str {
        match self {
            Job::InvoiceOpened => "invoice_opened",
            Job::InvoiceDownloaded => "invoice_downloaded",
            Job::PaymentMethodUpdated => "payment_method_updated",
            Job::PlanChanged => "plan_changed",
            Job::BillingDetailsUpdated => "billing_details_updated",
            Job::Cancelled => "cancelled",
            Job::Paused => "paused",
            Job::Renewed => "renewed",
            Job::Resumed => "resumed",
        }
    }

    fn attribute(self) -> String {
        format!("job_{}", self.as_str())
    }
}

impl fmt::Display for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a billing support ticket was about (`category` of `POST /v1/support_tickets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TicketCategory {
    /// Finding, reading or paying an invoice.
    Invoices,
    /// Card or other payment method.
    PaymentMethod,
    /// Changing plan or quantity.
    Plan,
    /// Cancelling, pausing, resuming.
    Cancellation,
    /// Name, email, address, tax id.
    BillingDetails,
    /// Any other billing question.
    Other,
}

impl TicketCategory {
    /// Every category, in the order reports list them.
    pub const ALL: [TicketCategory; 6] = [
        TicketCategory::Invoices,
        TicketCategory::PaymentMethod,
        TicketCategory::Plan,
        TicketCategory::Cancellation,
        TicketCategory::BillingDetails,
        TicketCategory::Other,
    ];

    /// The wire name (`payment_method`).
    pub fn as_str(self) -> &'static str {
        match self {
            TicketCategory::Invoices => "invoices",
            TicketCategory::PaymentMethod => "payment_method",
            TicketCategory::Plan => "plan",
            TicketCategory::Cancellation => "cancellation",
            TicketCategory::BillingDetails => "billing_details",
            TicketCategory::Other => "other",
        }
    }

    fn attribute(self) -> String {
        format!("tickets_{}", self.as_str())
    }
}

impl FromStr for TicketCategory {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        TicketCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

/// The UTC day of an instant.
pub fn day_of(at: OffsetDateTime) -> Date {
    at.to_offset(time::UtcOffset::UTC).date()
}

/// The UTC day of an epoch-seconds timestamp (out of range: the epoch).
pub fn day_of_unix(seconds: i64) -> Date {
    OffsetDateTime::from_unix_timestamp(seconds)
        .map(day_of)
        .unwrap_or(Date::MIN)
}

/// Parses a strict `YYYY-MM-DD` date (no other shapes, real calendar days only).
pub fn parse_day(s: &str) -> Option<Date> {
    if s.len() != 10 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return None;
    }
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// The CloudWatch dashboard in `template.yaml` charts the funnel by these names: a
    /// renamed metric would leave its line empty without a word.
    #[test]
    fn the_dashboard_charts_every_funnel_metric_by_the_name_emitted() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml");
        let template = std::fs::read_to_string(path).expect("template.yaml beside shared/");
        let reason = ReasonKey::parse("too_expensive").expect("a reason");
        for step in [
            FunnelStep::Opened,
            FunnelStep::Reason(reason),
            FunnelStep::OfferShown(OfferKind::Coupon),
            FunnelStep::OfferAccepted(OfferKind::Pause),
            FunnelStep::Cancelled,
        ] {
            let series = format!("[ \"{}\", \"{}\", ", emf::NAMESPACE, step.metric());
            assert!(template.contains(&series), "no {series} in template.yaml");
        }
    }

    #[test]
    fn strict_dates_parse_and_everything_else_is_refused() {
        assert_eq!(parse_day("2026-11-26"), Some(date!(2026 - 11 - 26)));
        assert_eq!(parse_day("2024-02-29"), Some(date!(2024 - 02 - 29)));
        for bad in [
            "",
            "2026-1-26",
            "2026-02-30",
            "2025-02-29",
            "26-11-2026",
            "2026/11/26",
            "2026-11-26T00",
            "+2026-11-2",
            "2026-13-01",
            "2026-00-10",
            "２０２６-11-26",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert_eq!(format_day(date!(2026 - 01 - 05)), "2026-01-05");
    }

    #[test]
    fn days_are_utc() {
        assert_eq!(
            day_of(datetime!(2026-11-26 23:30 -02:00)),
            date!(2026 - 11 - 27)
        );
        assert_eq!(day_of_unix(0), date!(1970 - 01 - 01));
    }

    #[test]
    fn wire_names_round_trip() {
        for c in TicketCategory::ALL {
            assert_eq!(c.as_str().parse::<TicketCategory>(), Ok(c));
        }
        assert!("billing".parse::<TicketCategory>().is_err());
        let names: std::collections::HashSet<_> = Job::ALL.iter().map(|j| j.as_str()).collect();
        assert_eq!(names.len(), Job::ALL.len());
    }
}
