//! `GET /v1/metrics?from=…&to=…`: create-session's query reading and `parse_range`, then
//! the report of the range (`metrics::report`, pure) as it is built for projects with the
//! shortest, the default and the longest session.
//!
//! Checked: an accepted range is ordered, at most 366 days, its dates print back as they
//! were read, and its report has one day per date. Input: the query string.
#![no_main]

use billing_portal_fuzz::now;
use create_session::fuzzing::{metrics_query, parse_range};
use libfuzzer_sys::fuzz_target;
use shared::metrics::{format_day, parse_day, report, MAX_RANGE_DAYS};
use shared::project::DEFAULT_MAX_SESSION_SECONDS;
use shared::settings::SESSION_SECONDS;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let Some(pairs) = metrics_query(&format!("/v1/metrics?{query}")) else {
        return;
    };
    let Ok((from, to)) = parse_range(&pairs) else {
        return;
    };
    assert!(from <= to);
    let days = (to - from).whole_days() + 1;
    assert!((1..=MAX_RANGE_DAYS).contains(&days));
    for d in [from, to] {
        assert_eq!(
            parse_day(&format_day(d)),
            Some(d),
            "{d} does not print back"
        );
    }
    for max_session in [
        SESSION_SECONDS.0,
        DEFAULT_MAX_SESSION_SECONDS,
        SESSION_SECONDS.1,
    ] {
        let r = report(&[], from, to, now(), max_session);
        assert_eq!(r.days.len() as i64, days);
        assert_eq!(
            (r.from.as_str(), r.to.as_str()),
            (
                r.days[0].date.as_str(),
                r.days[r.days.len() - 1].date.as_str()
            )
        );
        assert_eq!(r.totals.minted, 0);
        serde_json::to_string(&r).expect("a report serialises");
    }
});
