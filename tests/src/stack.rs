//! The whole product on the stand-ins, for full-stack tests: one gateway serving all three
//! functions, one tenant whose Stripe stand-in account delivers its webhooks to that
//! gateway, and the calls a test makes as the tenant (Stripe set-up, portal URLs) or as
//! an observer (emails moto's SES accepted).

use std::sync::Arc;

use secrecy::SecretString;
use serde_json::{json, Value};
use shared::clock::Clock;
use shared::project::{Project, ProjectStore};
use test_support::{eventually, sent_emails, StandIn};
pub use test_support::{SentEmail, TestClock};
use tokio::net::TcpListener;

use crate::fixture::{TestEnv, TestProject};
use crate::gateway::{self, Apps, Gateway};

/// A running stack: gateway + tenant + its webhook endpoint.
pub struct Stack {
    /// The world (table, SSM prefix, stand-in addresses).
    pub env: TestEnv,
    /// The gateway serving `/v1/*`, `/portal*` and `/webhooks/*`.
    pub gateway: Gateway,
    /// The tenant, on a fresh Stripe stand-in account.
    pub tenant: TestProject,
    /// The stand-in's webhook endpoint id for the tenant (events go to the gateway).
    pub webhook_endpoint: String,
    /// HTTP client for calls the test makes.
    pub http: reqwest::Client,
}

impl TestEnv {
    /// The full stack on this world with the system clock.
    pub async fn stack(self) -> Stack {
        self.stack_with(None).await
    }

    /// The full stack; all three functions read time from `clock` when given.
    pub async fn stack_with(mut self, clock: Option<Arc<dyn Clock>>) -> Stack {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the gateway");
        let addr = listener.local_addr().expect("gateway address");
        self.config.public_base_url = format!("http://{addr}");
        let (mut cs, mut portal, mut hooks) = (
            self.create_session_app().await,
            self.portal_app().await,
            self.webhooks_app().await,
        );
        if let Some(clock) = clock {
            cs = cs.with_clock(clock.clone());
            portal = portal.with_clock(clock.clone());
            hooks = hooks.with_clock(clock);
        }
        let gateway = gateway::serve(
            listener,
            Apps {
                create_session: Some(Arc::new(cs)),
                portal: Some(Arc::new(portal)),
                webhooks: Some(Arc::new(hooks)),
            },
        )
        .expect("starting the gateway");
        let tenant = self.project().await;
        let http = reqwest::Client::new();
        let url = format!(
            "{}/webhooks/stripe/{}",
            gateway.base_url(),
            tenant.project.id
        );
        let mut stack = Stack {
            env: self,
            gateway,
            tenant,
            webhook_endpoint: String::new(),
            http,
        };
        let endpoint = stack
            .stripe_post(
                "/v1/webhook_endpoints",
                &[("url", url.as_str()), ("enabled_events[]", "*")],
            )
            .await;
        let secret = endpoint["secret"].as_str().expect("an endpoint secret");
        stack
            .env
            .secrets()
            .put(
                &stack.tenant.project.webhook_secrets_parameter,
                &SecretString::from(secret.to_string()),
            )
            .await
            .expect("storing the webhook secret");
        stack.webhook_endpoint = endpoint["id"].as_str().expect("an endpoint id").to_string();
        stack
    }
}

impl Stack {
    /// The gateway's base URL (`http://127.0.0.1:<port>`).
    pub fn base_url(&self) -> String {
        self.gateway.base_url()
    }

    /// The stand-in's base URL.
    pub fn stripe_base(&self) -> &str {
        &self.env.standins.stripe_api_base
    }

    /// Changes the tenant's project settings (the functions read them per request).
    pub async fn update_project(&mut self, edit: impl FnOnce(&mut Project)) {
        edit(&mut self.tenant.project);
        ProjectStore::new(self.env.table.clone())
            .update(&self.tenant.project)
            .await
            .expect("updating the project");
    }

    /// The tenant's account on the stand-in.
    pub fn stripe(&self) -> StandIn {
        StandIn::new(self.stripe_base(), &self.tenant.stripe_key)
    }

    /// POSTs a form to the stand-in as the tenant; panics on a non-2xx answer.
    pub async fn stripe_post(&self, path: &str, form: &[(&str, &str)]) -> Value {
        self.stripe().post(path, form).await
    }

    /// GETs from the stand-in as the tenant; panics on a non-2xx answer.
    pub async fn stripe_get(&self, path: &str) -> Value {
        self.stripe().get(path).await
    }

    /// A customer named `name` with `email` and a Visa card as default payment method.
    pub async fn customer_with_card(&self, name: &str, email: &str) -> String {
        self.stripe().customer_with_card(name, email).await
    }

    /// A monthly price of `amount` cents on a new product named `product`.
    pub async fn price(&self, product: &str, amount: &str) -> String {
        self.stripe().price(product, amount).await
    }

    /// A subscription of `customer` to `prices` (one item each).
    pub async fn subscribe(&self, customer: &str, prices: &[&str]) -> Value {
        self.stripe().subscribe(customer, prices).await
    }

    /// `POST /v1/sessions` through the gateway with the tenant's API key; the raw answer.
    pub async fn create_session(&self, body: &Value) -> reqwest::Response {
        self.http
            .post(format!("{}/v1/sessions", self.base_url()))
            .bearer_auth(&self.tenant.api_key)
            .json(body)
            .send()
            .await
            .expect("calling the gateway")
    }

    /// A fresh portal URL for `customer` on `flow` (and `subscription` for `subscription_*`).
    pub async fn portal_url(
        &self,
        customer: &str,
        flow: &str,
        subscription: Option<&str>,
    ) -> String {
        let mut body = json!({"customer": customer, "flow": flow});
        if let Some(sub) = subscription {
            body["subscription"] = json!(sub);
        }
        let res = self.create_session(&body).await;
        let status = res.status();
        let session: Value = res.json().await.expect("session JSON");
        assert_eq!(status, 201, "POST /v1/sessions: {session}");
        session["url"].as_str().expect("a session url").to_owned()
    }

    /// Every email moto's SES accepted for `to`, oldest first (`tools/moto_server.py`'s
    /// `/_bp/ses/sent`).
    pub async fn emails_to(&self, to: &str) -> Vec<SentEmail> {
        sent_emails(&self.http, &self.env.standins.aws_endpoint, to).await
    }

    /// Waits until `to` has at least `count` emails; returns them all.
    pub async fn wait_for_emails(&self, to: &str, count: usize) -> Vec<SentEmail> {
        let what = format!("{count} emails to {to}");
        eventually(&what, || async {
            let got = self.emails_to(to).await;
            (got.len() >= count).then_some(got)
        })
        .await
    }

    /// Verifies `address` in moto's SES (sending from an unverified address fails there as
    /// in AWS) and makes it the tenant's sender.
    pub async fn verify_sender(&mut self, address: &str) {
        self.env
            .clients
            .ses
            .verify_email_identity()
            .email_address(address)
            .send()
            .await
            .expect("verifying the sender in moto");
        let address = address.parse().expect("a sender address");
        self.update_project(|p| p.sender_email = Some(address))
            .await;
    }
}
