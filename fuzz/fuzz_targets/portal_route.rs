//! The portal's route table: `PortalRoute::parse(method, path)`. Input: `<METHOD> <path>`.
//!
//! Checked: GET and HEAD route alike; no other method than GET, HEAD and POST reaches a
//! route; a token route's token is the path's; and a 405 names at least one method that
//! the same path does take (a path no method takes is a 404) — but for invoice links,
//! whose method is checked before their id (`route/tests.rs`: `POST
//! /portal/invoices/cus_1/pdf` is a 405 by design).
#![no_main]

use http::Method;
use libfuzzer_sys::fuzz_target;
use portal::fuzzing::{route, Route};
use shared::token::MAX_TOKEN_LEN;

const NAMES: [&str; 28] = [
    "stylesheet",
    "script",
    "accent",
    "favicon",
    "landing",
    "sign_in",
    "relink",
    "overview",
    "invoices",
    "invoice_page",
    "next_invoice",
    "return",
    "support",
    "set_locale",
    "invoice_link",
    "payment_method",
    "payment_method_update",
    "payment_method_return",
    "billing_details",
    "billing_details_save",
    "plan_page",
    "plan_change",
    "cancel_page",
    "subscription_action",
    "cancel_reason",
    "accept_offer",
    "login",
    "login_submit",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (method, path) = text.split_once(' ').unwrap_or(("GET", text));
    let Ok(method) = Method::from_bytes(method.as_bytes()) else {
        return;
    };
    let got = route(&method, path);
    assert_eq!(got, route(&method, path), "routing is deterministic");
    let read = method == Method::GET || method == Method::HEAD;
    if read {
        let other = if method == Method::GET {
            Method::HEAD
        } else {
            Method::GET
        };
        assert_eq!(got, route(&other, path), "GET and HEAD differ on {path:?}");
    }
    match &got {
        Route::Found { name, asset, token } => {
            assert!(read || method == Method::POST, "{method} reached {name}");
            assert!(NAMES.contains(name), "unknown route name {name}");
            assert!(path.starts_with("/portal") || path == "/favicon.ico");
            if *asset {
                assert!(read, "an asset answered {method}");
            }
            if let Some(token) = token {
                let rest = path.strip_prefix("/portal/s/").expect("a token route");
                assert!(rest.starts_with(token.as_str()));
                assert!(token.len() <= MAX_TOKEN_LEN + 16);
            }
        }
        Route::NotFound { name } => assert!(!name.is_empty()),
        Route::MethodNotAllowed { allow, .. } => {
            let methods: Vec<&str> = allow.split(", ").collect();
            assert!(!methods.is_empty());
            assert!(methods.iter().all(|m| ["GET", "HEAD", "POST"].contains(m)));
            assert!(
                !methods.contains(&method.as_str()),
                "405 for {method} names {method} as allowed"
            );
            let takes = |m: &str| {
                let m = Method::from_bytes(m.as_bytes()).expect("a method");
                matches!(route(&m, path), Route::Found { .. })
            };
            let invoice_link = path.starts_with("/portal/invoices/");
            assert!(
                invoice_link || methods.iter().any(|m| takes(m)),
                "405 on {path:?} names {allow}, and none of them is taken"
            );
        }
    }
});
