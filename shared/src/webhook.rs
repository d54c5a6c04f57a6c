//! Stripe webhook signatures: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, an
//! HMAC-SHA256 over `"<t>.<raw body>"`. Pure functions: the time is passed in.

use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// How far (seconds) a signature's timestamp may be from now.
pub const TOLERANCE_SECONDS: i64 = 300;

/// Why a signature was refused (all map to 400; the kind is for logs).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `Stripe-Signature` header.
    #[error("missing Stripe-Signature header")]
    Missing,
    /// The header is not `t=…,v1=…`.
    #[error("malformed Stripe-Signature header")]
    Malformed,
    /// The timestamp is outside the tolerance.
    #[error("signature timestamp outside the tolerance")]
    Stale,
    /// No `v1` value matches any live secret.
    #[error("no signature matches")]
    Mismatch,
    /// No live secret is configured.
    #[error("no webhook secret configured")]
    NoSecret,
}

/// The parsed header: timestamp and every `v1` signature (raw bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    /// `t`.
    pub timestamp: i64,
    /// Each `v1`, hex-decoded.
    pub v1: Vec<Vec<u8>>,
}

/// Parses a `Stripe-Signature` header value; unknown schemes (`v0`, …) are ignored.
pub fn parse_header(value: &str) -> Result<SignatureHeader, SignatureError> {
    let mut timestamp = None;
    let mut v1 = Vec::new();
    for part in value.split(',') {
        let (k, v) = part
            .trim()
            .split_once('=')
            .ok_or(SignatureError::Malformed)?;
        match k {
            "t" => timestamp = Some(v.parse::<i64>().map_err(|_| SignatureError::Malformed)?),
            "v1" => v1.push(hex::decode(v).map_err(|_| SignatureError::Malformed)?),
            _ => {}
        }
    }
    match timestamp {
        Some(timestamp) if !v1.is_empty() => Ok(SignatureHeader { timestamp, v1 }),
        _ => Err(SignatureError::Malformed),
    }
}

fn mac(payload: &[u8], secret: &str, t: i64) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC-SHA256 takes any key length"));
    m.update(t.to_string().as_bytes());
    m.update(b".");
    m.update(payload);
    m.finalize().into_bytes().to_vec()
}

/// Splits the SSM value (comma-separated secrets) into the live secrets.
pub fn live_secrets(value: &SecretString) -> Vec<SecretString> {
    value
        .expose_secret()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| SecretString::from(s.to_owned()))
        .collect()
}

/// Verifies `header` over the raw `payload` against any of `secrets` at time `now`.
pub fn verify(
    payload: &[u8],
    header: Option<&str>,
    secrets: &[SecretString],
    now: i64,
) -> Result<(), SignatureError> {
    let header = parse_header(header.ok_or(SignatureError::Missing)?)?;
    // `abs_diff`: an extreme timestamp (i64::MIN) must not overflow.
    if now.abs_diff(header.timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    if secrets.is_empty() {
        return Err(SignatureError::NoSecret);
    }
    // Compare against every pair without stopping early, so timing reveals nothing.
    let mut ok = subtle::Choice::from(0u8);
    for secret in secrets {
        let expected = mac(payload, secret.expose_secret(), header.timestamp);
        for given in &header.v1 {
            ok |= expected.ct_eq(given);
        }
    }
    if bool::from(ok) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// A `Stripe-Signature` header value for `payload` signed with `secret` at `t` (tests, tools).
pub fn sign(payload: &[u8], secret: &str, t: i64) -> String {
    format!("t={t},v1={}", hex::encode(mac(payload, secret, t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;
    const BODY: &[u8] = br#"{"id":"evt_1","type":"customer.subscription.updated"}"#;

    #[test]
    fn extreme_timestamps_are_stale_not_a_panic() {
        let secrets = [SecretString::from("whsec_x")];
        for t in [i64::MIN, i64::MAX, -1, 0] {
            let header = format!("t={t},v1={}", "0".repeat(64));
            assert_eq!(
                verify(BODY, Some(&header), &secrets, NOW),
                Err(SignatureError::Stale),
                "{t}"
            );
        }
        let header = format!("t={},v1={}", i64::MAX, "0".repeat(64));
        assert_eq!(
            verify(BODY, Some(&header), &secrets, i64::MIN),
            Err(SignatureError::Stale)
        );
    }

    fn secrets(list: &[&str]) -> Vec<SecretString> {
        list.iter()
            .map(|s| SecretString::from(s.to_string()))
            .collect()
    }

    #[test]
    fn a_valid_signature_is_accepted() {
        let h = sign(BODY, "whsec_a", NOW);
        assert_eq!(
            verify(BODY, Some(&h), &secrets(&["whsec_a"]), NOW + 10),
            Ok(())
        );
    }

    #[test]
    fn a_signature_with_the_wrong_secret_is_refused() {
        let h = sign(BODY, "whsec_other", NOW);
        assert_eq!(
            verify(BODY, Some(&h), &secrets(&["whsec_a"]), NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn an_altered_body_is_refused() {
        let h = sign(BODY, "whsec_a", NOW);
        let altered = br#"{"id":"evt_2","type":"customer.subscription.updated"}"#;
        assert_eq!(
            verify(altered, Some(&h), &secrets(&["whsec_a"]), NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_stale_timestamp_is_refused_both_ways() {
        let h = sign(BODY, "whsec_a", NOW);
        let s = secrets(&["whsec_a"]);
        assert_eq!(
            verify(BODY, Some(&h), &s, NOW + 301),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(BODY, Some(&h), &s, NOW - 301),
            Err(SignatureError::Stale)
        );
        assert_eq!(verify(BODY, Some(&h), &s, NOW + 300), Ok(()));
    }

    #[test]
    fn a_missing_header_is_refused() {
        assert_eq!(
            verify(BODY, None, &secrets(&["whsec_a"]), NOW),
            Err(SignatureError::Missing)
        );
    }

    #[test]
    fn garbage_headers_are_refused() {
        let s = secrets(&["whsec_a"]);
        for h in [
            "",
            "garbage",
            "t=abc,v1=00",
            "t=1800000000",
            "v1=00",
            "t=1800000000,v1=zz",
        ] {
            assert!(verify(BODY, Some(h), &s, NOW).is_err(), "{h:?} accepted");
        }
    }

    #[test]
    fn two_live_secrets_are_both_accepted() {
        let s = live_secrets(&SecretString::from("whsec_old, whsec_new".to_owned()));
        assert_eq!(s.len(), 2);
        for secret in ["whsec_old", "whsec_new"] {
            let h = sign(BODY, secret, NOW);
            assert_eq!(verify(BODY, Some(&h), &s, NOW), Ok(()));
        }
    }

    #[test]
    fn any_of_several_v1_values_may_match() {
        let good = sign(BODY, "whsec_a", NOW);
        let v1 = good.split_once(",v1=").map(|(_, v)| v).unwrap_or_default();
        let h = format!("t={NOW},v1={},v1={v1},v0=abc", "00".repeat(32));
        assert_eq!(verify(BODY, Some(&h), &secrets(&["whsec_a"]), NOW), Ok(()));
    }
}
