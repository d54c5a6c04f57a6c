//! The language of subscription emails: the portal session that caused the event (its
//! language written by the portal into the same Stripe update, honoured for events created
//! within the window after it), else the customer's `preferred_locales`, else the
//! project's default.

use http::StatusCode;
use serde_json::json;
use shared::i18n::{Catalogue, Lang};
use shared::mail::{META_LOCALE, META_LOCALE_AT, SESSION_LANG_WINDOW_SECS};

use crate::support::{now, World};
use crate::{DELETED, UPDATED};

/// Sets the Stripe customer's `preferred_locales`.
async fn prefer(w: &World, locales: &[&str]) {
    let form: Vec<(String, &str)> = locales
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("preferred_locales[{i}]"), *l))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let customer = w
        .stripe(&format!("/v1/customers/{}", w.customer), &form)
        .await;
    assert_eq!(customer["preferred_locales"], json!(locales), "{customer}");
}

/// Schedules a cancellation as the portal does for a session speaking `lang` at `at`: the
/// stamp in the same update. Returns the `updated` event.
async fn cancel_as_session(w: &World, lang: &str, at: i64) -> serde_json::Value {
    let at = at.to_string();
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[
            ("cancel_at_period_end", "true"),
            (&format!("metadata[{META_LOCALE}]"), lang),
            (&format!("metadata[{META_LOCALE_AT}]"), &at),
            // The tenant's own key, which the portal never sends.
            ("metadata[tenant_key]", "kept"),
        ],
    )
    .await;
    w.last_event(UPDATED).await
}

/// Moves the stand-in account's clock `seconds` ahead.
async fn advance(w: &World, seconds: i64) {
    let res = w
        .http
        .post(format!("{}/_standin/advance", w.stripe_base))
        .bearer_auth(&w.stripe_key)
        .json(&json!({ "seconds": seconds }))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}

/// The `locale` the email's portal link opens its session in (the token's claims).
fn link_locale(html: &str) -> String {
    use base64::Engine;
    let at = html.find("/portal/s/").expect("a portal link") + "/portal/s/".len();
    let token = &html[at..at + html[at..].find('"').unwrap()];
    let claims = token.split('.').nth(2).unwrap();
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(claims)
        .unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&claims).unwrap();
    claims["locale"].as_str().unwrap().to_owned()
}

fn period_end(w: &serde_json::Value) -> i64 {
    w["cancel_at"].as_i64().unwrap()
}

#[tokio::test]
async fn a_german_sessions_cancellation_is_german_though_the_customer_prefers_french() {
    let w = World::new().await;
    prefer(&w, &["fr-FR"]).await;
    let (de, fr) = (Catalogue::of(Lang::De), Catalogue::of(Lang::Fr));
    let scheduled = cancel_as_session(&w, "de", now()).await;
    assert_eq!(w.deliver(&scheduled).await.status, StatusCode::OK);
    let sub = w
        .stripe_get(&format!("/v1/subscriptions/{}", w.subscription))
        .await;
    assert_eq!(sub["metadata"]["tenant_key"], "kept");
    let emails = w.emails().await;
    assert_eq!(emails.len(), 1, "{emails:?}");
    let (subject, html) = &emails[0];
    assert_eq!(*subject, de.mail_cancel_scheduled_subject("Acme", "Pro"));
    assert!(html.contains("lang=\"de\""), "{html}");
    assert!(
        html.contains(&de.format_date(period_end(&sub))),
        "no German date: {html}"
    );
    assert_eq!(link_locale(html), "de");

    // Weeks later the cancellation takes effect: not the session's doing any more.
    advance(&w, 40 * 24 * 3600).await;
    let deleted = w.last_event(DELETED).await;
    assert!(
        deleted["created"].as_i64().unwrap()
            > scheduled["created"].as_i64().unwrap() + SESSION_LANG_WINDOW_SECS
    );
    assert_eq!(deleted["data"]["object"]["metadata"][META_LOCALE], "de");
    assert_eq!(w.deliver(&deleted).await.status, StatusCode::OK);
    let emails = w.emails().await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    let (subject, html) = &emails[1];
    assert_eq!(*subject, fr.mail_cancel_ended_subject("Acme", "Pro"));
    assert!(html.contains("lang=\"fr\""), "{html}");
    assert_eq!(link_locale(html), "auto");
}

