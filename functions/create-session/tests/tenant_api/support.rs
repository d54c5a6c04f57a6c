#![allow(dead_code)] // Shared by two test binaries; each uses part of it.
//! Per-test world: a fresh table and SSM prefix on moto, a fresh Stripe stand-in account,
//! one project with an API key, and the app under test.

use std::sync::Arc;

use create_session::App;
use lambda_http::{Body, Request, Response};
use secrecy::SecretString;
use serde_json::Value;
use shared::api_key::{ApiKey, ApiKeyStore};
use shared::clock::{random_base62, OsRandom};
use shared::config::Config;
use shared::ids::{ProjectId, ReturnUrl};
use shared::project::{Project, ProjectStore};
use shared::secrets::Secrets;
use shared::store::Table;
use shared::stripe::{RetryPolicy, Sleeper, StripeClient};
use shared::token::SigningKeys;
use time::OffsetDateTime;

pub const NOT_RUNNING: &str =
    "stand-ins not running: run `cargo xtask test` (installs and starts them)";
pub const RETURN_URL: &str = "https://app.acme.test/billing";
pub const BASE_URL: &str = "http://127.0.0.1:3000";

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{NOT_RUNNING}"))
}

pub fn suffix() -> String {
    random_base62(&OsRandom, 12).unwrap()
}

pub struct World {
    pub app: App,
    pub project: Project,
    pub api_key: ApiKey,
    pub stripe_key: String,
    pub stripe_base: String,
    pub keys: Arc<SigningKeys>,
    pub table: Table,
    pub api_keys: ApiKeyStore,
    http: reqwest::Client,
}

/// Sleeps for no time, so retry paths stay fast.
struct NoSleep;

