//! From stored rows to the API's daily series and totals (pure; unit-tested).
//!
//! Abandoned sessions of day D (redeemed, no job, no escalation) are only known once
//! every session redeemed on D has ended: at the end of D plus the project's longest
//! session. Until then the day reports `abandoned: null`.

use std::collections::BTreeMap;

use serde::Serialize;
use time::{Date, Duration, OffsetDateTime, Time};

use super::store::{DayCounts, FunnelCounts};
use super::{format_day, Job, TicketCategory};
use crate::retention::OfferKind;

/// The longest range `GET /v1/metrics` answers, in days (both ends included).
pub const MAX_RANGE_DAYS: i64 = 366;

/// One day of the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayReport {
    /// `YYYY-MM-DD` (UTC).
    pub date: String,
    /// Sessions minted.
    pub minted: i64,
    /// Sessions redeemed.
    pub redeemed: i64,
    /// Sessions redeemed this day that did at least one job.
    pub completed: i64,
    /// Sessions redeemed this day that clicked "Contact support".
    pub escalated: i64,
    /// Sessions redeemed this day that ended with no job and no escalation; `null` until
    /// all of them have ended.
    pub abandoned: Option<i64>,
    /// Jobs done this day, by kind.
    pub jobs: BTreeMap<&'static str, i64>,
    /// All jobs done this day.
    pub self_served_jobs: i64,
    /// Billing tickets reported for this day.
    pub tickets: i64,
    /// Tickets by category.
    pub tickets_by_category: BTreeMap<&'static str, i64>,
    /// Tickets from customers who had a redeemed session in the 24 h before.
    pub portal_then_ticket: i64,
    /// completed / redeemed; `null` without redemptions.
    pub completion_rate: Option<f64>,
    /// self-served jobs / (self-served jobs + tickets); `null` when both are 0.
    pub deflection_rate: Option<f64>,
    /// The cancel funnel of the sessions redeemed this day.
    pub cancel_funnel: FunnelReport,
}

/// The cancel funnel: sessions, each counted once per step.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FunnelReport {
    /// Sessions that opened a cancel page.
    pub cancel_page_opened: i64,
    /// Of those: sessions that gave a reason.
    pub reason_given: i64,
    /// Reasons given, by reason (Stripe's codes and the project's own keys).
    pub reasons: BTreeMap<String, i64>,
    /// Sessions shown an offer.
    pub offer_shown: i64,
    /// Offers shown, by kind (`coupon`, `pause`, `downgrade`, `support`).
    pub offers_shown: BTreeMap<String, i64>,
    /// Sessions that accepted an offer.
    pub offer_accepted: i64,
    /// Offers accepted, by kind.
    pub offers_accepted: BTreeMap<String, i64>,
    /// Sessions that opened a cancel page and cancelled.
    pub cancelled: i64,
    /// Sessions that opened a cancel page and did not cancel.
    pub saved: i64,
    /// saved / cancel_page_opened; `null` when no session opened the page.
    pub save_rate: Option<f64>,
}

impl FunnelReport {
    fn add(&mut self, c: &FunnelCounts) {
        self.cancel_page_opened += c.opened;
        self.cancelled += c.cancelled;
        for (map, from) in [
            (&mut self.reasons, &c.reasons),
            (&mut self.offers_shown, &c.shown),
            (&mut self.offers_accepted, &c.accepted),
        ] {
            for (k, v) in from {
                *map.entry(k.clone()).or_default() += v;
            }
        }
        self.finish();
    }

    fn finish(&mut self) {
        for kind in OfferKind::ALL {
            self.offers_shown
                .entry(kind.as_str().to_owned())
                .or_default();
            self.offers_accepted
                .entry(kind.as_str().to_owned())
                .or_default();
        }
        self.reason_given = self.reasons.values().sum();
        self.offer_shown = self.offers_shown.values().sum();
        self.offer_accepted = self.offers_accepted.values().sum();
        self.saved = (self.cancel_page_opened - self.cancelled).max(0);
        self.save_rate = ratio(self.saved, self.cancel_page_opened);
    }
}

/// The sums over the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    /// Sessions minted.
    pub minted: i64,
    /// Sessions redeemed.
    pub redeemed: i64,
    /// Completed sessions.
    pub completed: i64,
    /// Escalated sessions.
    pub escalated: i64,
    /// Abandoned sessions of the days already settled.
    pub abandoned: i64,
    /// Days in the range whose abandoned count is not known yet.
    pub abandoned_pending_days: i64,
    /// Jobs by kind.
    pub jobs: BTreeMap<&'static str, i64>,
    /// All jobs.
    pub self_served_jobs: i64,
    /// Billing tickets.
    pub tickets: i64,
    /// Tickets by category.
    pub tickets_by_category: BTreeMap<&'static str, i64>,
    /// Tickets after a portal session.
    pub portal_then_ticket: i64,
    /// completed / redeemed over the range.
    pub completion_rate: Option<f64>,
    /// self-served jobs / (self-served jobs + tickets) over the range.
    pub deflection_rate: Option<f64>,
    /// The cancel funnel over the range.
    pub cancel_funnel: FunnelReport,
}

