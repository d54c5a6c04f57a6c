//! Per-test world: a fresh table and SSM prefix on moto, a fresh Stripe stand-in account,
//! one project, and the portal app under test with a clock the test moves.

use std::sync::Arc;

use http::{Method, StatusCode};
use lambda_http::{Body, Request};
use portal::App;
use serde_json::Value;
use shared::clock::{Clock, OsRandom};
use shared::ids::{CustomerId, Flow, Locale, ProjectId};
use shared::project::Project;
use shared::store::Table;
use shared::token::TokenRequest;
pub use test_support::{env, read, suffix, Got, RETURN_URL};
use test_support::{
    fresh_stripe_key, stripe_client, AwsTap, Moto, StandIn, TestClock, LOCAL_BASE_URL,
};

/// What a world is built with.
pub struct Setup {
    pub stripe_base: String,
    pub public_base_url: String,
    pub edit: Box<dyn FnOnce(&mut Project) + Send>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            stripe_base: env("BP_TEST_STRIPE_API_BASE"),
            public_base_url: LOCAL_BASE_URL.to_owned(),
            edit: Box::new(|_| {}),
        }
    }
}

pub struct World {
    pub app: App,
    pub project: Project,
    pub stripe_key: String,
    pub stripe_base: String,
    pub clock: Arc<TestClock>,
    pub table: Table,
    pub sdk: aws_config::SdkConfig,
    pub http: reqwest::Client,
    /// The world on moto (configuration, secrets) the app runs in.
    pub moto: Moto,
    /// Every AWS request the app sends (its SDK clients go through this tap).
    pub aws: AwsTap,
}

impl World {
    pub async fn new() -> World {
        World::with(Setup::default()).await
    }

    pub async fn with(setup: Setup) -> World {
        let moto = Moto::fresh(&setup.stripe_base, &setup.public_base_url).await;
        let clock = TestClock::now();
        let stripe_key = fresh_stripe_key();
        let project = moto.project("Acme", &stripe_key, setup.edit).await;
        let aws = AwsTap::default();
        let app = App::with_sdk(moto.config.clone(), &aws.sdk(&moto.sdk))
            .await
            .unwrap()
            .with_stripe(stripe_client(&moto.config.stripe_api_base))
            .with_clock(clock.clone());
        World {
            app,
            project,
            stripe_key,
            stripe_base: setup.stripe_base,
            clock,
            table: moto.table.clone(),
            sdk: moto.sdk.clone(),
            http: reqwest::Client::new(),
            moto,
            aws,
        }
    }

    /// Another project on the same table and parameter store (its own Stripe account).
    pub async fn other_project(&self, name: &str) -> (Project, String) {
        let stripe_key = fresh_stripe_key();
        let project = self.moto.project(name, &stripe_key, |_| {}).await;
        (project, stripe_key)
    }

    /// A token for `customer` of `project`.
    pub async fn token_for(&self, project: &ProjectId, customer: &str, flow: Flow) -> String {
        self.token_in(project, customer, flow, Locale::default())
            .await
    }

    /// A token for `customer` of `project` whose session speaks `locale`.
    pub async fn token_in(
        &self,
        project: &ProjectId,
        customer: &str,
        flow: Flow,
        locale: Locale,
    ) -> String {
        let req = TokenRequest {
            project: project.clone(),
            customer: CustomerId::parse(customer).unwrap(),
            flow,
            subscription: None,
            return_url: None,
            locale,
            expires_in: 300,
        };
        let (token, _) = self
            .app
            .tokens()
            .mint(req, "ps_test", self.clock.now(), &OsRandom)
            .await
            .unwrap();
        token.expose().to_owned()
    }

    pub async fn token(&self, customer: &str) -> String {
        self.token_for(&self.project.id, customer, Flow::Overview)
            .await
    }

    /// Calls the portal. The handler's future is boxed: in a debug build every future a
    /// test awaits takes its own stack slot in the test's frame, and with the handler's
    /// (tens of KB each) inline a long test came within a few hundred KB of the test
    /// thread's 2 MiB stack and, once, overflowed it.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        form: Option<&str>,
    ) -> Got {
        let handled = Box::pin(portal::handle(
            &self.app,
            request(method, path, cookie, form),
        ));
        read(handled.await)
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Got {
        self.call(Method::GET, path, cookie, None).await
    }

    /// Signs in with a fresh token for `customer`; returns the cookie pair.
    pub async fn sign_in(&self, customer: &str) -> String {
        self.sign_in_with(customer, Locale::default()).await
    }

    /// Signs in with a fresh token for `customer` whose session speaks `locale`.
    pub async fn sign_in_with(&self, customer: &str, locale: Locale) -> String {
        let token = self
            .token_in(&self.project.id, customer, Flow::Overview, locale)
            .await;
        let got = self
            .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
            .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        got.cookie()
    }

    /// The Stripe calls this project's account received since the last call (cleared).
    pub async fn stripe_calls(&self) -> Vec<String> {
        let account = self.account();
        let calls = account.requests().await;
        account.forget_requests().await;
        calls
    }

    /// This project's Stripe account on the stand-in.
    pub fn account(&self) -> StandIn {
        StandIn::new(&self.stripe_base, &self.stripe_key)
    }

    /// Calls the stand-in (POST) as this project's Stripe account.
    pub async fn stripe(&self, path: &str, form: &[(&str, &str)]) -> Value {
        self.account().post(path, form).await
    }

    /// Calls the stand-in (POST) as any account.
    pub async fn stripe_as(&self, key: &str, path: &str, form: &[(&str, &str)]) -> Value {
        StandIn::new(&self.stripe_base, key).post(path, form).await
    }

    /// A customer with a Visa card as default payment method.
    pub async fn customer_with_card(&self, name: &str) -> String {
        self.account()
            .customer_with_card(name, "jo@example.test")
            .await
    }

    /// A monthly price of `amount` cents on a new product named `product`.
    pub async fn price(&self, product: &str, amount: &str, metered: bool) -> String {
        let usage: &[(&str, &str)] = if metered {
            &[("recurring[usage_type]", "metered")]
        } else {
            &[]
        };
        self.account().price_with(product, amount, usage).await
    }

    /// A subscription of `customer` to `prices`.
    pub async fn subscribe(&self, customer: &str, prices: &[&str]) -> Value {
        self.account().subscribe(customer, prices).await
    }
}

/// A browser's request for `path`, with the session `cookie` and a urlencoded `form` body.
pub fn request(method: Method, path: &str, cookie: Option<&str>, form: Option<&str>) -> Request {
    let mut b = http::Request::builder().method(method).uri(path);
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    if form.is_some() {
        b = b.header("content-type", "application/x-www-form-urlencoded");
    }
    b.body(
        form.map(|f| Body::from(f.to_owned()))
            .unwrap_or(Body::Empty),
    )
    .unwrap()
}

/// Bodies of the emails moto holds for `to` (`tools/moto_server.py`'s `/_bp/ses/sent`).
pub async fn emails_to(to: &str) -> Vec<String> {
    let data: Value = reqwest::Client::new()
        .get(format!("{}/_bp/ses/sent", env("BP_TEST_AWS_ENDPOINT")))
        .query(&[("to", to)])
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
        .map(|m| m["body"].as_str().unwrap_or_default().to_owned())
        .collect()
}
