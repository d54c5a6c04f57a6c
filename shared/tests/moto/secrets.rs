use secrecy::{ExposeSecret, SecretString};
use shared::secrets::{SecretCache, Secrets, SecretsError};

use crate::support::*;

#[tokio::test]
async fn a_secure_string_round_trips_and_is_cached_per_process() {
    let ssm = aws_sdk_ssm::Client::new(&sdk().await);
    let secrets = Secrets::new(ssm.clone());
    let name = format!("/test-{}/stripe-secret-key", random_suffix());
    secrets
        .put(&name, &SecretString::from("sk_test_abc"))
        .await
        .unwrap();

    let stored = ssm.get_parameter().name(&name).send().await.unwrap();
    assert_eq!(
        stored.parameter().unwrap().r#type(),
        Some(&aws_sdk_ssm::types::ParameterType::SecureString)
    );

    let cache = SecretCache::new(secrets.clone());
    assert_eq!(
        cache.get(&name).await.unwrap().expose_secret(),
        "sk_test_abc"
    );
    // Changed in SSM after the first read: the cached value stays for this cold start.
    secrets
        .put(&name, &SecretString::from("sk_test_new"))
        .await
        .unwrap();
    assert_eq!(
        cache.get(&name).await.unwrap().expose_secret(),
        "sk_test_abc"
    );
    assert_eq!(
        secrets.get(&name).await.unwrap().expose_secret(),
        "sk_test_new"
    );
}

#[tokio::test]
async fn a_missing_parameter_is_not_found() {
    let secrets = Secrets::new(aws_sdk_ssm::Client::new(&sdk().await));
    let err = secrets
        .get(&format!("/test-{}/nothing", random_suffix()))
        .await
        .unwrap_err();
    assert!(matches!(err, SecretsError::NotFound(_)), "{err:?}");
}
