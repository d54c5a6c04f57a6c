//! The sign-in page's inputs (`shared::login`): its form body (`LoginForm::parse` over the
//! portal's `Form`), the path segment (`LoginTarget::parse`, `LoginSlug::parse`), the
//! nonce cookie (`NonceCookie::find`) and the CSRF check (`csrf_matches`) with the fixture
//! keys. Input: the body; also read as a path segment, a `Cookie` header and a token.
#![no_main]

use billing_portal_fuzz::{login_csrf, now, signing_keys, PROJECT};
use libfuzzer_sys::fuzz_target;
use portal::fuzzing::Form;
use shared::ids::ProjectId;
use shared::login::{csrf_matches, LoginForm, LoginSlug, LoginTarget, NonceCookie};

fuzz_target!(|data: &[u8]| {
    let form = Form::of(data);
    let parsed = LoginForm::parse(form.pairs());
    if let Some(csrf) = &parsed.csrf {
        assert!(!csrf.is_empty() && csrf.len() <= 256);
        assert_eq!(form.get("csrf"), Some(csrf.as_str()));
    }
    if let Ok(address) = &parsed.address {
        let typed = form.get("email").unwrap_or_default();
        assert!(address.matches(typed), "an address matches what was typed");
        let lookups = address.lookups();
        assert!((1..=2).contains(&lookups.len()));
        assert!(lookups.iter().all(|l| l.len() <= 512 && l.trim() == *l));
        assert_eq!(address.digest().len(), 64);
        assert!(address.masked().contains('@'));
    }

    let project = ProjectId::parse(PROJECT).expect("the fixture id");
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match LoginTarget::parse(text) {
        Some(LoginTarget::Slug(slug)) => {
            assert_eq!(slug.as_str(), text);
            assert_eq!(LoginSlug::parse(slug.as_str()), Ok(slug));
        }
        Some(LoginTarget::Project(id)) => assert_eq!(id.as_str(), text),
        None => {}
    }
    for secure in [false, true] {
        let cookie = NonceCookie { secure };
        if let Some(nonce) = cookie.find([text]) {
            assert!(nonce.bytes().all(|b| b.is_ascii_alphanumeric()));
            // A token issued for that nonce holds; the input as a token never does,
            // unless it is that very token.
            let issued = login_csrf(nonce);
            assert!(csrf_matches(
                signing_keys(),
                &project,
                &issued,
                Some(nonce),
                now()
            ));
        }
    }
    let forged = csrf_matches(signing_keys(), &project, text, Some("N0nce"), now());
    assert!(!forged || text == login_csrf("N0nce"));
});
