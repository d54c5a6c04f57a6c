//! The portal's form bodies and query strings (`request::Form`, `request::Query`, the
//! per-render nonce, the `?notice=` flash) and the one-click subscription actions read
//! from them: `cancel::Action::parse` for cancel, renew, pause and resume under both
//! fixture projects, then `Action::write` and `Action::applied` on each fixture
//! subscription. Input: the body (also read as the query of `/portal?<input>`).
#![no_main]

use billing_portal_fuzz::{project, strict_project, subscriptions, NOW};
use libfuzzer_sys::fuzz_target;
use portal::fuzzing::{Form, Query, MAX_FORM_BYTES};
use shared::cancel::{Action, Verb, Write, MAX_COMMENT_CHARS, REASON_CODES};

const DAY: i64 = 86_400;

fuzz_target!(|data: &[u8]| {
    let form = Form::of(data);
    let reference: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    if data.len() > MAX_FORM_BYTES {
        assert_eq!(form.pairs().count(), 0, "an oversized form was read");
    } else {
        let pairs: Vec<(&str, &str)> = form.pairs().collect();
        assert_eq!(pairs.len(), reference.len());
        for name in ["csrf", "nonce", "reason", "comment", "days"] {
            let first = reference
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str());
            assert_eq!(form.get(name), first);
        }
    }
    let nonce = form.nonce();
    assert!(nonce.len() <= 64 && nonce.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert!(nonce.is_empty() || form.get("nonce") == Some(nonce));
    if let Some(v) = form.bounded("comment", 100) {
        assert!(v.len() <= 100);
    }

    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(q) = Query::of_uri(&format!("/portal?{text}")) {
            if q.has_notice() {
                assert_eq!(q.get("notice"), Some("action_failed"));
            }
            let _ = q.get("starting_after");
        }
    }

    for project in [project(), strict_project()] {
        for verb in [Verb::Cancel, Verb::Renew, Verb::Pause, Verb::Resume] {
            assert_eq!(Verb::of(verb.as_str()), Some(verb));
            let Ok(action) = Action::parse(verb, |name| form.get(name), project, NOW) else {
                assert_eq!(verb, Verb::Pause, "only a pause is ever refused");
                continue;
            };
            assert_eq!(action.verb(), verb);
            match &action {
                Action::Cancel(cancel) => {
                    let details = &cancel.details;
                    if !project.reason_survey {
                        assert!(details.is_empty(), "a reason read without the survey");
                    }
                    if let Some(f) = &details.feedback {
                        assert!(REASON_CODES.contains(&f.as_str()));
                    }
                    // A project's own reason is `other` at Stripe, named in metadata.
                    if !cancel.metadata.is_empty() {
                        assert_eq!(details.feedback.as_deref(), Some("other"));
                    }
                    if let Some(c) = &details.comment {
                        assert!(!c.is_empty() && c.chars().count() <= MAX_COMMENT_CHARS);
                        assert_eq!(c.trim_start(), c.as_str());
                    }
                }
                Action::Pause { resumes_at } => {
                    assert!(project.pause_offered);
                    let days = (resumes_at - NOW) / DAY;
                    assert_eq!((resumes_at - NOW) % DAY, 0);
                    assert!((1..=i64::from(project.max_pause_days)).contains(&days));
                }
                Action::Renew | Action::Resume => {}
            }
            for sub in subscriptions() {
                let mode = project.cancellation_mode;
                match action.write(mode, sub) {
                    Write::Update { params, .. } => {
                        if matches!(action, Action::Pause { .. }) {
                            assert!(params.pause_collection.is_some());
                        }
                    }
                    Write::CancelNow(_) => assert!(matches!(action, Action::Cancel(_))),
                }
                let _ = action.applied(mode, sub);
                let _ = (action.job(), action.from_cancel_page());
            }
        }
    }
});
