//! Portal tokens: `SigningKeys::verify(raw, now)` (shape, base64, HMAC, claims JSON, expiry).
//!
//! A fuzzer cannot forge an HMAC, so besides the raw input (shape checks) the target signs
//! what the input puts in front of the signature: the claims JSON and its base64 are then
//! reached too. Input: the first byte picks the mode, the rest is the data.
//! - `r` + a raw token, verified as it comes;
//! - `h` + a signing input (`v1.k1.<payload>`), signed with `k1`, then verified;
//! - anything else + a claims JSON, encoded and signed as `SigningKeys::sign` does.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use billing_portal_fuzz::{now, signing_keys, token_mac, NOW};
use libfuzzer_sys::fuzz_target;
use shared::token::{SigningKeys, TokenError, MAX_TOKEN_LEN};

fuzz_target!(|data: &[u8]| {
    let keys = signing_keys();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        b'r' => {
            let Ok(raw) = std::str::from_utf8(rest) else {
                return;
            };
            check(keys, raw, false);
        }
        b'h' => {
            let Ok(head) = std::str::from_utf8(rest) else {
                return;
            };
            let raw = format!("{head}.{}", token_mac(head.as_bytes()));
            // Signed by k1 over exactly `v1.k1.<payload>`: the signature must hold.
            let well_signed = head
                .strip_prefix("v1.k1.")
                .is_some_and(|payload| !payload.contains('.'));
            check(keys, &raw, well_signed);
        }
        _ => {
            let head = format!("v1.k1.{}", URL_SAFE_NO_PAD.encode(rest));
            let raw = format!("{head}.{}", token_mac(head.as_bytes()));
            check(keys, &raw, true);
        }
    }
});

fn check(keys: &SigningKeys, raw: &str, well_signed: bool) {
    match keys.verify(raw, now()) {
        Ok(verified) => {
            let claims = verified.claims();
            assert!(raw.len() <= MAX_TOKEN_LEN && raw.is_ascii());
            assert!(claims.exp > NOW, "an expired token verified");
            // What verifies re-signs to a token that verifies to the same claims.
            let again = keys.sign(claims).expect("signing verified claims");
            let back = keys
                .verify(again.expose(), now())
                .expect("a re-signed token verifies");
            assert_eq!(back.claims(), claims);
            // Signing is deterministic (an idempotent replay rebuilds its link so).
            assert_eq!(keys.sign(claims).expect("signing").expose(), again.expose());
        }
        Err(e) => {
            if well_signed && raw.len() <= MAX_TOKEN_LEN && raw.is_ascii() {
                assert!(
                    !matches!(e, TokenError::BadSignature | TokenError::UnknownKey),
                    "a token signed with k1 was refused: {e:?}"
                );
            }
        }
    }
}
