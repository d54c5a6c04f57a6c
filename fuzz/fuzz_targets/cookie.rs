//! The `Cookie` header: `CookiePolicy::find` over the header values (one per line of the
//! input) under both policies, and `SessionCookie::parse` of each pair's value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::browser_session::{CookiePolicy, SessionCookie};

/// What a session cookie's value may hold: the project id, a dot, base64url. Nothing that
/// could end the `Set-Cookie` value or inject a header.
fn safe_value(v: &str) -> bool {
    v.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn check_cookie(raw: &str, c: &SessionCookie) {
    assert_eq!(c.expose(), raw, "a parsed cookie keeps its value");
    assert!(safe_value(c.expose()), "unsafe cookie value {raw:?}");
    let (project, _) = raw.split_once('.').expect("a cookie has a dot");
    assert_eq!(c.project().as_str(), project);
    assert_eq!(SessionCookie::parse(c.expose()).as_ref(), Some(c));
    let digest = c.digest();
    assert!(digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let headers: Vec<&str> = text.split('\n').collect();
    for secure in [true, false] {
        let policy = CookiePolicy { secure };
        let found = policy.find(headers.iter().copied());
        // The first pair named like the policy's cookie decides, as `find` documents.
        let first = headers
            .iter()
            .flat_map(|h| h.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == policy.name());
        match (&found, first) {
            (Some(c), Some((_, value))) => check_cookie(value.trim(), c),
            (None, Some((_, value))) => assert!(SessionCookie::parse(value.trim()).is_none()),
            (None, None) => {}
            (Some(_), None) => panic!("found a cookie without its name in the header"),
        }
        if let Some(c) = &found {
            // What we set is what we find again.
            let set = policy.set(c, 3600);
            assert!(!set.contains(['\r', '\n']));
            let sent = set.split(';').next().expect("a Set-Cookie has a pair");
            assert_eq!(policy.find([sent]).as_ref(), Some(c));
        }
    }
    for value in text.split([';', '\n']) {
        if let Some(c) = SessionCookie::parse(value) {
            check_cookie(value, &c);
        }
    }
});
