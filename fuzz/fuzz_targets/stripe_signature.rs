//! `Stripe-Signature`: `webhook::parse_header` and `webhook::verify`.
//!
//! Input: `<header>\n<payload>`. The header is verified as it comes (it can never match:
//! a fuzzer cannot forge an HMAC), then with a valid signature appended to it, which must
//! verify whenever the whole header parses: other parts never hide a good signature.
#![no_main]

use billing_portal_fuzz::{split, NOW};
use libfuzzer_sys::fuzz_target;
use secrecy::SecretString;
use shared::webhook::{parse_header, sign, verify, SignatureError, TOLERANCE_SECONDS};

const SECRET: &str = "whsec_fuzz";

fuzz_target!(|data: &[u8]| {
    let (header, payload) = split(data, b'\n');
    let Ok(header) = std::str::from_utf8(header) else {
        return;
    };
    let secrets = [SecretString::from(SECRET)];

    let parsed = parse_header(header);
    if let Ok(h) = &parsed {
        assert!(!h.v1.is_empty());
    }
    match verify(payload, Some(header), &secrets, NOW) {
        Ok(()) => {
            // Only a header carrying the real signature for its own timestamp verifies.
            let h = parsed.as_ref().expect("a verified header parses");
            assert!(NOW.abs_diff(h.timestamp) <= TOLERANCE_SECONDS.unsigned_abs());
            let good = sign(payload, SECRET, h.timestamp);
            let mac = hex::decode(good.rsplit_once("v1=").expect("v1").1).expect("hex");
            assert!(h.v1.contains(&mac), "verified without the real signature");
        }
        Err(e) => {
            if parsed.is_err() {
                assert_eq!(e, SignatureError::Malformed);
            }
        }
    }
    assert!(
        verify(payload, Some(header), &[], NOW).is_err(),
        "verified with no secret"
    );

    // A good signature (its `t` last, so it is the header's timestamp) next to the
    // fuzzed parts, signed `age` seconds ago.
    let age = i64::from(header.len() as u16 % 400);
    let good = sign(payload, SECRET, NOW - age);
    let combined = format!("{header},{good}");
    let result = verify(payload, Some(&combined), &secrets, NOW);
    match parse_header(&combined) {
        Err(_) => assert_eq!(result, Err(SignatureError::Malformed)),
        Ok(_) if age > TOLERANCE_SECONDS => assert_eq!(result, Err(SignatureError::Stale)),
        Ok(_) => assert_eq!(
            result,
            Ok(()),
            "a valid signature was refused: {combined:?}"
        ),
    }
    // The same header over another body never verifies.
    let mut other = payload.to_vec();
    other.push(b' ');
    assert!(verify(&other, Some(&combined), &secrets, NOW).is_err());
});
