//! Subscription emails: which transition a subscription is in, its exactly-once key (the
//! claim itself is `claims::MailClaims`), rendering (text + HTML from the catalogue) and
//! sending through SES.
//!
//! Exactly once: the transition comes from the subscription's current state (re-read from
//! Stripe); its key names what is unique to it — the end of the subscription, or the one
//! event that scheduled, undid, paused or resumed — and is claimed with a conditional put
//! before sending, then released if the send fails so a retried delivery sends it.

use std::collections::BTreeMap;

use anyhow::Context;
use aws_sdk_ses::types::{Body, Content, Destination, Message};
use maud::html;

use crate::i18n::{choose_lang, Catalogue, Lang};
use crate::stripe::event::{EventKind, PreviousAttributes};
use crate::stripe::{Subscription, SubscriptionStatus};

/// Subscription metadata key: the language of the portal session whose action last
/// changed the subscription (a shipped tag, `de`), written in that action's own update.
pub const META_LOCALE: &str = "portal_locale";
/// Subscription metadata key: when that action was made (epoch seconds, the portal's clock).
pub const META_LOCALE_AT: &str = "portal_locale_at";
/// How long after a portal action the subscription's events speak its session's language:
/// long enough for Stripe's deliveries and their retries of a bad hour, short enough that a
/// change the tenant makes later in Stripe's dashboard, or a cancellation taking effect at
/// the period end, is not told in the language of a session long gone.
pub const SESSION_LANG_WINDOW_SECS: i64 = 15 * 60;
/// An event may carry a `created` up to this much before the portal's stamp (Stripe's
/// clock and the Lambda's are not the same clock).
pub const SESSION_LANG_SKEW_SECS: i64 = 60;

/// The metadata a portal action writes with its own update so that the emails it causes
/// speak the session's language (`META_LOCALE`, `META_LOCALE_AT`; the tenant's own keys
/// are never sent, so never changed).
pub fn session_lang_metadata(lang: Lang, now: i64) -> BTreeMap<String, String> {
    BTreeMap::from([
        (META_LOCALE.to_owned(), lang.tag().to_owned()),
        (META_LOCALE_AT.to_owned(), now.to_string()),
    ])
}

/// The language of the portal session that caused an event: the subscription's
/// `META_LOCALE` (as the event's own snapshot has it) when the event was created within
/// `SESSION_LANG_WINDOW_SECS` after `META_LOCALE_AT`. Metadata is untrusted (the tenant can
/// edit it in Stripe's dashboard): a tag we do not ship, a malformed time, or an event
/// without `created` names nothing.
pub fn session_lang(
    metadata: &BTreeMap<String, String>,
    event_created: Option<i64>,
) -> Option<Lang> {
    let lang = Lang::parse(metadata.get(META_LOCALE)?.trim())?;
    let at: i64 = metadata.get(META_LOCALE_AT)?.trim().parse().ok()?;
    let created = event_created?;
    let window =
        at.saturating_sub(SESSION_LANG_SKEW_SECS)..=at.saturating_add(SESSION_LANG_WINDOW_SECS);
    window.contains(&created).then_some(lang)
}

/// The language of a subscription email: the session that caused it (see
/// [`session_lang`]), else the customer's `preferred_locales` (the first we ship), else the
/// project's default.
pub fn mail_lang(
    metadata: &BTreeMap<String, String>,
    event_created: Option<i64>,
    preferred_locales: &[String],
    project_default: Lang,
) -> Lang {
    session_lang(metadata, event_created)
        .unwrap_or_else(|| choose_lang("auto", preferred_locales, None, project_default))
}

/// A change in a subscription the customer is told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// Cancellation scheduled; the plan ends at `ends_at`.
    CancelScheduled {
        /// Epoch seconds.
        ends_at: i64,
    },
    /// The subscription is cancelled.
    CancelTookEffect {
        /// Epoch seconds.
        ended_at: i64,
    },
    /// A scheduled cancellation was undone (renewed).
    CancelUndone,
    /// Collection paused, until `resumes_at` if set.
    Paused {
        /// Epoch seconds.
        resumes_at: Option<i64>,
    },
    /// Collection resumed.
    Resumed,
}

