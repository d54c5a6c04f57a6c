//! Fresh state per test on the shared stand-ins: a new table, SSM prefix and signing key
//! (`TestEnv`), new projects with their own Stripe stand-in accounts (`TestProject`).

use std::sync::Arc;

use aws_config::SdkConfig;
use shared::api_key::ApiKeyStore;
use shared::aws::Clients;
use shared::clock::OsRandom;
use shared::config::Config;
use shared::project::Project;
use shared::secrets::Secrets;
use shared::store::Table;
pub use test_support::{fresh_stripe_key, random_hex, RETURN_URL};
use test_support::{store_project, Moto, StandIn, LOCAL_BASE_URL};
use time::OffsetDateTime;
use tokio::net::TcpListener;

use crate::env::{standins, Standins};
use crate::gateway::{self, Apps, Gateway};

/// One test's world: its own table, SSM prefix and signing key on the shared moto.
pub struct TestEnv {
    /// Where the stand-ins listen.
    pub standins: Standins,
    /// SDK configuration pointing at moto.
    pub sdk: SdkConfig,
    /// AWS clients on moto.
    pub clients: Clients,
    /// The fresh table.
    pub table: Table,
    /// The functions' configuration for this world (`public_base_url` is a placeholder
    /// until a gateway is started with [`TestEnv::gateway`]).
    pub config: Config,
}

/// A project with its first API key and its own Stripe stand-in account.
pub struct TestProject {
    /// The stored project.
    pub project: Project,
    /// Its API key (`bpk_…`).
    pub api_key: String,
    /// Its Stripe secret key (`sk_test_…`), an account of its own in the stand-in.
    pub stripe_key: String,
}

impl TestEnv {
    /// A fresh world; panics (with the command to run) if the stand-ins are not running.
    pub async fn new() -> TestEnv {
        let standins = standins();
        let moto = Moto::fresh(&standins.stripe_api_base, LOCAL_BASE_URL).await;
        TestEnv {
            standins,
            sdk: moto.sdk,
            clients: moto.clients,
            table: moto.table,
            config: moto.config,
        }
    }

    /// SSM access on moto.
    pub fn secrets(&self) -> Secrets {
        Secrets::new(self.clients.ssm.clone())
    }

    /// A new project on a fresh Stripe stand-in account.
    pub async fn project(&self) -> TestProject {
        self.project_with_stripe_key(&fresh_stripe_key()).await
    }

    /// A new project on the given Stripe stand-in account (two projects may share one,
    /// or use accounts that both hold a `cus_X`).
    pub async fn project_with_stripe_key(&self, stripe_key: &str) -> TestProject {
        let project = store_project(
            &self.table,
            &self.secrets(),
            &self.config,
            "Acme Test",
            stripe_key,
            |_| {},
        )
        .await;
        let (key, _) = ApiKeyStore::new(self.table.clone())
            .create(
                &project.id,
                Some("test"),
                OffsetDateTime::now_utc(),
                &OsRandom,
            )
            .await
            .expect("creating an API key");
        TestProject {
            project,
            api_key: key.expose().to_string(),
            stripe_key: stripe_key.to_string(),
        }
    }

    /// The create-session app for this world, with `public_base_url` as configured.
    pub async fn create_session_app(&self) -> create_session::App {
        create_session::App::with_sdk(self.config.clone(), &self.sdk)
            .await
            .expect("building create_session::App")
    }

    /// The portal app for this world, with `public_base_url` as configured.
    pub async fn portal_app(&self) -> portal::App {
        portal::App::with_sdk(self.config.clone(), &self.sdk)
            .await
            .expect("building portal::App")
    }

    /// The webhooks app for this world, with `public_base_url` as configured.
    pub async fn webhooks_app(&self) -> webhooks::App {
        webhooks::App::with_sdk(self.config.clone(), &self.sdk)
            .await
            .expect("building webhooks::App")
    }

    /// Starts the gateway on a free loopback port with every function of this world;
    /// `config.public_base_url` becomes the gateway's URL.
    pub async fn gateway(&mut self) -> Gateway {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the gateway");
        let addr = listener.local_addr().expect("gateway address");
        self.config.public_base_url = format!("http://{addr}");
        let apps = Apps {
            create_session: Some(Arc::new(self.create_session_app().await)),
            portal: Some(Arc::new(self.portal_app().await)),
            webhooks: Some(Arc::new(self.webhooks_app().await)),
        };
        gateway::serve(listener, apps).expect("starting the gateway")
    }

    /// The functions' environment variables for this world (for running `dev-gateway` or a
    /// function binary as a subprocess); `PORT` and `RUST_LOG` are the caller's.
    pub fn function_env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT_URL", self.standins.aws_endpoint.as_str()),
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
            ("AWS_REGION", "us-east-1"),
            ("TABLE_NAME", self.config.table_name.as_str()),
            ("PUBLIC_BASE_URL", self.config.public_base_url.as_str()),
            (
                "SIGNING_KEYS_PARAMETER",
                self.config.signing_keys_parameter.as_str(),
            ),
            ("SSM_PREFIX", self.config.ssm_prefix.as_str()),
            ("STRIPE_API_BASE", self.config.stripe_api_base.as_str()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }
}

/// Creates a customer in the stand-in account of `stripe_key` (with `id` when given, a
/// stand-in extension) and returns its id.
pub async fn create_customer(stripe_api_base: &str, stripe_key: &str, id: Option<&str>) -> String {
    let mut form = vec![("email", "jenny@example.test"), ("name", "Jenny Rosen")];
    if let Some(id) = id {
        form.push(("id", id));
    }
    let customer = StandIn::new(stripe_api_base, stripe_key)
        .post("/v1/customers", &form)
        .await;
    test_support::standin::id_of(&customer)
}
