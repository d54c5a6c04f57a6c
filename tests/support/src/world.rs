//! A fresh world per test on the shared moto: its own table, SSM prefix and signing key,
//! and projects in it with their own Stripe stand-in accounts.

use aws_config::SdkConfig;
use secrecy::SecretString;
use shared::aws::Clients;
use shared::clock::{random_base62, OsRandom};
use shared::config::Config;
use shared::ids::{ProjectId, ReturnUrl};
use shared::project::{Project, ProjectStore};
use shared::secrets::Secrets;
use shared::store::{create_table, Table};
use shared::token::SigningKeys;
use time::OffsetDateTime;

use crate::env::env;

/// Default return URL of test projects.
pub const RETURN_URL: &str = "https://app.acme.test/billing";
/// The functions' `public_base_url` when no gateway serves them.
pub const LOCAL_BASE_URL: &str = "http://127.0.0.1:3000";

/// One test's world on moto.
pub struct Moto {
    /// moto's base URL (`BP_TEST_AWS_ENDPOINT`).
    pub endpoint: String,
    /// SDK configuration pointing at moto.
    pub sdk: SdkConfig,
    /// AWS clients on moto.
    pub clients: Clients,
    /// The fresh table.
    pub table: Table,
    /// The functions' configuration for this world.
    pub config: Config,
    /// The signing key stored at `config.signing_keys_parameter`.
    pub keys: SigningKeys,
}

impl Moto {
    /// A fresh world whose functions call Stripe at `stripe_api_base` and are served at
    /// `public_base_url`; panics (with the command to run) if moto is not running.
    pub async fn fresh(stripe_api_base: &str, public_base_url: &str) -> Moto {
        let endpoint = env("BP_TEST_AWS_ENDPOINT");
        let sdk = shared::aws::local(&endpoint);
        let clients = Clients::new(&sdk);
        let table = fresh_table(&clients.dynamodb).await;
        let ssm_prefix = format!("/test-{}", suffix());
        let config = Config {
            table_name: table.name().to_owned(),
            public_base_url: public_base_url.to_owned(),
            signing_keys_parameter: format!("{ssm_prefix}/signing-keys"),
            stripe_api_base: stripe_api_base.to_owned(),
            ssm_prefix,
        };
        let keys = SigningKeys::generate("k1", &OsRandom).expect("generating a signing key");
        keys.store(
            &Secrets::new(clients.ssm.clone()),
            &config.signing_keys_parameter,
        )
        .await
        .expect("storing the signing key in moto");
        Moto {
            endpoint,
            sdk,
            clients,
            table,
            config,
            keys,
        }
    }

    /// SSM access on moto.
    pub fn secrets(&self) -> Secrets {
        Secrets::new(self.clients.ssm.clone())
    }

    /// Configurations whose signing keys cannot be used, each named: the parameter is
    /// missing, is not JSON, or holds a key shorter than 32 bytes. A function's cold start
    /// must fail on every one (never its first request).
    pub async fn broken_signing_keys(&self) -> Vec<(&'static str, Config)> {
        let prefix = &self.config.ssm_prefix;
        let mut cases = vec![("a missing parameter", format!("{prefix}/no-such-keys"))];
        for (what, name, value) in [
            ("a value that is not JSON", "not-json-keys", "not json"),
            (
                "a key shorter than 32 bytes",
                "short-keys",
                r#"{"active":"k1","keys":{"k1":"c2hvcnQ="}}"#,
            ),
        ] {
            let name = format!("{prefix}/{name}");
            self.secrets()
                .put(&name, &SecretString::from(value.to_owned()))
                .await
                .expect("storing broken signing keys in moto");
            cases.push((what, name));
        }
        cases
            .into_iter()
            .map(|(what, parameter)| {
                let mut config = self.config.clone();
                config.signing_keys_parameter = parameter;
                (what, config)
            })
            .collect()
    }

    /// Stores project `name` (after `edit`) whose Stripe secret key is `stripe_key`.
    pub async fn project(
        &self,
        name: &str,
        stripe_key: &str,
        edit: impl FnOnce(&mut Project),
    ) -> Project {
        store_project(
            &self.table,
            &self.secrets(),
            &self.config,
            name,
            stripe_key,
            edit,
        )
        .await
    }
}

/// Stores project `name` (after `edit`) in `table`, its Stripe secret key `stripe_key` under
/// `config.ssm_prefix`.
pub async fn store_project(
    table: &Table,
    secrets: &Secrets,
    config: &Config,
    name: &str,
    stripe_key: &str,
    edit: impl FnOnce(&mut Project),
) -> Project {
    let mut project = Project::new(
        ProjectId::generate(&OsRandom).expect("a project id"),
        name,
        ReturnUrl::parse(RETURN_URL).expect("a return url"),
        &config.ssm_prefix,
        OffsetDateTime::now_utc(),
    );
    edit(&mut project);
    secrets
        .put(
            &project.stripe_secret_key_parameter,
            &SecretString::from(stripe_key.to_owned()),
        )
        .await
        .expect("storing the Stripe key");
    ProjectStore::new(table.clone())
        .create(&project)
        .await
        .expect("storing the project");
    project
}

/// A fresh, empty table on moto.
pub async fn fresh_table(client: &aws_sdk_dynamodb::Client) -> Table {
    let name = format!("test-{}", suffix().to_lowercase());
    create_table(client, &name)
        .await
        .expect("creating the test table in moto");
    Table::new(client.clone(), name)
}

/// Every string and number stored anywhere in `table` (a scan, as a reader of a backup
/// would see it), flattened.
pub async fn everything_stored(client: &aws_sdk_dynamodb::Client, table: &str) -> Vec<String> {
    use aws_sdk_dynamodb::types::AttributeValue;
    fn flatten(v: &AttributeValue, out: &mut Vec<String>) {
        match v {
            AttributeValue::S(s) | AttributeValue::N(s) => out.push(s.clone()),
            AttributeValue::Ss(l) | AttributeValue::Ns(l) => out.extend(l.iter().cloned()),
            AttributeValue::L(l) => l.iter().for_each(|v| flatten(v, out)),
            AttributeValue::M(m) => m.values().for_each(|v| flatten(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut start = None;
    loop {
        let page = client
            .scan()
            .table_name(table)
            .set_exclusive_start_key(start)
            .send()
            .await
            .expect("scanning the test table");
        for item in page.items() {
            for (name, v) in item {
                out.push(name.clone());
                flatten(v, &mut out);
            }
        }
        start = page.last_evaluated_key().cloned();
        if start.is_none() {
            return out;
        }
    }
}

/// 12 random base62 characters, for names no other test uses.
pub fn suffix() -> String {
    random_base62(&OsRandom, 12).expect("OS randomness")
}

/// A new Stripe stand-in account: any unseen `sk_test_…` is one.
pub fn fresh_stripe_key() -> String {
    format!("sk_test_{}", random_hex(12))
}

/// Random lowercase hex of `bytes` random bytes.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("OS randomness");
    hex::encode(buf)
}