/// Whether `event` is the one that scheduled a cancellation (or moved its date): its own
/// snapshot is scheduled and the values before it were not these.
fn schedules(snapshot: &Subscription, previous: &PreviousAttributes) -> bool {
    snapshot.cancellation_scheduled()
        && (previous.cancel_at_period_end == Some(Some(false))
            || previous
                .cancel_at
                .is_some_and(|before| before != snapshot.cancel_at))
}

/// Whether `event` is the one that paused collection (or changed its resume date).
fn pauses(kind: EventKind, snapshot: &Subscription, previous: &PreviousAttributes) -> bool {
    kind == EventKind::SubscriptionPaused
        || (snapshot.collection_paused()
            && previous
                .pause_collection
                .as_ref()
                .is_some_and(|before| *before != snapshot.pause_collection))
}

/// The transition `current` (the subscription as Stripe has it now) is in, with its
/// exactly-once key; the event (its id, kind, snapshot and previous attributes) says
/// whether it is the event that caused it (only that one mails, so cancelling, renewing
/// and cancelling again within one second are still two cancellations, two emails).
/// `None`: nothing to tell the customer.
pub fn decide(
    current: &Subscription,
    event_id: &str,
    kind: EventKind,
    snapshot: &Subscription,
    previous: &PreviousAttributes,
) -> Option<(Transition, String)> {
    if event_id.is_empty() {
        return None;
    }
    if current.status == SubscriptionStatus::Canceled {
        let ended_at = current.ended_at.or(current.canceled_at)?;
        return Some((
            Transition::CancelTookEffect { ended_at },
            format!("cancel_ended#{ended_at}"),
        ));
    }
    if current.status == SubscriptionStatus::IncompleteExpired {
        return None;
    }
    if current.cancellation_scheduled() {
        if !schedules(snapshot, previous) {
            return None;
        }
        let ends_at = current.cancel_at.or_else(|| current.next_renewal())?;
        return Some((
            Transition::CancelScheduled { ends_at },
            format!("cancel_scheduled#{event_id}"),
        ));
    }
    if current.is_paused() {
        if !pauses(kind, snapshot, previous) {
            return None;
        }
        let resumes_at = current.pause_collection.as_ref().and_then(|p| p.resumes_at);
        return Some((
            Transition::Paused { resumes_at },
            format!("paused#{event_id}"),
        ));
    }
    let was_scheduled = previous.cancel_at_period_end == Some(Some(true))
        || previous.cancel_at.is_some_and(|v| v.is_some());
    if was_scheduled {
        return Some((
            Transition::CancelUndone,
            format!("cancel_undone#{event_id}"),
        ));
    }
    // A paused *status* ends with both `.resumed` and `.updated`: only the first mails.
    let was_paused = previous
        .pause_collection
        .as_ref()
        .is_some_and(Option::is_some)
        || kind == EventKind::SubscriptionResumed;
    if was_paused {
        return Some((Transition::Resumed, format!("resumed#{event_id}")));
    }
    None
}

/// An email with a text and an HTML part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    /// Sender (a verified SES identity).
    pub from: String,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Text part.
    pub text: String,
    /// HTML part, if any.
    pub html: Option<String>,
}

/// What a subscription email says.
#[derive(Debug, Clone)]
pub struct SubscriptionMail<'a> {
    /// The tenant's name.
    pub tenant: &'a str,
    /// The plan's name.
    pub plan: &'a str,
    /// What happened.
    pub transition: &'a Transition,
    /// A portal link (signed-in, or one that offers a new link once expired).
    pub portal_link: &'a str,
}

