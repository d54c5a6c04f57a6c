use serde_json::json;
use shared::idempotency::{fingerprint, Claim, IdempotencyStore, StoredResponse};

use crate::support::*;

const NOW: i64 = 1_800_000_000;

#[tokio::test]
async fn a_key_replays_its_first_response_and_refuses_other_parameters() {
    let store = IdempotencyStore::new(fresh_table().await);
    let p = project();
    let f1 = fingerprint("POST /v1/sessions", &json!({"customer": "cus_1"}));
    let f2 = fingerprint("POST /v1/sessions", &json!({"customer": "cus_2"}));
    assert_eq!(
        store.claim(&p, "k", &f1, at(NOW)).await.unwrap(),
        Claim::Fresh
    );
    assert_eq!(
        store.claim(&p, "k", &f1, at(NOW)).await.unwrap(),
        Claim::InFlight
    );
    let response = StoredResponse {
        status: 201,
        body: "{\"id\":\"ps_1\"}".into(),
        seal: Some("{\"kid\":\"k1\"}".into()),
    };
    store.complete(&p, "k", &f1, &response).await.unwrap();
    assert_eq!(
        store.claim(&p, "k", &f1, at(NOW + 1)).await.unwrap(),
        Claim::Replay(response)
    );
    assert_eq!(
        store.claim(&p, "k", &f2, at(NOW + 1)).await.unwrap(),
        Claim::Conflict
    );
    // Another project's same key is its own.
    assert_eq!(
        store
            .claim(&project(), "k", &f2, at(NOW + 1))
            .await
            .unwrap(),
        Claim::Fresh
    );
}

#[tokio::test]
async fn a_released_or_expired_key_can_be_claimed_again() {
    let store = IdempotencyStore::new(fresh_table().await);
    let p = project();
    let f = fingerprint("POST /v1/sessions", &json!({"customer": "cus_1"}));
    assert_eq!(
        store.claim(&p, "k", &f, at(NOW)).await.unwrap(),
        Claim::Fresh
    );
    store.release(&p, "k", &f).await.unwrap();
    assert_eq!(
        store.claim(&p, "k", &f, at(NOW)).await.unwrap(),
        Claim::Fresh
    );
    // An abandoned pending claim frees up after its lock.
    assert_eq!(
        store.claim(&p, "k", &f, at(NOW + 31)).await.unwrap(),
        Claim::Fresh
    );
    store
        .complete(
            &p,
            "k",
            &f,
            &StoredResponse {
                status: 201,
                body: "{}".into(),
                seal: None,
            },
        )
        .await
        .unwrap();
    // 24 h later the key is forgotten, even before the TTL sweep.
    let other = fingerprint("POST /v1/sessions", &json!({"customer": "cus_2"}));
    assert_eq!(
        store
            .claim(&p, "k", &other, at(NOW + 31 + 86_400))
            .await
            .unwrap(),
        Claim::Fresh
    );
}
