//! Per-test world: a fresh table and SSM prefix on moto, a fresh Stripe stand-in account,
//! one project, and the portal app under test with a clock the test moves.

use std::sync::{Arc, Mutex};

use http::{HeaderMap, Method, StatusCode};
use lambda_http::{Body, Request, Response};
use portal::App;
use secrecy::SecretString;
use serde_json::Value;
use shared::clock::{random_base62, Clock, OsRandom};
use shared::config::Config;
use shared::ids::{CustomerId, Flow, Locale, ProjectId, ReturnUrl};
use shared::project::{Project, ProjectStore};
use shared::secrets::Secrets;
use shared::store::Table;
use shared::stripe::{RetryPolicy, Sleeper, StripeClient};
use shared::token::{SigningKeys, TokenRequest};
use time::OffsetDateTime;

pub const NOT_RUNNING: &str =
    "stand-ins not running: run `cargo xtask test` (installs and starts them)";
pub const RETURN_URL: &str = "https://app.acme.test/billing";
pub const LOCAL_BASE_URL: &str = "http://127.0.0.1:3000";

pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{NOT_RUNNING}"))
}

pub fn suffix() -> String {
    random_base62(&OsRandom, 12).unwrap()
}

/// A clock tests move by hand.
#[derive(Debug)]
pub struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    pub fn advance(&self, seconds: i64) {
        let mut t = self.0.lock().unwrap();
        *t += time::Duration::seconds(seconds);
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap()
    }
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
    pub config: Config,
    pub http: reqwest::Client,
}

/// A response, read.
pub struct Got {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Got {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or_else(|| panic!("missing header {name}"))
    }

    /// `name=value` of the Set-Cookie header.
    pub fn cookie(&self) -> String {
        self.header("set-cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }

    /// The hidden CSRF field's value.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf\" value=\"")
            .expect("a csrf field")
            + 19;
        let rest = &self.body[at..];
        rest[..rest.find('"').unwrap()].to_owned()
    }
}

impl World {
    pub async fn new() -> World {
        World::with(Setup::default()).await
    }

