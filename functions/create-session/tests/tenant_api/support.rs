#![allow(dead_code)] // Shared by two test binaries; each uses part of it.
//! Per-test world: a fresh table and SSM prefix on moto, a fresh Stripe stand-in account,
//! one project with an API key, and the app under test.

use std::sync::Arc;

use create_session::App;
use lambda_http::{Body, Request};
use serde_json::Value;
use shared::api_key::{ApiKey, ApiKeyStore};
use shared::project::Project;
use shared::store::Table;
use shared::token::SigningKeys;
use test_support::standin::id_of;
use test_support::{env, fresh_stripe_key, read, stripe_client, Moto, StandIn};
#[allow(unused_imports)] // `logs` uses none of them.
pub use test_support::{suffix, LOCAL_BASE_URL as BASE_URL, RETURN_URL};
use time::OffsetDateTime;

pub struct World {
    pub app: App,
    pub project: Project,
    pub api_key: ApiKey,
    pub stripe_key: String,
    pub stripe_base: String,
    pub keys: Arc<SigningKeys>,
    pub table: Table,
    pub api_keys: ApiKeyStore,
    /// The raw client, for what a reader of the table would see.
    pub dynamodb: aws_sdk_dynamodb::Client,
}

impl World {
    pub async fn new() -> World {
        Self::with_stripe_base(env("BP_TEST_STRIPE_API_BASE")).await
    }

    pub async fn with_stripe_base(stripe_base: String) -> World {
        let moto = Moto::fresh(&stripe_base, BASE_URL).await;
        let stripe_key = fresh_stripe_key();
        let project = moto.project("Acme", &stripe_key, |_| {}).await;
        let api_keys = ApiKeyStore::new(moto.table.clone());
        let (api_key, _) = api_keys
            .create(
                &project.id,
                Some("test"),
                OffsetDateTime::now_utc(),
                &shared::clock::OsRandom,
            )
            .await
            .unwrap();
        let app = App::with_sdk(moto.config.clone(), &moto.sdk)
            .await
            .unwrap()
            .with_stripe(stripe_client(&stripe_base));
        World {
            app,
            project,
            api_key,
            stripe_key,
            stripe_base,
            keys: Arc::new(moto.keys),
            dynamodb: moto.clients.dynamodb.clone(),
            table: moto.table,
            api_keys,
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
        StandIn::new(&self.stripe_base, key)
            .send(method, path, form)
            .await
    }

    pub async fn customer(&self) -> String {
        let c = self
            .stripe(
                reqwest::Method::POST,
                "/v1/customers",
                &[("email", "jo@example.test")],
            )
            .await;
        id_of(&c)
    }

    /// A subscription of `customer` (invoiced, so no card is needed).
    pub async fn subscription(&self, customer: &str) -> String {
        let account = StandIn::new(&self.stripe_base, &self.stripe_key);
        let price = account.price("Pro", "1000").await;
        let invoiced = [
            ("collection_method", "send_invoice"),
            ("days_until_due", "30"),
        ];
        id_of(&account.subscribe_with(customer, &[&price], &invoiced).await)
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
        let got = read(create_session::handle(&self.app, req).await);
        let body = got.body;
        assert_eq!(got.headers["content-type"], "application/json", "{body}");
        (
            got.status.as_u16(),
            got.headers,
            serde_json::from_str(&body).unwrap_or_else(|_| panic!("not JSON: {body}")),
        )
    }

    pub async fn create(&self, body: &str) -> (u16, Value) {
        let req = self.post(body).body(Body::from(body.to_owned())).unwrap();
        let (s, _, v) = self.call(req).await;
        (s, v)
    }
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