/// Renders subject, text and HTML from the catalogue.
pub fn render(cat: &Catalogue, mail: &SubscriptionMail<'_>, from: &str, to: &str) -> Email {
    let (tenant, plan) = (mail.tenant, mail.plan);
    let (subject, paragraphs) = match mail.transition {
        Transition::CancelScheduled { ends_at } => (
            cat.mail_cancel_scheduled_subject(tenant, plan),
            vec![
                cat.mail_cancel_scheduled_ends(plan, &cat.format_date(*ends_at)),
                cat.mail_cancel_scheduled_keep(plan),
                cat.mail_cancel_scheduled_renew().to_owned(),
            ],
        ),
        Transition::CancelTookEffect { ended_at } => (
            cat.mail_cancel_ended_subject(tenant, plan),
            vec![
                cat.mail_cancel_ended_body(plan, &cat.format_date(*ended_at)),
                cat.mail_cancel_ended_welcome().to_owned(),
            ],
        ),
        Transition::CancelUndone => (
            cat.mail_cancel_undone_subject(tenant, plan),
            vec![cat.mail_cancel_undone_body(plan)],
        ),
        Transition::Paused { resumes_at } => (
            cat.mail_paused_subject(tenant, plan),
            vec![match resumes_at {
                Some(at) => cat.mail_paused_until(plan, &cat.format_date(*at)),
                None => cat.mail_paused(plan),
            }],
        ),
        Transition::Resumed => (
            cat.mail_resumed_subject(tenant, plan),
            vec![cat.mail_resumed_body(plan)],
        ),
    };
    let intro = cat.mail_portal_link_intro(tenant);
    let mut text = paragraphs.join("\n\n");
    text.push_str(&format!(
        "\n\n{intro}\n{}\n\n{}\n",
        mail.portal_link,
        cat.mail_link_expired_hint()
    ));
    let html = html! {
        (maud::DOCTYPE)
        html lang=(cat.lang()) {
            head { meta charset="utf-8"; title { (subject) } }
            body {
                @for p in &paragraphs { p { (p) } }
                p { (intro) " " a href=(mail.portal_link) { (cat.mail_portal_link_text()) } }
                p { (cat.mail_link_expired_hint()) }
            }
        }
    };
    Email {
        from: from.to_owned(),
        to: to.to_owned(),
        subject,
        text,
        html: Some(html.into_string()),
    }
}

