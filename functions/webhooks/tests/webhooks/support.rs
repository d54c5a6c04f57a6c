//! Per-test world: a fresh table and SSM prefix on moto, a fresh Stripe stand-in account
//! with a customer on a plan, one project with two live webhook secrets, and the app.

use std::sync::Arc;

use http::StatusCode;
use lambda_http::{Body, Request, Response};
use secrecy::SecretString;
use serde_json::Value;
use shared::clock::{random_base62, OsRandom};
use shared::config::Config;
use shared::ids::{ProjectId, ReturnUrl};
use shared::project::{Project, ProjectStore};
use shared::secrets::Secrets;
use shared::store::{project_pk, s, Table};
use shared::stripe::{RetryPolicy, Sleeper, StripeClient};
use shared::token::SigningKeys;
use time::OffsetDateTime;
use webhooks::App;

pub const NOT_RUNNING: &str =
    "stand-ins not running: run `cargo xtask test` (installs and starts them)";
pub const SECRET_OLD: &str = "whsec_test_old";
pub const SECRET_NEW: &str = "whsec_test_new";
pub const SENDER: &str = "billing@acme.test";

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{NOT_RUNNING}"))
}

pub fn suffix() -> String {
    random_base62(&OsRandom, 12).unwrap()
}

pub fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

struct NoSleep;

