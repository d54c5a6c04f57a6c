use std::sync::Arc;

use shared::clock::{OsRandom, Random};
use shared::ids::{CustomerId, Flow, Locale, ProjectId};
use shared::store::Table;
use shared::token::{SigningKeys, TokenRequest, TokenStore};
use time::OffsetDateTime;

pub fn random_suffix() -> String {
    test_support::suffix().to_lowercase()
}

pub async fn sdk() -> aws_config::SdkConfig {
    shared::aws::local(&test_support::env("BP_TEST_AWS_ENDPOINT"))
}

/// A fresh table on moto.
pub async fn fresh_table() -> Table {
    test_support::fresh_table(&aws_sdk_dynamodb::Client::new(&sdk().await)).await
}

/// A table whose client points at a closed port: any request it makes fails.
pub async fn dead_table() -> Table {
    let sdk = shared::aws::local("http://127.0.0.1:1");
    let client = aws_sdk_dynamodb::Client::from_conf(
        aws_sdk_dynamodb::config::Builder::from(&sdk)
            .retry_config(aws_sdk_dynamodb::config::retry::RetryConfig::disabled())
            .build(),
    );
    Table::new(client, "unreachable")
}

pub fn project() -> ProjectId {
    ProjectId::generate(&OsRandom).unwrap()
}

pub fn at(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap()
}

pub fn keys() -> Arc<SigningKeys> {
    Arc::new(SigningKeys::generate("k1", &OsRandom).unwrap())
}

pub fn token_request(project: &ProjectId, customer: &str, expires_in: i64) -> TokenRequest {
    TokenRequest {
        project: project.clone(),
        customer: CustomerId::parse(customer).unwrap(),
        flow: Flow::Overview,
        subscription: None,
        return_url: None,
        locale: Locale::default(),
        expires_in,
    }
}

pub fn rng() -> &'static dyn Random {
    &OsRandom
}

pub fn store(table: &Table, keys: &Arc<SigningKeys>) -> TokenStore {
    TokenStore::new(table.clone(), keys.clone())
}