impl Sleeper for NoSleep {
    fn sleep(
        &self,
        _: std::time::Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

impl World {
    pub async fn new() -> World {
        Self::with_stripe_base(env("BP_TEST_STRIPE_API_BASE")).await
    }

    pub async fn with_stripe_base(stripe_base: String) -> World {
        let endpoint = env("BP_TEST_AWS_ENDPOINT");
        let sdk = shared::aws::local(&endpoint).await;
        let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
        let prefix = format!("/test-{}", suffix());
        let config = Config {
            table_name: format!("test-{}", suffix().to_lowercase()),
            public_base_url: BASE_URL.to_owned(),
            signing_keys_parameter: format!("{prefix}/signing-keys"),
            stripe_api_base: stripe_base.clone(),
            ssm_prefix: prefix.clone(),
        };
        shared::store::create_table(&dynamodb, &config.table_name)
            .await
            .unwrap();
        let table = Table::new(dynamodb, config.table_name.clone());
        let secrets = Secrets::new(aws_sdk_ssm_client(&sdk));
        let keys = SigningKeys::generate("k1", &OsRandom).unwrap();
        keys.store(&secrets, &config.signing_keys_parameter)
            .await
            .unwrap();

        let stripe_key = format!("sk_test_{}", suffix());
        let project = Project::new(
            ProjectId::generate(&OsRandom).unwrap(),
            "Acme",
            ReturnUrl::parse(RETURN_URL).unwrap(),
            &prefix,
            OffsetDateTime::now_utc(),
        );
        secrets
            .put(
                &project.stripe_secret_key_parameter,
                &SecretString::from(stripe_key.clone()),
            )
            .await
            .unwrap();
        ProjectStore::new(table.clone())
            .create(&project)
            .await
            .unwrap();
        let api_keys = ApiKeyStore::new(table.clone());
        let (api_key, _) = api_keys
            .create(
                &project.id,
                Some("test"),
                OffsetDateTime::now_utc(),
                &OsRandom,
            )
            .await
            .unwrap();

        let stripe = StripeClient::new(&config.stripe_api_base)
            .unwrap()
            .with_retry(RetryPolicy::default(), Arc::new(NoSleep));
        let app = App::with_sdk(config, &sdk)
            .await
            .unwrap()
            .with_stripe(stripe);
        World {
            app,
            project,
            api_key,
            stripe_key,
            stripe_base,
            keys: Arc::new(keys),
            table,
            api_keys,
            http: reqwest::Client::new(),
        }
    }

    /// Calls the stand-in as this project's Stripe account.
    pub async fn stripe(
        &self,
        method: reqwest::Method,
        path: &str,
        form: &[(&str, &str)],
    ) -> Value {
        self.stripe_as(&self.stripe_key, method, path, form).await
    }

    /// Calls the stand-in as any account.
    pub async fn stripe_as(
        &self,
        key: &str,
        method: reqwest::Method,
        path: &str,
        form: &[(&str, &str)],
    ) -> Value {
        let res = self
            .http
            .request(method, format!("{}{path}", self.stripe_base))
            .bearer_auth(key)
            .form(form)
            .send()
            .await
            .expect("stand-in reachable");
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert!(status.is_success(), "stand-in {path}: {status} {body}");
        body
    }

    pub async fn customer(&self) -> String {
        let c = self
            .stripe(
                reqwest::Method::POST,
                "/v1/customers",
                &[("email", "jo@example.test")],
            )
            .await;
        c["id"].as_str().unwrap().to_owned()
    }

    /// A subscription of `customer` (invoiced, so no card is needed).
    pub async fn subscription(&self, customer: &str) -> String {
        let product = self
            .stripe(reqwest::Method::POST, "/v1/products", &[("name", "Pro")])
            .await;
        let price = self
            .stripe(
                reqwest::Method::POST,
                "/v1/prices",
                &[
                    ("product", product["id"].as_str().unwrap()),
                    ("unit_amount", "1000"),
                    ("currency", "usd"),
                    ("recurring[interval]", "month"),
                ],
            )
            .await;
        let sub = self
            .stripe(
                reqwest::Method::POST,
                "/v1/subscriptions",
                &[
                    ("customer", customer),
                    ("items[0][price]", price["id"].as_str().unwrap()),
                    ("collection_method", "send_invoice"),
                    ("days_until_due", "30"),
                ],
            )
            .await;
        sub["id"].as_str().unwrap().to_owned()
    }

    /// A `POST /v1/sessions` with this project's key and a JSON body.
    pub fn post(&self, body: &str) -> http::request::Builder {
        http::Request::builder()
            .method("POST")
            .uri("https://api.example.test/v1/sessions")
            .header("authorization", format!("Bearer {}", self.api_key.expose()))
            .header("content-type", "application/json")
            .header("content-length", body.len().to_string())
    }

    pub async fn call(&self, req: Request) -> (u16, http::HeaderMap, Value) {
        let res: Response<Body> = create_session::handle(&self.app, req).await;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = match res.body() {
            Body::Text(t) => t.clone(),
            Body::Binary(b) => String::from_utf8(b.clone()).unwrap(),
            Body::Empty => String::new(),
            _ => panic!("unexpected body kind"),
        };
        assert_eq!(headers["content-type"], "application/json", "{body}");
        (
            status,
            headers,
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}")),
        )
    }

    pub async fn create(&self, body: &str) -> (u16, Value) {
        let req = self.post(body).body(Body::from(body.to_owned())).unwrap();
        let (s, _, v) = self.call(req).await;
        (s, v)
    }
}

fn aws_sdk_ssm_client(sdk: &aws_config::SdkConfig) -> aws_sdk_ssm::Client {
    aws_sdk_ssm::Client::new(sdk)
}

/// Asserts Stripe's error shape and returns the error object.
#[track_caller]
pub fn assert_error(body: &Value, ty: &str, code: Option<&str>, param: Option<&str>) {
    let e = body["error"]
        .as_object()
        .unwrap_or_else(|| panic!("no error object: {body}"));
    assert_eq!(e.len(), 4, "exactly type, code, param, message: {body}");
    assert_eq!(e["type"], ty, "{body}");
    assert_eq!(e["code"].as_str(), code, "{body}");
    assert_eq!(e["param"].as_str(), param, "{body}");
    assert!(
        e["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}