    pub async fn with(setup: Setup) -> World {
        let endpoint = env("BP_TEST_AWS_ENDPOINT");
        let sdk = shared::aws::local(&endpoint).await;
        let dynamodb = aws_sdk_dynamodb::Client::new(&sdk);
        let prefix = format!("/test-{}", suffix());
        let config = Config {
            table_name: format!("test-{}", suffix().to_lowercase()),
            public_base_url: setup.public_base_url,
            signing_keys_parameter: format!("{prefix}/signing-keys"),
            stripe_api_base: setup.stripe_base.clone(),
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
        let clock = Arc::new(TestClock(Mutex::new(OffsetDateTime::now_utc())));
        let (project, stripe_key) =
            new_project(&table, &secrets, &prefix, "Acme", setup.edit).await;
        let stripe = StripeClient::new(&config.stripe_api_base)
            .unwrap()
            .with_retry(RetryPolicy::default(), Arc::new(NoSleep));
        let app = App::with_sdk(config.clone(), &sdk)
            .await
            .unwrap()
            .with_stripe(stripe)
            .with_clock(clock.clone());
        World {
            app,
            project,
            stripe_key,
            stripe_base: setup.stripe_base,
            clock,
            table,
            sdk,
            config,
            http: reqwest::Client::new(),
        }
    }

    /// Another project on the same table and parameter store (its own Stripe account).
    pub async fn other_project(&self, name: &str) -> (Project, String) {
        let secrets = Secrets::new(aws_sdk_ssm::Client::new(&self.sdk));
        new_project(
            &self.table,
            &secrets,
            &self.config.ssm_prefix,
            name,
            Box::new(|_| {}),
        )
        .await
    }

    /// A token for `customer` of `project`.
    pub async fn token_for(&self, project: &ProjectId, customer: &str, flow: Flow) -> String {
        let req = TokenRequest {
            project: project.clone(),
            customer: CustomerId::parse(customer).unwrap(),
            flow,
            subscription: None,
            return_url: None,
            locale: Locale::default(),
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

    /// Calls the portal.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        form: Option<&str>,
    ) -> Got {
        let mut b = http::Request::builder().method(method).uri(path);
        if let Some(c) = cookie {
            b = b.header("cookie", c);
        }
        if form.is_some() {
            b = b.header("content-type", "application/x-www-form-urlencoded");
        }
        let req: Request = b
            .body(
                form.map(|f| Body::from(f.to_owned()))
                    .unwrap_or(Body::Empty),
            )
            .unwrap();
        read(portal::handle(&self.app, req).await)
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Got {
        self.call(Method::GET, path, cookie, None).await
    }

    /// Signs in with a fresh token for `customer`; returns the cookie pair.
    pub async fn sign_in(&self, customer: &str) -> String {
        let token = self.token(customer).await;
        let got = self
            .call(Method::POST, &format!("/portal/s/{token}"), None, Some(""))
            .await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.body);
        got.cookie()
    }

    /// Calls the stand-in as this project's Stripe account.
    pub async fn stripe(&self, path: &str, form: &[(&str, &str)]) -> Value {
        self.stripe_as(&self.stripe_key, path, form).await
    }

    /// Calls the stand-in (POST) as any account.
    pub async fn stripe_as(&self, key: &str, path: &str, form: &[(&str, &str)]) -> Value {
        let res = self
            .http
            .post(format!("{}{path}", self.stripe_base))
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

    /// A customer with a Visa card as default payment method.
    pub async fn customer_with_card(&self, name: &str) -> String {
        let c = self
            .stripe(
                "/v1/customers",
                &[("name", name), ("email", "jo@example.test")],
            )
            .await;
        let id = c["id"].as_str().unwrap().to_owned();
        let pm = self
            .stripe(
                "/v1/payment_methods",
                &[("type", "card"), ("card[token]", "tok_visa")],
            )
            .await;
        let pm = pm["id"].as_str().unwrap();
        self.stripe(
            &format!("/v1/payment_methods/{pm}/attach"),
            &[("customer", &id)],
        )
        .await;
        self.stripe(
            &format!("/v1/customers/{id}"),
            &[("invoice_settings[default_payment_method]", pm)],
        )
        .await;
        id
    }

    /// A monthly price of `amount` cents on a new product named `product`.
    pub async fn price(&self, product: &str, amount: &str, metered: bool) -> String {
        let p = self.stripe("/v1/products", &[("name", product)]).await;
        let mut form = vec![
            ("product", p["id"].as_str().unwrap()),
            ("unit_amount", amount),
            ("currency", "usd"),
            ("recurring[interval]", "month"),
        ];
        if metered {
            form.push(("recurring[usage_type]", "metered"));
        }
        let price = self.stripe("/v1/prices", &form).await;
        price["id"].as_str().unwrap().to_owned()
    }

    /// A subscription of `customer` to `prices`.
    pub async fn subscribe(&self, customer: &str, prices: &[&str]) -> Value {
        let keys: Vec<String> = (0..prices.len())
            .map(|i| format!("items[{i}][price]"))
            .collect();
        let mut form: Vec<(&str, &str)> = vec![("customer", customer)];
        for (k, p) in keys.iter().zip(prices) {
            form.push((k, p));
        }
        self.stripe("/v1/subscriptions", &form).await
    }
}

async fn new_project(
    table: &Table,
    secrets: &Secrets,
    prefix: &str,
    name: &str,
    edit: Box<dyn FnOnce(&mut Project) + Send>,
) -> (Project, String) {
    let stripe_key = format!("sk_test_{}", suffix());
    let mut project = Project::new(
        ProjectId::generate(&OsRandom).unwrap(),
        name,
        ReturnUrl::parse(RETURN_URL).unwrap(),
        prefix,
        OffsetDateTime::now_utc(),
    );
    edit(&mut project);
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
    (project, stripe_key)
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
        headers: parts.headers,
        body,
    }
}