/// The daily series of `from..=to` and its totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// One entry per day, oldest first, days without events included (zeros).
    pub days: Vec<DayReport>,
    /// Sums and rates over the range.
    pub totals: Totals,
}

fn ratio(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Whether every session redeemed on `day` has ended by `now`.
pub fn settled(day: Date, now: OffsetDateTime, max_session_seconds: u32) -> bool {
    // A day whose sessions end past the last representable instant is never settled.
    let end = day.next_day().and_then(|next| {
        next.with_time(Time::MIDNIGHT)
            .assume_utc()
            .checked_add(Duration::seconds(i64::from(max_session_seconds)))
    });
    end.is_some_and(|end| now >= end)
}

/// Builds the report of `from..=to` from the stored `rows` (any order, days may be
/// missing), as seen at `now` by a project whose sessions last at most
/// `max_session_seconds`.
pub fn report(
    rows: &[DayCounts],
    from: Date,
    to: Date,
    now: OffsetDateTime,
    max_session_seconds: u32,
) -> Report {
    let by_day: BTreeMap<Date, &DayCounts> =
        rows.iter().filter_map(|r| r.date.map(|d| (d, r))).collect();
    let empty = DayCounts::default();
    let mut days = Vec::new();
    let mut totals = Totals {
        minted: 0,
        redeemed: 0,
        completed: 0,
        escalated: 0,
        abandoned: 0,
        abandoned_pending_days: 0,
        jobs: Job::ALL.iter().map(|j| (j.as_str(), 0)).collect(),
        self_served_jobs: 0,
        tickets: 0,
        tickets_by_category: TicketCategory::ALL
            .iter()
            .map(|c| (c.as_str(), 0))
            .collect(),
        portal_then_ticket: 0,
        completion_rate: None,
        deflection_rate: None,
        cancel_funnel: FunnelReport::default(),
    };
    totals.cancel_funnel.finish();
    let mut day = from;
    while day <= to {
        let c = by_day.get(&day).copied().unwrap_or(&empty);
        let jobs: BTreeMap<&'static str, i64> = Job::ALL
            .iter()
            .map(|j| (j.as_str(), c.jobs.get(j).copied().unwrap_or(0)))
            .collect();
        let tickets_by_category: BTreeMap<&'static str, i64> = TicketCategory::ALL
            .iter()
            .map(|t| (t.as_str(), c.tickets.get(t).copied().unwrap_or(0)))
            .collect();
        let self_served_jobs: i64 = jobs.values().sum();
        let tickets: i64 = tickets_by_category.values().sum();
        let abandoned =
            settled(day, now, max_session_seconds).then(|| (c.redeemed - c.engaged).max(0));
        match abandoned {
            Some(a) => totals.abandoned += a,
            None => totals.abandoned_pending_days += 1,
        }
        totals.minted += c.minted;
        totals.redeemed += c.redeemed;
        totals.completed += c.completed;
        totals.escalated += c.escalated;
        totals.self_served_jobs += self_served_jobs;
        totals.tickets += tickets;
        totals.portal_then_ticket += c.portal_then_ticket;
        for (k, v) in &jobs {
            *totals.jobs.entry(k).or_default() += v;
        }
        for (k, v) in &tickets_by_category {
            *totals.tickets_by_category.entry(k).or_default() += v;
        }
        let mut cancel_funnel = FunnelReport::default();
        cancel_funnel.add(&c.funnel);
        totals.cancel_funnel.add(&c.funnel);
        days.push(DayReport {
            date: format_day(day),
            minted: c.minted,
            redeemed: c.redeemed,
            completed: c.completed,
            escalated: c.escalated,
            abandoned,
            jobs,
            self_served_jobs,
            tickets,
            tickets_by_category,
            portal_then_ticket: c.portal_then_ticket,
            completion_rate: ratio(c.completed, c.redeemed),
            deflection_rate: ratio(self_served_jobs, self_served_jobs + tickets),
            cancel_funnel,
        });
        match day.next_day() {
            Some(d) => day = d,
            None => break,
        }
    }
    totals.completion_rate = ratio(totals.completed, totals.redeemed);
    totals.deflection_rate = ratio(
        totals.self_served_jobs,
        totals.self_served_jobs + totals.tickets,
    );
    Report {
        from: format_day(from),
        to: format_day(to),
        days,
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn row(d: Date) -> DayCounts {
        DayCounts {
            date: Some(d),
            ..DayCounts::default()
        }
    }

    #[test]
    fn rates_are_computed_per_day_and_over_the_range() {
        let mut a = row(date!(2026 - 11 - 24));
        a.redeemed = 4;
        a.completed = 3;
        a.engaged = 3;
        a.jobs.insert(Job::PlanChanged, 2);
        a.jobs.insert(Job::InvoiceDownloaded, 4);
        a.tickets.insert(TicketCategory::Plan, 2);
        let mut b = row(date!(2026 - 11 - 26));
        b.redeemed = 1;
        b.tickets.insert(TicketCategory::Other, 1);
        let r = report(
            &[b, a],
            date!(2026 - 11 - 24),
            date!(2026 - 11 - 26),
            datetime!(2026-12-01 00:00 UTC),
            14_400,
        );
        assert_eq!(r.days.len(), 3);
        assert_eq!(r.days[0].completion_rate, Some(0.75));
        assert_eq!(r.days[0].self_served_jobs, 6);
        assert_eq!(r.days[0].deflection_rate, Some(0.75));
        assert_eq!(r.days[0].abandoned, Some(1));
        // An empty day: zeros and no rates.
        assert_eq!(r.days[1].redeemed, 0);
        assert_eq!(r.days[1].completion_rate, None);
        assert_eq!(r.days[1].deflection_rate, None);
        assert_eq!(r.days[2].deflection_rate, Some(0.0));
        assert_eq!(r.totals.completion_rate, Some(3.0 / 5.0));
        assert_eq!(r.totals.deflection_rate, Some(6.0 / 9.0));
        assert_eq!(r.totals.abandoned, 2);
        assert_eq!(r.totals.jobs["plan_changed"], 2);
        assert_eq!(r.totals.tickets_by_category["plan"], 2);
    }

    #[test]
    fn the_save_rate_is_the_share_of_cancel_page_sessions_that_did_not_cancel() {
        let mut a = row(date!(2026 - 11 - 24));
        a.funnel.opened = 4;
        a.funnel.reasons.insert("too_expensive".to_owned(), 2);
        a.funnel.reasons.insert("moving".to_owned(), 1);
        a.funnel.shown.insert("coupon".to_owned(), 2);
        a.funnel.accepted.insert("coupon".to_owned(), 1);
        a.funnel.cancelled = 1;
        let mut b = row(date!(2026 - 11 - 25));
        b.funnel.opened = 1;
        b.funnel.cancelled = 1;
        let r = report(
            &[a, b],
            date!(2026 - 11 - 24),
            date!(2026 - 11 - 26),
            datetime!(2026-12-01 00:00 UTC),
            14_400,
        );
        let f = &r.days[0].cancel_funnel;
        assert_eq!(f.reason_given, 3);
        assert_eq!(f.offer_shown, 2);
        assert_eq!(f.offers_accepted["coupon"], 1);
        assert_eq!(f.offers_accepted["pause"], 0);
        assert_eq!(f.saved, 3);
        assert_eq!(f.save_rate, Some(0.75));
        assert_eq!(r.days[2].cancel_funnel.save_rate, None);
        let t = &r.totals.cancel_funnel;
        assert_eq!(t.cancel_page_opened, 5);
        assert_eq!(t.cancelled, 2);
        assert_eq!(t.save_rate, Some(3.0 / 5.0));
        assert_eq!(t.reasons["moving"], 1);
    }

    #[test]
    fn abandoned_is_unknown_until_the_days_sessions_have_all_ended() {
        let mut d = row(date!(2026 - 11 - 26));
        d.redeemed = 5;
        d.engaged = 2;
        let at = |now| {
            report(
                &[d.clone()],
                date!(2026 - 11 - 26),
                date!(2026 - 11 - 26),
                now,
                3600,
            )
        };
        let before = at(datetime!(2026-11-27 00:59:59 UTC));
        assert_eq!(before.days[0].abandoned, None);
        assert_eq!(before.totals.abandoned_pending_days, 1);
        assert_eq!(before.totals.abandoned, 0);
        let after = at(datetime!(2026-11-27 01:00 UTC));
        assert_eq!(after.days[0].abandoned, Some(3));
        assert_eq!(after.totals.abandoned, 3);
        assert_eq!(after.totals.abandoned_pending_days, 0);
    }

    #[test]
    fn the_last_days_of_the_calendar_report_without_a_panic() {
        // Found by fuzzing (`fuzz/fuzz_targets/metrics_query.rs`): `GET /v1/metrics?
        // from=9999-12-01&to=9999-12-31` for a project whose sessions last a week
        // overflowed the end of 9999-12-30's sessions.
        let (from, to) = (date!(9999 - 12 - 01), date!(9999 - 12 - 31));
        let r = report(&[], from, to, datetime!(2026-11-26 12:00 UTC), 7 * 86_400);
        assert_eq!(r.days.len(), 31);
        assert!(r.days.iter().all(|d| d.abandoned.is_none()));
        assert!(!settled(
            date!(9999 - 12 - 30),
            OffsetDateTime::now_utc(),
            86_400 + 1
        ));
        assert!(settled(
            date!(9999 - 12 - 30),
            datetime!(9999-12-31 23:59 UTC),
            3600
        ));
    }
}
