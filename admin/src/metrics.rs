//! `portal-admin metrics`: a project's counters as a table, one text sparkline per series
//! (oldest day on the left), for operators who would rather look than read JSON.

use std::fmt::Write;

use shared::metrics::{DayReport, Job, Report, TicketCategory};

/// Most days one command shows (as `GET /v1/metrics`).
pub const MAX_DAYS: u32 = 366;
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Drawn for a day without a value (a rate with a zero denominator, abandoned not known yet).
const NO_VALUE: char = '·';

/// One character per value, scaled to the largest; `None` draws [`NO_VALUE`].
pub fn sparkline(values: &[Option<f64>]) -> String {
    let max = values.iter().flatten().copied().fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|v| match v {
            None => NO_VALUE,
            Some(_) if max <= 0.0 => BARS[0],
            Some(v) => {
                let i = ((v / max) * (BARS.len() - 1) as f64).round() as usize;
                BARS[i.min(BARS.len() - 1)]
            }
        })
        .collect()
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

/// The table for `report` of `project` (`name`).
pub fn table(project: &str, name: &str, report: &Report) -> String {
    let days = &report.days;
    let count = |f: &dyn Fn(&DayReport) -> i64| -> Vec<Option<f64>> {
        days.iter().map(|d| Some(f(d) as f64)).collect()
    };
    let t = &report.totals;
    let mut rows: Vec<(String, String, Vec<Option<f64>>)> = vec![
        ("minted".into(), t.minted.to_string(), count(&|d| d.minted)),
        (
            "redeemed".into(),
            t.redeemed.to_string(),
            count(&|d| d.redeemed),
        ),
        (
            "completed".into(),
            t.completed.to_string(),
            count(&|d| d.completed),
        ),
        (
            "escalated".into(),
            t.escalated.to_string(),
            count(&|d| d.escalated),
        ),
        (
            "abandoned".into(),
            t.abandoned.to_string(),
            days.iter().map(|d| d.abandoned.map(|a| a as f64)).collect(),
        ),
        (
            "self-served jobs".into(),
            t.self_served_jobs.to_string(),
            count(&|d| d.self_served_jobs),
        ),
    ];
    for job in Job::ALL {
        let key = job.as_str();
        rows.push((
            format!("  {}", key.replace('_', " ")),
            t.jobs.get(key).copied().unwrap_or(0).to_string(),
            days.iter()
                .map(|d| Some(d.jobs.get(key).copied().unwrap_or(0) as f64))
                .collect(),
        ));
    }
    rows.push((
        "billing tickets".into(),
        t.tickets.to_string(),
        count(&|d| d.tickets),
    ));
    for c in TicketCategory::ALL {
        let key = c.as_str();
        rows.push((
            format!("  {}", key.replace('_', " ")),
            t.tickets_by_category
                .get(key)
                .copied()
                .unwrap_or(0)
                .to_string(),
            days.iter()
                .map(|d| Some(d.tickets_by_category.get(key).copied().unwrap_or(0) as f64))
                .collect(),
        ));
    }
    rows.push((
        "portal then ticket".into(),
        t.portal_then_ticket.to_string(),
        count(&|d| d.portal_then_ticket),
    ));
    rows.push((
        "completion rate".into(),
        percent(t.completion_rate),
        days.iter().map(|d| d.completion_rate).collect(),
    ));
    rows.push((
        "deflection rate".into(),
        percent(t.deflection_rate),
        days.iter().map(|d| d.deflection_rate).collect(),
    ));
    let f = &t.cancel_funnel;
    rows.push((
        "cancel page opened".into(),
        f.cancel_page_opened.to_string(),
        count(&|d| d.cancel_funnel.cancel_page_opened),
    ));
    for (key, total) in &f.reasons {
        rows.push((
            format!("  reason {key}"),
            total.to_string(),
            days.iter()
                .map(|d| Some(d.cancel_funnel.reasons.get(key).copied().unwrap_or(0) as f64))
                .collect(),
        ));
    }
    for (label, map, per_day) in [
        (
            "offer shown",
            &f.offers_shown,
            (|d: &DayReport, k: &str| d.cancel_funnel.offers_shown.get(k).copied())
                as fn(&DayReport, &str) -> Option<i64>,
        ),
        (
            "offer accepted",
            &f.offers_accepted,
            |d: &DayReport, k: &str| d.cancel_funnel.offers_accepted.get(k).copied(),
        ),
    ] {
        for (key, total) in map {
            rows.push((
                format!("  {label} {key}"),
                total.to_string(),
                days.iter()
                    .map(|d| Some(per_day(d, key).unwrap_or(0) as f64))
                    .collect(),
            ));
        }
    }
    rows.push((
        "cancelled (funnel)".into(),
        f.cancelled.to_string(),
        count(&|d| d.cancel_funnel.cancelled),
    ));
    rows.push((
        "save rate".into(),
        percent(f.save_rate),
        days.iter().map(|d| d.cancel_funnel.save_rate).collect(),
    ));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name} ({project}) · {} to {} (UTC) · {} days, oldest on the left",
        report.from,
        report.to,
        days.len()
    );
    let _ = writeln!(out, "{:<22} {:>8}  daily", "series", "total");
    for (label, total, values) in rows {
        let _ = writeln!(out, "{label:<22} {total:>8}  {}", sparkline(&values));
    }
    if t.abandoned_pending_days > 0 {
        let _ = writeln!(
            out,
            "abandoned: {} day(s) not settled yet (sessions of those days may still be open) drawn as {NO_VALUE}",
            t.abandoned_pending_days
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::metrics::{report, DayCounts};
    use time::macros::{date, datetime};

    #[test]
    fn a_sparkline_scales_to_the_largest_value_and_marks_missing_days() {
        assert_eq!(
            sparkline(&[Some(0.0), Some(1.0), Some(4.0), Some(8.0), None]),
            "▁▂▅█·"
        );
        assert_eq!(sparkline(&[Some(0.0), Some(0.0)]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn the_table_has_a_row_per_series_with_totals_and_rates() {
        let mut day = DayCounts {
            date: Some(date!(2026 - 11 - 25)),
            redeemed: 4,
            completed: 3,
            engaged: 3,
            ..DayCounts::default()
        };
        day.jobs.insert(Job::PlanChanged, 3);
        day.tickets.insert(TicketCategory::Plan, 1);
        day.funnel.opened = 4;
        day.funnel.reasons.insert("too_expensive".into(), 3);
        day.funnel.reasons.insert("moving".into(), 1);
        day.funnel.shown.insert("coupon".into(), 3);
        day.funnel.accepted.insert("coupon".into(), 2);
        day.funnel.cancelled = 1;
        let r = report(
            &[day],
            date!(2026 - 11 - 25),
            date!(2026 - 11 - 26),
            datetime!(2026-11-26 12:00 UTC),
            3600,
        );
        let text = table("proj_x", "Acme", &r);
        assert!(text.starts_with("Acme (proj_x) · 2026-11-25 to 2026-11-26"));
        let line = |label: &str| {
            text.lines()
                .find(|l| l.starts_with(label))
                .unwrap_or_else(|| panic!("no {label} row:\n{text}"))
                .to_owned()
        };
        assert!(line("completion rate").contains("75.0%"));
        assert!(line("deflection rate").contains("75.0%"));
        assert!(line("  plan changed").ends_with("█▁"));
        // The 26th is still open: its abandoned count is not known.
        assert!(line("abandoned").ends_with("█·"), "{}", line("abandoned"));
        assert!(text.contains("1 day(s) not settled"));
        // The cancel funnel, step by step, with its breakdowns and the save rate.
        let funnel = [
            ("cancel page opened", " 4 "),
            ("  reason moving", " 1 "),
            ("  reason too_expensive", " 3 "),
            ("  offer shown coupon", " 3 "),
            ("  offer shown pause", " 0 "),
            ("  offer accepted coupon", " 2 "),
            ("cancelled (funnel)", " 1 "),
            ("save rate", "75.0%"),
        ];
        let mut at = 0;
        for (label, total) in funnel {
            let row = line(label);
            assert!(row.contains(total), "{label}: {row}");
            let i = text.find(&row).unwrap_or(0);
            assert!(i > at, "{label} out of order:\n{text}");
            at = i;
        }
    }
}