/// Sends an email through SES v1 `SendEmail` (text part, and HTML part if present).
pub async fn send(ses: &aws_sdk_ses::Client, email: &Email) -> anyhow::Result<()> {
    let content = |text: &str| Content::builder().data(text).charset("UTF-8").build();
    let mut body = Body::builder().text(content(&email.text)?);
    if let Some(html) = &email.html {
        body = body.html(content(html)?);
    }
    ses.send_email()
        .source(&email.from)
        .destination(Destination::builder().to_addresses(&email.to).build())
        .message(
            Message::builder()
                .subject(content(&email.subject)?)
                .body(body.build())
                .build(),
        )
        .send()
        .await
        .context("sending an email through SES")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stripe::event::{self, EventData};
    use serde_json::{json, Value};

    /// A subscription object with the fields Stripe always sends filled in.
    fn complete(mut sub: Value) -> Value {
        let defaults = json!({"id": "sub_1", "customer": "cus_1", "status": "active"});
        if let (Some(sub), Some(defaults)) = (sub.as_object_mut(), defaults.as_object()) {
            for (k, v) in defaults {
                sub.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        sub
    }

    /// `decide` on JSON as Stripe sends it: the event goes through the webhook's parser.
    fn decide(current: &Value, event: &Value) -> Option<(Transition, String)> {
        let mut event = event.clone();
        let current: Subscription = serde_json::from_value(complete(current.clone())).unwrap();
        if let Some(object) = event.pointer_mut("/data/object") {
            *object = complete(object.take());
        }
        let body = serde_json::to_vec(&event).unwrap();
        let (id, _, parsed) = event::parse(&body).ok()?;
        let parsed = parsed.unwrap();
        let EventData::Subscription { snapshot, previous } = &parsed.data else {
            panic!("not a subscription event");
        };
        super::decide(&current, &id, parsed.kind, snapshot, previous)
    }

    fn event(prev: Value) -> Value {
        updated("evt_1", json!({}), prev)
    }

    fn updated(id: &str, object: Value, prev: Value) -> Value {
        json!({"id": id, "type": "customer.subscription.updated",
               "data": {"object": object, "previous_attributes": prev}})
    }

    #[test]
    fn a_scheduled_cancel_is_keyed_by_the_event_that_scheduled_it() {
        let sub = json!({"status": "active", "cancel_at_period_end": true, "cancel_at": 2000, "canceled_at": 1000});
        let scheduling = updated(
            "evt_s1",
            sub.clone(),
            json!({"cancel_at_period_end": false, "cancel_at": null, "canceled_at": null}),
        );
        let (t, key) = decide(&sub, &scheduling).unwrap();
        assert_eq!(t, Transition::CancelScheduled { ends_at: 2000 });
        assert_eq!(key, "cancel_scheduled#evt_s1");
        // Cancel, renew, cancel again in the same second: the second is its own email.
        let again = updated(
            "evt_s2",
            sub.clone(),
            json!({"cancel_at_period_end": false, "cancel_at": null, "canceled_at": null}),
        );
        assert_eq!(decide(&sub, &again).unwrap().1, "cancel_scheduled#evt_s2");
        // Moving the date of a scheduled cancellation tells the customer the new date.
        let moved = updated("evt_s3", sub.clone(), json!({"cancel_at": 1500}));
        assert_eq!(decide(&sub, &moved).unwrap().1, "cancel_scheduled#evt_s3");
        // Any other change while scheduled (a late undo event, metadata) says nothing.
        let undo_seen_late = updated(
            "evt_u1",
            json!({"status": "active", "cancel_at_period_end": false, "cancel_at": null}),
            json!({"cancel_at_period_end": true, "cancel_at": 2000, "canceled_at": 1000}),
        );
        assert_eq!(decide(&sub, &undo_seen_late), None);
        assert_eq!(
            decide(
                &sub,
                &updated("evt_m", sub.clone(), json!({"metadata": {}}))
            ),
            None
        );
    }

    #[test]
    fn a_pause_is_keyed_by_the_event_that_paused() {
        let pc = json!({"behavior": "void", "resumes_at": 5000});
        let sub = json!({"status": "active", "cancel_at_period_end": false, "cancel_at": null, "pause_collection": pc});
        let pausing = updated("evt_p1", sub.clone(), json!({"pause_collection": null}));
        let (t, key) = decide(&sub, &pausing).unwrap();
        assert_eq!(
            t,
            Transition::Paused {
                resumes_at: Some(5000)
            }
        );
        assert_eq!(key, "paused#evt_p1");
        assert_eq!(
            decide(
                &sub,
                &updated("evt_m", sub.clone(), json!({"metadata": {}}))
            ),
            None
        );
    }

    #[test]
    fn an_event_without_an_id_sends_nothing() {
        let sub = json!({"status": "canceled", "ended_at": 3000});
        assert_eq!(
            decide(&sub, &json!({"type": "customer.subscription.deleted"})),
            None
        );
    }

    #[test]
    fn a_canceled_subscription_wins_over_any_event() {
        let sub = json!({"status": "canceled", "ended_at": 3000, "canceled_at": 1000, "cancel_at_period_end": true});
        let (t, key) = decide(&sub, &event(json!({"cancel_at_period_end": false}))).unwrap();
        assert_eq!(t, Transition::CancelTookEffect { ended_at: 3000 });
        assert_eq!(key, "cancel_ended#3000");
    }

    #[test]
    fn undo_and_resume_come_from_previous_attributes() {
        let sub = json!({"status": "active", "cancel_at_period_end": false, "cancel_at": null, "pause_collection": null});
        let undo = event(json!({"cancel_at_period_end": true, "canceled_at": 1000}));
        assert_eq!(decide(&sub, &undo).unwrap().1, "cancel_undone#evt_1");
        let resume = event(json!({"pause_collection": {"behavior": "void", "resumes_at": 5}}));
        assert_eq!(decide(&sub, &resume).unwrap().0, Transition::Resumed);
        assert_eq!(decide(&sub, &event(json!({"metadata": {}}))), None);
    }

    #[test]
    fn the_email_names_the_plan_the_date_and_the_link() {
        let t = Transition::CancelScheduled {
            ends_at: 1_800_000_000,
        };
        let mail = SubscriptionMail {
            tenant: "Acme",
            plan: "Pro",
            transition: &t,
            portal_link: "https://x.test/portal/s/tok",
        };
        let e = render(
            Catalogue::english(),
            &mail,
            "billing@acme.test",
            "c@example.test",
        );
        let date = Catalogue::english().format_date(1_800_000_000);
        for part in [&e.text, e.html.as_ref().unwrap()] {
            assert!(
                part.contains("Pro")
                    && part.contains(&date)
                    && part.contains("https://x.test/portal/s/tok"),
                "{part}"
            );
        }
    }

    #[test]
    fn the_session_language_then_the_customers_then_the_projects() {
        let at = 1_800_000_000;
        let stamped = session_lang_metadata(Lang::De, at);
        let french = vec!["fr-FR".to_owned(), "en".to_owned()];
        let lang = |meta: &BTreeMap<String, String>, created, preferred: &[String]| {
            mail_lang(meta, created, preferred, Lang::It)
        };
        // The event the session's own update caused (and its retries within the window).
        assert_eq!(lang(&stamped, Some(at), &french), Lang::De);
        assert_eq!(
            lang(&stamped, Some(at + SESSION_LANG_WINDOW_SECS), &french),
            Lang::De
        );
        // A little clock skew between the portal and Stripe.
        assert_eq!(lang(&stamped, Some(at - 30), &french), Lang::De);
        // Later events (a dashboard change, the cancellation taking effect months later):
        // the customer's language, else the project's.
        let later = Some(at + SESSION_LANG_WINDOW_SECS + 1);
        assert_eq!(lang(&stamped, later, &french), Lang::Fr);
        assert_eq!(lang(&stamped, later, &[]), Lang::It);
        assert_eq!(lang(&stamped, Some(at - 3600), &french), Lang::Fr);
        // No stamp, or an event without `created`.
        assert_eq!(lang(&BTreeMap::new(), Some(at), &french), Lang::Fr);
        assert_eq!(lang(&stamped, None, &french), Lang::Fr);
        assert_eq!(lang(&BTreeMap::new(), None, &[]), Lang::It);
        // A preferred locale we do not ship is skipped.
        let unshipped = vec!["sv".to_owned(), "ja-JP".to_owned()];
        assert_eq!(lang(&BTreeMap::new(), None, &unshipped), Lang::Ja);
    }

    #[test]
    fn a_bad_session_stamp_is_ignored() {
        let at = 1_800_000_000;
        let meta = |tag: &str, when: &str| {
            BTreeMap::from([
                (META_LOCALE.to_owned(), tag.to_owned()),
                (META_LOCALE_AT.to_owned(), when.to_owned()),
            ])
        };
        let french = vec!["fr".to_owned()];
        let bad = [
            meta("xx", &at.to_string()),
            meta("", &at.to_string()),
            meta("de-AT-but-long", &at.to_string()),
            meta(&"d".repeat(10_000), &at.to_string()),
            meta("de", "soon"),
            meta("de", ""),
            meta("de", "1e9"),
            meta("de", "99999999999999999999999"),
            BTreeMap::from([(META_LOCALE.to_owned(), "de".to_owned())]),
            BTreeMap::from([(META_LOCALE_AT.to_owned(), at.to_string())]),
        ];
        for m in &bad {
            assert_eq!(session_lang(m, Some(at)), None, "{m:?}");
            assert_eq!(mail_lang(m, Some(at), &french, Lang::En), Lang::Fr, "{m:?}");
        }
        // Extremes of time never overflow.
        assert_eq!(
            session_lang(&meta("de", &i64::MAX.to_string()), Some(i64::MIN)),
            None
        );
        assert_eq!(
            session_lang(&meta("de", &i64::MIN.to_string()), Some(i64::MAX)),
            None
        );
        // The tag is matched exactly, whatever the case (the portal writes `pt-BR`).
        assert_eq!(
            session_lang(&meta("PT-br", &at.to_string()), Some(at)),
            Some(Lang::PtBr)
        );
    }
}
