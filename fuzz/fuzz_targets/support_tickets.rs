//! `POST /v1/support_tickets`: `session::parse_json` then create-session's
//! `parse_tickets` (one ticket, or `{"tickets": [...]}` of 1 to 100).
//!
//! Checked: an accepted batch has 1-100 tickets, each with a known category and a
//! `created` within the accepted window (366 days back, 300 s ahead); a refused body is a
//! 400 in Stripe's error shape that names the parameter. Input: the request body.
#![no_main]

use billing_portal_fuzz::{now, NOW};
use create_session::fuzzing::{parse_tickets, MAX_TICKETS_BODY_BYTES};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shared::metrics::{TicketCategory, MAX_RANGE_DAYS, MAX_TICKETS_PER_REQUEST};
use shared::session::parse_json;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_TICKETS_BODY_BYTES {
        return; // answered 413 unread
    }
    let Ok(body) = parse_json(data) else {
        return;
    };
    match parse_tickets(&body, now()) {
        Ok(tickets) => {
            assert!((1..=MAX_TICKETS_PER_REQUEST).contains(&tickets.len()));
            let batch = body.get("tickets").and_then(Value::as_array);
            assert_eq!(tickets.len(), batch.map_or(1, Vec::len));
            for t in &tickets {
                assert!(
                    (NOW - MAX_RANGE_DAYS * 86_400..=NOW + 300).contains(&t.created),
                    "created {} accepted",
                    t.created
                );
                assert_eq!(
                    t.category.as_str().parse::<TicketCategory>().ok(),
                    Some(t.category)
                );
                if let Some(c) = &t.customer {
                    assert!(c.as_str().starts_with("cus_"));
                }
            }
            // The same body at the same time reads the same.
            let again = parse_tickets(&body, now()).expect("parsed once, parses again");
            assert_eq!(again, tickets);
        }
        Err(e) => {
            let res = e.to_response();
            assert_eq!(res.status(), 400, "{e:?}");
            let json: Value = serde_json::from_str(res.body()).expect("an error body is JSON");
            assert!(json["error"]["message"].is_string());
            assert!(json["error"]["type"].is_string());
        }
    }
});
