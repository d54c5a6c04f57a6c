//! `POST /v1/sessions`: `session::parse_json` and `SessionParams::parse`, then what the
//! parameters become: the claims of a portal token, signed and verified.
//!
//! Checked: every field of an accepted body is valid (and re-reads as the same
//! parameters); a refused one is a 400 in Stripe's error shape; and every session the API
//! accepts mints a link that verifies to its claims (`SigningKeys::sign` then `verify`).
//! Input: the request body.
#![no_main]

use billing_portal_fuzz::{now, project, signing_keys, FixedRandom, NOW};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use shared::error::ApiError;
use shared::idempotency::fingerprint;
use shared::session::{parse_json, SessionParams, MAX_EXPIRES_IN, MIN_EXPIRES_IN};
use shared::token::{Claims, TokenId, MAX_TOKEN_LEN};

fn refused(e: &ApiError, sent: usize) {
    let res = e.to_response();
    assert_eq!(res.status(), 400, "{e:?}");
    let body: Value = serde_json::from_str(res.body()).expect("an error body is JSON");
    assert!(body["error"]["type"].is_string() && body["error"]["message"].is_string());
    // An error may name what was sent (a parameter twice: `param` and `message`), no more.
    assert!(
        res.body().len() <= 2 * sent + 1024,
        "an error body of {} bytes",
        res.body().len()
    );
}

fuzz_target!(|data: &[u8]| {
    let value = match parse_json(data) {
        Ok(v) => v,
        Err(e) => return refused(&e, data.len()),
    };
    let params = match SessionParams::parse(&value) {
        Ok(p) => p,
        Err(e) => return refused(&e, data.len()),
    };
    assert!((MIN_EXPIRES_IN..=MAX_EXPIRES_IN).contains(&params.expires_in));
    if params.flow.needs_subscription() {
        assert!(params.subscription.is_some());
    }
    // The parameters, written out again, read back the same (a normalised return URL
    // included).
    let again = json!({
        "customer": params.customer,
        "return_url": params.return_url,
        "locale": params.locale,
        "flow": params.flow,
        "subscription": params.subscription,
        "expires_in": params.expires_in,
    });
    assert_eq!(
        SessionParams::parse(&again).as_ref().ok(),
        Some(&params),
        "parameters did not survive a round trip: {again}"
    );
    assert_eq!(
        fingerprint("POST /v1/sessions", &value),
        fingerprint("POST /v1/sessions", &value)
    );

    // `Sessions::create` (past the project and Stripe checks) signs these claims.
    let project = project();
    let claims = Claims {
        project: project.id.clone(),
        customer: params.customer.clone(),
        flow: params.flow,
        subscription: params.subscription.clone(),
        return_url: params.return_url.clone(),
        locale: params.locale.clone(),
        id: TokenId::generate(&FixedRandom).expect("fixed bytes"),
        exp: NOW + params.expires_in.min(i64::from(project.max_token_seconds)),
    };
    let keys = signing_keys();
    let token = keys.sign(&claims).expect("signing claims");
    let raw = token.expose();
    match keys.verify(raw, now()) {
        Ok(v) => assert_eq!(v.claims(), &claims),
        Err(e) => panic!(
            "an accepted session mints a link that does not verify ({e:?}, {} bytes, limit {MAX_TOKEN_LEN})",
            raw.len()
        ),
    }
});
