use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use shared::browser_session::BrowserSessionStore;
use shared::ids::{CustomerId, ProjectId};
use shared::store::keys;
use shared::token::{Claims, PortalToken, Redeem, TokenId, TokenStore};

use crate::support::*;

const NOW: i64 = 1_800_000_000;

/// Mints a token at `NOW` for `customer` of `project`, valid `secs`.
async fn mint(
    tokens: &TokenStore,
    project: &ProjectId,
    customer: &str,
    secs: i64,
) -> (PortalToken, Claims) {
    tokens
        .mint(
            token_request(project, customer, secs),
            "ps_test",
            at(NOW),
            rng(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sign_in_that_fails_leaves_the_link_usable_and_no_session() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let (token, _) = mint(&tokens, &p, "cus_X", 300).await;
    // A DynamoDB error on the session's write (a throttle, a timeout).
    let tap = test_support::DynamoTap::failing_on("BSESSION#");
    let broken = tap.table(&table).await;
    let failed = BrowserSessionStore::new(broken.clone())
        .sign_in(
            &store(&broken, &keys),
            token.expose(),
            3600,
            at(NOW + 1),
            rng(),
        )
        .await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(
        tap.take(),
        ["TransactWriteItems"],
        "one request, all or nothing"
    );
    // The link was not spent: it signs in now, once.
    let sessions = BrowserSessionStore::new(table.clone());
    let ok = sessions
        .sign_in(&tokens, token.expose(), 3600, at(NOW + 2), rng())
        .await
        .unwrap();
    let (claims, cookie, session) = ok.expect("the link still works");
    assert_eq!(claims.customer.as_str(), "cus_X");
    assert!(sessions
        .resume(&cookie, at(NOW + 3))
        .await
        .unwrap()
        .is_some());
    assert_eq!(session.customer.as_str(), "cus_X");
    let again = sessions
        .sign_in(&tokens, token.expose(), 3600, at(NOW + 4), rng())
        .await
        .unwrap();
    assert!(again.is_none(), "single use");
}

#[tokio::test]
async fn a_token_redeems_once() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let (token, claims) = mint(&tokens, &p, "cus_X", 300).await;
    let first = tokens.redeem(token.expose(), at(NOW + 1)).await.unwrap();
    assert_eq!(first, Redeem::Redeemed(claims));
    let second = tokens.redeem(token.expose(), at(NOW + 2)).await.unwrap();
    assert_eq!(second, Redeem::Refused);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_50_concurrent_redemptions_exactly_one_succeeds() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = Arc::new(store(&table, &keys));
    let (token, _) = mint(&tokens, &p, "cus_X", 300).await;
    let raw = Arc::new(token.expose().to_owned());
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let (tokens, raw) = (tokens.clone(), raw.clone());
            tokio::spawn(async move { tokens.redeem(&raw, at(NOW + 1)).await.unwrap() })
        })
        .collect();
    let mut wins = 0;
    for t in tasks {
        if matches!(t.await.unwrap(), Redeem::Redeemed(_)) {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
}

#[tokio::test]
async fn an_expired_token_fails() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let (token, _) = mint(&tokens, &p, "cus_X", 60).await;
    assert_eq!(
        tokens.redeem(token.expose(), at(NOW + 60)).await.unwrap(),
        Redeem::Refused
    );
    assert_eq!(
        tokens.check(token.expose(), at(NOW + 61)).await.unwrap(),
        Redeem::Refused
    );
}

/// TTL sweeps lag: the row of an expired token can still be there. The `DeleteItem`
/// condition on `expires_at` must refuse it even when the token itself still verifies.
#[tokio::test]
async fn an_expired_row_still_present_fails_even_if_the_token_verifies() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let id = TokenId::generate(rng()).unwrap();
    let mut claims = Claims {
        project: p.clone(),
        customer: CustomerId::parse("cus_X").unwrap(),
        flow: shared::ids::Flow::Invoices,
        subscription: None,
        return_url: None,
        locale: Default::default(),
        id,
        exp: NOW - 10,
    };
    tokens.put(&claims, "ps_1", at(NOW - 100)).await.unwrap();
    // The token says it is valid for another hour; the row says it expired.
    claims.exp = NOW + 3600;
    let token = keys.sign(&claims).unwrap();
    assert!(keys.verify(token.expose(), at(NOW)).is_ok());
    assert_eq!(
        tokens.redeem(token.expose(), at(NOW)).await.unwrap(),
        Redeem::Refused
    );
    let row = table
        .get(&keys::project_pk(&p), &keys::token(&claims.id.hash()))
        .await
        .unwrap();
    assert!(
        row.is_some(),
        "the refused redemption must not delete the row"
    );
}