#[tokio::test]
async fn a_stale_or_bad_session_stamp_gives_the_customers_language() {
    // Stamped longer ago than the window (a change made later in Stripe's dashboard keeps
    // the portal's old stamp), or stamped with what no portal writes.
    let stale = now() - SESSION_LANG_WINDOW_SECS - 60;
    for (lang, at) in [("de", stale), ("xx", now()), ("de", i64::MIN)] {
        let w = World::new().await;
        prefer(&w, &["fr"]).await;
        let scheduled = cancel_as_session(&w, lang, at).await;
        assert_eq!(w.deliver(&scheduled).await.status, StatusCode::OK);
        let emails = w.emails().await;
        assert_eq!(emails.len(), 1, "{emails:?}");
        assert_eq!(
            emails[0].0,
            Catalogue::of(Lang::Fr).mail_cancel_scheduled_subject("Acme", "Pro"),
            "stamp {lang} at {at}"
        );
    }
    // A value that is not even a number of seconds.
    let w = World::new().await;
    prefer(&w, &["fr"]).await;
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[
            ("cancel_at_period_end", "true"),
            (&format!("metadata[{META_LOCALE}]"), "de"),
            (&format!("metadata[{META_LOCALE_AT}]"), "yesterday"),
        ],
    )
    .await;
    let scheduled = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&scheduled).await.status, StatusCode::OK);
    let emails = w.emails().await;
    assert_eq!(
        emails[0].0,
        Catalogue::of(Lang::Fr).mail_cancel_scheduled_subject("Acme", "Pro")
    );
}

#[tokio::test]
async fn without_a_session_or_preferred_locales_the_projects_default_speaks() {
    let w = World::with_project(|p| p.default_locale = Lang::Ja).await;
    let ja = Catalogue::of(Lang::Ja);
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("cancel_at_period_end", "true")],
    )
    .await;
    let scheduled = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&scheduled).await.status, StatusCode::OK);
    // A preferred locale we do not ship is no better than none.
    prefer(&w, &["sv-SE"]).await;
    w.stripe(
        &format!("/v1/subscriptions/{}", w.subscription),
        &[("cancel_at_period_end", "false")],
    )
    .await;
    let undone = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&undone).await.status, StatusCode::OK);
    let emails = w.emails().await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert_eq!(emails[0].0, ja.mail_cancel_scheduled_subject("Acme", "Pro"));
    assert!(emails[0].1.contains("lang=\"ja\""), "{}", emails[0].1);
    assert_eq!(emails[1].0, ja.mail_cancel_undone_subject("Acme", "Pro"));
}

#[tokio::test]
async fn a_session_that_pauses_and_resumes_is_answered_in_its_language() {
    let w = World::new().await;
    prefer(&w, &["fr"]).await;
    let path = format!("/v1/subscriptions/{}", w.subscription);
    let resumes_at = (now() + 20 * 24 * 3600).to_string();
    let at = now().to_string();
    let stamp = [
        (format!("metadata[{META_LOCALE}]"), "pt-BR"),
        (format!("metadata[{META_LOCALE_AT}]"), at.as_str()),
    ];
    let stamp: Vec<(&str, &str)> = stamp.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let mut pause = vec![
        ("pause_collection[behavior]", "void"),
        ("pause_collection[resumes_at]", resumes_at.as_str()),
    ];
    pause.extend(&stamp);
    w.stripe(&path, &pause).await;
    let paused = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&paused).await.status, StatusCode::OK);
    let mut resume = vec![("pause_collection", "")];
    resume.extend(&stamp);
    w.stripe(&path, &resume).await;
    let resumed = w.last_event(UPDATED).await;
    assert_eq!(w.deliver(&resumed).await.status, StatusCode::OK);
    let pt = Catalogue::of(Lang::PtBr);
    let emails = w.emails().await;
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert_eq!(emails[0].0, pt.mail_paused_subject("Acme", "Pro"));
    assert_eq!(emails[1].0, pt.mail_resumed_subject("Acme", "Pro"));
}