impl Sleeper for NoSleep {
    fn sleep(
        &self,
        _: std::time::Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

pub struct World {
    pub app: App,
    pub project: Project,
    pub stripe_key: String,
    pub stripe_base: String,
    pub moto: String,
    pub table: Table,
    pub sdk: aws_config::SdkConfig,
    pub config: Config,
    pub customer: String,
    pub email: String,
    pub subscription: String,
    pub http: reqwest::Client,
}

pub struct Got {
    pub status: StatusCode,
    pub body: String,
}

impl World {
    pub async fn new() -> World {
        let moto = env("BP_TEST_AWS_ENDPOINT");
        let stripe_base = env("BP_TEST_STRIPE_API_BASE");
        let sdk = shared::aws::local(&moto).await;
        let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
        let prefix = format!("/test-{}", suffix());
        let config = Config {
            table_name: format!("test-{}", suffix().to_lowercase()),
            public_base_url: "http://127.0.0.1:3000".to_owned(),
            signing_keys_parameter: format!("{prefix}/signing-keys"),
            stripe_api_base: stripe_base.clone(),
            ssm_prefix: prefix.clone(),
        };
        shared::store::create_table(&dynamodb, &config.table_name)
            .await
            .unwrap();
        let table = Table::new(dynamodb, config.table_name.clone());
        let secrets = Secrets::new(aws_sdk_ssm::Client::new(&sdk));
        SigningKeys::generate("k1", &OsRandom)
            .unwrap()
            .store(&secrets, &config.signing_keys_parameter)
            .await
            .unwrap();
        aws_sdk_ses::Client::new(&sdk)
            .verify_email_identity()
            .email_address(SENDER)
            .send()
            .await
            .unwrap();
        let stripe_key = format!("sk_test_{}", suffix());
        let mut project = Project::new(
            ProjectId::generate(&OsRandom).unwrap(),
            "Acme",
            ReturnUrl::parse("https://app.acme.test/billing").unwrap(),
            &prefix,
            OffsetDateTime::now_utc(),
        );
        project.sender_email = Some(SENDER.to_owned());
        project.pause_offered = true;
        secrets
            .put(
                &project.stripe_secret_key_parameter,
                &SecretString::from(stripe_key.clone()),
            )
            .await
            .unwrap();
        secrets
            .put(
                &project.webhook_secrets_parameter,
                &SecretString::from(format!("{SECRET_OLD},{SECRET_NEW}")),
            )
            .await
            .unwrap();
        ProjectStore::new(table.clone())
            .create(&project)
            .await
            .unwrap();
        let app = App::with_sdk(config.clone(), &sdk)
            .await
            .unwrap()
            .with_stripe(stripe_client(&stripe_base));
        let mut w = World {
            app,
            project,
            stripe_key,
            stripe_base,
            moto,
            table,
            sdk,
            config,
            customer: String::new(),
            email: format!("jo-{}@example.test", suffix().to_lowercase()),
            subscription: String::new(),
            http: reqwest::Client::new(),
        };
        let email = w.email.clone();
        let c = w
            .stripe("/v1/customers", &[("name", "Jo"), ("email", &email)])
            .await;
        w.customer = c["id"].as_str().unwrap().to_owned();
        let customer = w.customer.clone();
        let pm = w
            .stripe(
                "/v1/payment_methods/pm_card_visa/attach",
                &[("customer", &customer)],
            )
            .await;
        w.stripe(
            &format!("/v1/customers/{customer}"),
            &[(
                "invoice_settings[default_payment_method]",
                pm["id"].as_str().unwrap(),
            )],
        )
        .await;
        let product = w.stripe("/v1/products", &[("name", "Pro")]).await;
        let price = w
            .stripe(
                "/v1/prices",
                &[
                    ("product", product["id"].as_str().unwrap()),
                    ("unit_amount", "1200"),
                    ("currency", "usd"),
                    ("recurring[interval]", "month"),
                ],
            )
            .await;
        let sub = w
            .stripe(
                "/v1/subscriptions",
                &[
                    ("customer", &customer),
                    ("items[0][price]", price["id"].as_str().unwrap()),
                ],
            )
            .await;
        w.subscription = sub["id"].as_str().unwrap().to_owned();
        w
    }

    /// An app on the same world whose SES calls go to `ses_endpoint`.
    pub async fn app_with_ses(&self, ses_endpoint: &str) -> App {
        let ses_sdk = shared::aws::local(ses_endpoint).await;
        App::with_sdk(self.config.clone(), &self.sdk)
            .await
            .unwrap()
            .with_stripe(stripe_client(&self.stripe_base))
            .with_ses(aws_sdk_ses::Client::new(&ses_sdk))
    }

    pub fn path(&self) -> String {
        format!("/webhooks/stripe/{}", self.project.id)
    }

    /// Calls the stand-in (POST) as this project's account.
    pub async fn stripe(&self, path: &str, form: &[(&str, &str)]) -> Value {
        let res = self
            .http
            .post(format!("{}{path}", self.stripe_base))
            .bearer_auth(&self.stripe_key)
            .form(form)
            .send()
            .await
            .expect("stand-in reachable");
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert!(status.is_success(), "stand-in {path}: {status} {body}");
        body
    }

    pub async fn stripe_get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.stripe_base))
            .bearer_auth(&self.stripe_key)
            .send()
            .await
            .expect("stand-in reachable")
            .json()
            .await
            .unwrap()
    }

    pub async fn stripe_delete(&self, path: &str) -> Value {
        self.http
            .delete(format!("{}{path}", self.stripe_base))
            .bearer_auth(&self.stripe_key)
            .send()
            .await
            .expect("stand-in reachable")
            .json()
            .await
            .unwrap()
    }

    /// Events of `kind` in this account, oldest first.
    pub async fn events(&self, kind: &str) -> Vec<Value> {
        let list = self
            .stripe_get(&format!("/v1/events?type={kind}&limit=100"))
            .await;
        let mut events = list["data"].as_array().cloned().unwrap_or_default();
        events.reverse();
        events
    }

    /// The newest event of `kind`.
    pub async fn last_event(&self, kind: &str) -> Value {
        self.events(kind)
            .await
            .pop()
            .unwrap_or_else(|| panic!("no {kind} event"))
    }

    /// Posts raw bytes with a signature header (or none) to the function.
    pub async fn post_raw(&self, app: &App, body: &[u8], signature: Option<&str>) -> Got {
        let mut b = http::Request::builder()
            .method("POST")
            .uri(self.path())
            .header("content-type", "application/json");
        if let Some(sig) = signature {
            b = b.header("stripe-signature", sig);
        }
        let req: Request = b.body(Body::Binary(body.to_vec())).unwrap();
        read(webhooks::handle(app, req).await)
    }

    /// Delivers `event` signed with the newer secret, now.
    pub async fn deliver_with(&self, app: &App, event: &Value) -> Got {
        let body = serde_json::to_vec(event).unwrap();
        let sig = shared::webhook::sign(&body, SECRET_NEW, now());
        self.post_raw(app, &body, Some(&sig)).await
    }

    pub async fn deliver(&self, event: &Value) -> Got {
        self.deliver_with(&self.app, event).await
    }

    /// Emails moto's SES holds for this world's customer (moto keeps only the HTML part;
    /// `tools/moto_server.py`'s `/_bp/ses/sent`).
    pub async fn emails(&self) -> Vec<(String, String)> {
        let data: Value = self
            .http
            .get(format!("{}/_bp/ses/sent", self.moto))
            .query(&[("to", self.email.as_str())])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        data["data"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                (
                    m["subject"].as_str().unwrap_or_default().to_owned(),
                    m["body"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// Whether the event's claim row exists.
    pub async fn event_claimed(&self, id: &str) -> bool {
        self.table
            .client
            .get_item()
            .table_name(&self.table.name)
            .key("pk", s(project_pk(&self.project.id)))
            .key("sk", s(format!("EVENT#{id}")))
            .consistent_read(true)
            .send()
            .await
            .unwrap()
            .item
            .is_some()
    }
}

fn stripe_client(base: &str) -> StripeClient {
    StripeClient::new(base)
        .unwrap()
        .with_retry(RetryPolicy::default(), Arc::new(NoSleep))
}

pub fn read(res: Response<Body>) -> Got {
    let (parts, body) = res.into_parts();
    let body = match body {
        Body::Empty => String::new(),
        Body::Text(t) => t,
        Body::Binary(b) => String::from_utf8(b).unwrap(),
        _ => String::new(),
    };
    Got {
        status: parts.status,
        body,
    }
}
