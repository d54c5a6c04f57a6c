//! The Stripe stand-in, called as one account: the set-up a test does as the tenant.

use reqwest::Method;
use serde_json::Value;

/// One account of the stand-in (any unseen `sk_test_…` key is a new one).
#[derive(Clone)]
pub struct StandIn {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl StandIn {
    /// The account of `key` on the stand-in at `base`.
    pub fn new(base: &str, key: &str) -> StandIn {
        StandIn {
            http: reqwest::Client::new(),
            base: base.trim_end_matches('/').to_owned(),
            key: key.to_owned(),
        }
    }

    /// Calls `method path` (with `form` as the body unless GET or DELETE); panics on a
    /// non-2xx answer.
    pub async fn send(&self, method: Method, path: &str, form: &[(&str, &str)]) -> Value {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(&self.key);
        if method != Method::GET && method != Method::DELETE {
            req = req.form(form);
        }
        let res = req.send().await.expect("calling the Stripe stand-in");
        let status = res.status();
        let body: Value = res.json().await.expect("stand-in JSON");
        assert!(
            status.is_success(),
            "stand-in {method} {path}: {status} {body}"
        );
        body
    }

    /// POSTs a form; panics on a non-2xx answer.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Value {
        self.send(Method::POST, path, form).await
    }

    /// GETs; panics on a non-2xx answer.
    pub async fn get(&self, path: &str) -> Value {
        self.send(Method::GET, path, &[]).await
    }

    /// DELETEs; panics on a non-2xx answer.
    pub async fn delete(&self, path: &str) -> Value {
        self.send(Method::DELETE, path, &[]).await
    }

    /// The API requests this account received since the last [`StandIn::forget_requests`],
    /// as `"METHOD /path"`, oldest first.
    pub async fn requests(&self) -> Vec<String> {
        let url = format!("{}/_standin/accounts/{}/requests", self.base, self.key);
        let body: Value = self
            .http
            .get(url)
            .send()
            .await
            .expect("reading the stand-in's request log")
            .json()
            .await
            .expect("stand-in JSON");
        body["data"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                format!(
                    "{} {}",
                    r["method"].as_str().unwrap_or(""),
                    r["path"].as_str().unwrap_or("")
                )
            })
            .collect()
    }

    /// Waits until every event of this account is delivered to every endpoint that wants it
    /// (Stripe's `pending_webhooks` is 0 on each): what the webhooks do has been done.
    pub async fn settled(&self) {
        crate::eventually("every webhook delivered", || async {
            let events = self.get("/v1/events?limit=100").await;
            assert_eq!(events["has_more"], false, "more events than one page");
            let pending: Vec<&Value> = events["data"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|e| e["pending_webhooks"].as_i64() != Some(0))
                .collect();
            pending.is_empty().then_some(())
        })
        .await;
    }

    /// Clears this account's request log.
    pub async fn forget_requests(&self) {
        let url = format!("{}/_standin/accounts/{}/requests", self.base, self.key);
        self.http
            .delete(url)
            .send()
            .await
            .expect("clearing the stand-in's request log");
    }

    /// A customer named `name` with `email` and a Visa card as default payment method.
    pub async fn customer_with_card(&self, name: &str, email: &str) -> String {
        let c = self
            .post("/v1/customers", &[("name", name), ("email", email)])
            .await;
        let id = id_of(&c);
        let pm = self
            .post(
                "/v1/payment_methods",
                &[("type", "card"), ("card[token]", "tok_visa")],
            )
            .await;
        let pm = id_of(&pm);
        self.post(
            &format!("/v1/payment_methods/{pm}/attach"),
            &[("customer", &id)],
        )
        .await;
        self.post(
            &format!("/v1/customers/{id}"),
            &[("invoice_settings[default_payment_method]", &pm)],
        )
        .await;
        id
    }

    /// A monthly price of `amount` cents on a new product named `product`.
    pub async fn price(&self, product: &str, amount: &str) -> String {
        self.price_with(product, amount, &[]).await
    }

    /// Like [`StandIn::price`], with `extra` form fields on the price (e.g. metered usage).
    pub async fn price_with(&self, product: &str, amount: &str, extra: &[(&str, &str)]) -> String {
        let p = self.post("/v1/products", &[("name", product)]).await;
        let product = id_of(&p);
        let mut form = vec![
            ("product", product.as_str()),
            ("unit_amount", amount),
            ("currency", "usd"),
            ("recurring[interval]", "month"),
        ];
        form.extend_from_slice(extra);
        id_of(&self.post("/v1/prices", &form).await)
    }

    /// A subscription of `customer` to `prices` (one item each), with `extra` form fields.
    pub async fn subscribe_with(
        &self,
        customer: &str,
        prices: &[&str],
        extra: &[(&str, &str)],
    ) -> Value {
        let keys: Vec<String> = (0..prices.len())
            .map(|i| format!("items[{i}][price]"))
            .collect();
        let mut form: Vec<(&str, &str)> = vec![("customer", customer)];
        form.extend(keys.iter().map(String::as_str).zip(prices.iter().copied()));
        form.extend_from_slice(extra);
        self.post("/v1/subscriptions", &form).await
    }

    /// A subscription of `customer` to `prices` (one item each).
    pub async fn subscribe(&self, customer: &str, prices: &[&str]) -> Value {
        self.subscribe_with(customer, prices, &[]).await
    }
}

/// The `id` of a Stripe object.
pub fn id_of(object: &Value) -> String {
    object["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {object}"))
        .to_owned()
}
