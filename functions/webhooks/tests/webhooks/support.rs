//! Per-test world: a fresh table and SSM prefix on moto, a fresh Stripe stand-in account
//! with a customer on a plan, one project with two live webhook secrets, and the app.

use secrecy::SecretString;
use serde_json::Value;
use shared::project::Project;
use shared::store::{keys, Table};
use test_support::{
    env, fresh_stripe_key, sent_emails, standin::id_of, stripe_client, Moto, StandIn,
    LOCAL_BASE_URL,
};
pub use test_support::{read, suffix, Got};
use time::OffsetDateTime;
use webhooks::App;

pub const SECRET_OLD: &str = "whsec_test_old";
pub const SECRET_NEW: &str = "whsec_test_new";
pub const SENDER: &str = "billing@acme.test";

pub fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

pub struct World {
    pub app: App,
    pub project: Project,
    pub stripe_key: String,
    pub stripe_base: String,
    pub table: Table,
    pub customer: String,
    pub email: String,
    pub subscription: String,
    pub http: reqwest::Client,
    moto: Moto,
}

impl World {
    pub async fn new() -> World {
        World::with_stripe_base(env("BP_TEST_STRIPE_API_BASE")).await
    }

    /// A world on the stand-in at `stripe_base` (a test's own, for faults).
    pub async fn with_stripe_base(stripe_base: String) -> World {
        World::build(stripe_base, |_| {}).await
    }

    /// A world whose project is changed by `edit` (its default language, say).
    pub async fn with_project(edit: impl FnOnce(&mut Project)) -> World {
        World::build(env("BP_TEST_STRIPE_API_BASE"), edit).await
    }

    async fn build(stripe_base: String, edit: impl FnOnce(&mut Project)) -> World {
        let moto = Moto::fresh(&stripe_base, LOCAL_BASE_URL).await;
        moto.clients
            .ses
            .verify_email_identity()
            .email_address(SENDER)
            .send()
            .await
            .unwrap();
        let stripe_key = fresh_stripe_key();
        let project = moto
            .project("Acme", &stripe_key, |p| {
                p.sender_email = Some(SENDER.parse().unwrap());
                p.pause_offered = true;
                edit(p);
            })
            .await;
        moto.secrets()
            .put(
                &project.webhook_secrets_parameter,
                &SecretString::from(format!("{SECRET_OLD},{SECRET_NEW}")),
            )
            .await
            .unwrap();
        let app = App::with_sdk(moto.config.clone(), &moto.sdk)
            .await
            .unwrap()
            .with_stripe(stripe_client(&stripe_base));
        let account = StandIn::new(&stripe_base, &stripe_key);
        let email = format!("jo-{}@example.test", suffix().to_lowercase());
        let customer = account.customer_with_card("Jo", &email).await;
        let price = account.price("Pro", "1200").await;
        let subscription = id_of(&account.subscribe(&customer, &[&price]).await);
        World {
            app,
            project,
            stripe_key,
            stripe_base,
            table: moto.table.clone(),
            customer,
            email,
            subscription,
            http: reqwest::Client::new(),
            moto,
        }
    }

    /// Replaces the project's webhook signing secrets in SSM.
    pub async fn set_webhook_secrets(&self, secrets: &str) {
        self.moto
            .secrets()
            .put(
                &self.project.webhook_secrets_parameter,
                &SecretString::from(secrets.to_owned()),
            )
            .await
            .unwrap();
    }

    /// Another app on the same world, changed by `edit` (a shorter deadline, say).
    pub async fn app_with(&self, edit: impl FnOnce(App) -> App) -> App {
        let app = App::with_sdk(self.moto.config.clone(), &self.moto.sdk)
            .await
            .unwrap()
            .with_stripe(stripe_client(&self.stripe_base));
        edit(app)
    }

    /// An app on the same world whose SES calls go to `ses_endpoint`.
    pub async fn app_with_ses(&self, ses_endpoint: &str) -> App {
        let ses_sdk = shared::aws::local(ses_endpoint);
        App::with_sdk(self.moto.config.clone(), &self.moto.sdk)
            .await
            .unwrap()
            .with_stripe(stripe_client(&self.stripe_base))
            .with_ses(aws_sdk_ses::Client::new(&ses_sdk))
    }

    pub fn path(&self) -> String {
        format!("/webhooks/stripe/{}", self.project.id)
    }

    /// This project's Stripe account on the stand-in.
    fn account(&self) -> StandIn {
        StandIn::new(&self.stripe_base, &self.stripe_key)
    }

    /// Calls the stand-in (POST) as this project's account.
    pub async fn stripe(&self, path: &str, form: &[(&str, &str)]) -> Value {
        self.account().post(path, form).await
    }

    pub async fn stripe_get(&self, path: &str) -> Value {
        self.account().get(path).await
    }

    pub async fn stripe_delete(&self, path: &str) -> Value {
        self.account().delete(path).await
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
        let req: lambda_http::Request = b.body(lambda_http::Body::Binary(body.to_vec())).unwrap();
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

    /// (subject, body) of the emails moto's SES holds for this world's customer (moto
    /// keeps only the HTML part).
    pub async fn emails(&self) -> Vec<(String, String)> {
        sent_emails(&self.http, &self.moto.endpoint, &self.email)
            .await
            .into_iter()
            .map(|m| (m.subject, m.body))
            .collect()
    }

    /// Whether the event's claim row exists.
    pub async fn event_claimed(&self, id: &str) -> bool {
        self.table
            .get(&keys::project_pk(&self.project.id), &keys::event(id))
            .await
            .unwrap()
            .is_some()
    }
}
