use shared::api_key::{ApiKeyStore, AuthError, RevokeError};

use crate::support::*;

const NOW: i64 = 1_800_000_000;

#[tokio::test]
async fn several_keys_live_per_project_and_revoking_one_keeps_the_other() {
    let keys = ApiKeyStore::new(fresh_table().await);
    let p = project();
    let (k1, r1) = keys.create(&p, Some("ci"), at(NOW), rng()).await.unwrap();
    let (k2, _) = keys.create(&p, None, at(NOW + 1), rng()).await.unwrap();
    assert_eq!(keys.authenticate(k1.expose()).await.unwrap(), p);
    assert_eq!(keys.authenticate(k2.expose()).await.unwrap(), p);

    keys.revoke(&p, &r1.id, at(NOW + 5)).await.unwrap();
    assert!(matches!(
        keys.authenticate(k1.expose()).await,
        Err(AuthError::Invalid)
    ));
    assert_eq!(keys.authenticate(k2.expose()).await.unwrap(), p);

    let listed = keys.list(&p).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, r1.id);
    assert_eq!(listed[0].label.as_deref(), Some("ci"));
    assert_eq!(listed[0].revoked_at, Some(NOW + 5));
    assert_eq!(listed[1].revoked_at, None);
    // Listings never carry the key itself.
    let shown = serde_json::to_string(&listed).unwrap();
    assert!(!shown.contains(k1.expose()) && !shown.contains(k2.expose()));
}

#[tokio::test]
async fn unknown_and_malformed_keys_are_refused() {
    let keys = ApiKeyStore::new(fresh_table().await);
    let p = project();
    let (k, _) = keys.create(&p, None, at(NOW), rng()).await.unwrap();
    // Same secret, other project: looked up under the other project, not found.
    let other = k.expose().replace(p.as_str(), project().as_str());
    for raw in ["", "bpk_", "sk_test_123", other.as_str()] {
        assert!(
            matches!(keys.authenticate(raw).await, Err(AuthError::Invalid)),
            "{raw}"
        );
    }
}

#[tokio::test]
async fn revoking_an_unknown_key_is_not_found() {
    let keys = ApiKeyStore::new(fresh_table().await);
    let err = keys
        .revoke(&project(), &"0".repeat(64), at(NOW))
        .await
        .unwrap_err();
    assert!(matches!(err, RevokeError::NotFound));
}

#[tokio::test]
async fn keys_of_one_project_are_not_listed_for_another() {
    let keys = ApiKeyStore::new(fresh_table().await);
    let (a, b) = (project(), project());
    keys.create(&a, None, at(NOW), rng()).await.unwrap();
    assert!(keys.list(&b).await.unwrap().is_empty());
}
