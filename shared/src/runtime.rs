//! What every function builds once per cold start, in one place.

use std::sync::Arc;

use anyhow::Context;
use aws_config::SdkConfig;

use crate::aws::Clients;
use crate::config::Config;
use crate::project::ProjectStore;
use crate::secrets::{SecretCache, Secrets};
use crate::store::Table;
use crate::stripe::StripeClient;
use crate::token::{SigningKeys, TokenStore};

/// The clients, stores and secrets shared by the functions.
pub struct ColdStart {
    /// AWS SDK clients (DynamoDB, SSM, SES).
    pub clients: Clients,
    /// The single table.
    pub table: Table,
    /// SSM secrets, each read once per process.
    pub secrets: SecretCache,
    /// Portal tokens, with the signing keys loaded.
    pub tokens: TokenStore,
    /// Projects.
    pub projects: ProjectStore,
    /// The Stripe client (one connection pool).
    pub stripe: StripeClient,
}

impl ColdStart {
    /// Builds everything on `sdk`; reads the signing keys now, so a missing or bad
    /// signing-keys parameter fails the cold start, not a request.
    pub async fn load(config: &Config, sdk: &SdkConfig) -> anyhow::Result<ColdStart> {
        let clients = Clients::new(sdk);
        let table = Table::new(clients.dynamodb.clone(), config.table_name.clone());
        let secrets = SecretCache::new(Secrets::new(clients.ssm.clone()));
        let keys = SigningKeys::load(&secrets, &config.signing_keys_parameter)
            .await
            .context("loading the token signing keys")?;
        let stripe = StripeClient::new(&config.stripe_api_base)?;
        Ok(ColdStart {
            tokens: TokenStore::new(table.clone(), Arc::new(keys)),
            projects: ProjectStore::new(table.clone()),
            clients,
            table,
            secrets,
            stripe,
        })
    }
}