#[tokio::test]
async fn a_token_with_one_flipped_byte_fails_without_a_database_read() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let (token, _) = mint(&tokens, &p, "cus_X", 300).await;
    // The same keys over a client that cannot reach any database: a request would be an Err.
    let blind = TokenStore::new(dead_table().await, keys.clone());
    assert!(
        blind.redeem(token.expose(), at(NOW + 1)).await.is_err(),
        "a valid token does reach the database"
    );
    let raw = token.expose().as_bytes();
    for i in (0..raw.len()).step_by(7) {
        let mut bad = raw.to_vec();
        bad[i] ^= 0x01;
        let bad = String::from_utf8(bad).unwrap();
        let out = blind.redeem(&bad, at(NOW + 1)).await;
        assert!(matches!(out, Ok(Redeem::Refused)), "byte {i}: {out:?}");
        let out = blind.check(&bad, at(NOW + 1)).await;
        assert!(matches!(out, Ok(Redeem::Refused)), "byte {i}: {out:?}");
    }
    // The genuine token is untouched by all of that.
    assert!(matches!(
        tokens.redeem(token.expose(), at(NOW + 1)).await.unwrap(),
        Redeem::Redeemed(_)
    ));
}

#[tokio::test]
async fn a_token_for_project_a_cannot_be_redeemed_as_project_b() {
    let (table, keys) = (fresh_table().await, keys());
    let (a, b) = (project(), project());
    let tokens = store(&table, &keys);
    let (token_a, claims_a) = mint(&tokens, &a, "cus_X", 300).await;
    let (_token_b, _) = mint(&tokens, &b, "cus_X", 300).await;

    // Rewriting the project inside A's token breaks its HMAC.
    let parts: Vec<&str> = token_a.expose().split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
    payload["project"] = b.as_str().into();
    let forged = format!(
        "{}.{}.{}.{}",
        parts[0],
        parts[1],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[3]
    );
    assert_eq!(
        tokens.redeem(&forged, at(NOW + 1)).await.unwrap(),
        Redeem::Refused
    );

    // Even a validly signed token naming B with A's token id finds no row under B.
    let mut as_b = claims_a.clone();
    as_b.project = b.clone();
    let signed_as_b = keys.sign(&as_b).unwrap();
    assert_eq!(
        tokens
            .redeem(signed_as_b.expose(), at(NOW + 1))
            .await
            .unwrap(),
        Redeem::Refused
    );

    // A's token still redeems, for A and its cus_X only.
    match tokens.redeem(token_a.expose(), at(NOW + 1)).await.unwrap() {
        Redeem::Redeemed(c) => {
            assert_eq!(c.project, a);
            assert_eq!(c.customer.as_str(), "cus_X");
        }
        Redeem::Refused => panic!("A's own token was refused"),
    }
}

#[tokio::test]
async fn a_row_naming_another_customer_is_refused() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let (_, mut claims) = mint(&tokens, &p, "cus_X", 300).await;
    claims.customer = CustomerId::parse("cus_Y").unwrap();
    let token = keys.sign(&claims).unwrap();
    assert_eq!(
        tokens.redeem(token.expose(), at(NOW + 1)).await.unwrap(),
        Redeem::Refused
    );
}

#[tokio::test]
async fn check_does_not_spend_the_token() {
    let (table, keys, p) = (fresh_table().await, keys(), project());
    let tokens = store(&table, &keys);
    let (token, _) = mint(&tokens, &p, "cus_X", 300).await;
    assert!(matches!(
        tokens.check(token.expose(), at(NOW + 1)).await.unwrap(),
        Redeem::Redeemed(_)
    ));
    assert!(matches!(
        tokens.check(token.expose(), at(NOW + 1)).await.unwrap(),
        Redeem::Redeemed(_)
    ));
    assert!(matches!(
        tokens.redeem(token.expose(), at(NOW + 1)).await.unwrap(),
        Redeem::Redeemed(_)
    ));
    assert_eq!(
        tokens.check(token.expose(), at(NOW + 1)).await.unwrap(),
        Redeem::Refused
    );
}
