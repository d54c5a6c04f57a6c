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

    /// Runs `work` while this account's Stripe requests wait at the stand-in's gate, and
    /// lets them through one round at a time: requests the product sends concurrently
    /// form one round; one sent only after an answer came belongs to a later round. Returns
    /// `work`'s output and each round's requests ([`normalized`], sorted).
    ///
    /// `expected` (normalized requests per round) only says when a round is complete: a
    /// round is released once it holds as many requests as expected (or `work` ended), so
    /// with the expected shape the answer is exact and timing plays no part. A page that
    /// grew a request shows it in some round; a round that shrank waits until `work` gives
    /// up (its Stripe timeout) or the test's deadline. Compare the answer with `expected`.
    pub async fn rounds<T>(
        &self,
        work: impl std::future::Future<Output = T>,
        expected: &[Vec<String>],
    ) -> (T, Vec<Vec<String>>) {
        use std::sync::atomic::{AtomicBool, Ordering};
        self.gate(Method::POST, "").await;
        let done = AtomicBool::new(false);
        let work = async {
            let out = work.await;
            done.store(true, Ordering::SeqCst);
            out
        };
        let drive = async {
            let mut rounds = Vec::new();
            loop {
                let want = expected.get(rounds.len()).map_or(1, Vec::len).max(1);
                let what = format!(
                    "Stripe round {} to hold {want} request(s): {:?}",
                    rounds.len() + 1,
                    expected.get(rounds.len())
                );
                crate::eventually(&what, || async {
                    let held = self.gate(Method::GET, "").await["held"]
                        .as_array()
                        .map_or(0, Vec::len);
                    (held >= want || done.load(Ordering::SeqCst)).then_some(())
                })
                .await;
                let released = calls(&self.gate(Method::POST, "/release").await["released"]);
                if released.is_empty() {
                    // Nothing held: the work is done.
                    break;
                }
                rounds.push(released);
            }
            rounds
        };
        let (out, rounds) = tokio::join!(work, drive);
        self.gate(Method::DELETE, "").await;
        (out, rounds)
    }

    /// A call to this account's gate (`/_standin/accounts/<sk>/gate<rest>`).
    async fn gate(&self, method: Method, rest: &str) -> Value {
        let url = format!("{}/_standin/accounts/{}/gate{rest}", self.base, self.key);
        let res = self
            .http
            .request(method.clone(), url)
            .send()
            .await
            .expect("calling the stand-in's gate");
        assert!(
            res.status().is_success(),
            "gate {method} {rest}: {}",
            res.status()
        );
        res.json().await.expect("stand-in JSON")
    }

    /// Gives `customer` a discount of its own, of `coupon` (a customer-level discount; set
    /// through the stand-in's control API). Panics if it is refused.
    pub async fn give_customer_discount(&self, customer: &str, coupon: &str) {
        let url = format!(
            "{}/_standin/accounts/{}/customers/{customer}/discount",
            self.base, self.key
        );
        let res = self
            .http
            .post(url)
            .form(&[("coupon", coupon)])
            .send()
            .await
            .expect("calling the stand-in's control API");
        assert!(
            res.status().is_success(),
            "giving {customer} the coupon {coupon}: {}",
            res.status()
        );
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

/// `"METHOD /path"` with each Stripe id in the path replaced by its kind:
/// `GET /v1/customers/cus_4QxT…` → `GET /v1/customers/{cus}`.
pub fn normalized(call: &str) -> String {
    call.split('/')
        .map(|segment| match segment.split_once('_') {
            Some((kind, rest))
                if !kind.is_empty()
                    && kind.bytes().all(|b| b.is_ascii_lowercase())
                    && rest
                        .bytes()
                        .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
            {
                format!("{{{kind}}}")
            }
            _ => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A gate's list of requests, normalized and sorted.
fn calls(list: &Value) -> Vec<String> {
    let mut calls: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            normalized(&format!(
                "{} {}",
                r["method"].as_str().unwrap_or(""),
                r["path"].as_str().unwrap_or("")
            ))
        })
        .collect();
    calls.sort();
    calls
}

#[cfg(test)]
mod tests {
    use super::normalized;

    #[test]
    fn ids_in_paths_are_named_by_kind() {
        assert_eq!(
            normalized("GET /v1/customers/cus_4QxTfG9aB2"),
            "GET /v1/customers/{cus}"
        );
        assert_eq!(
            normalized("GET /v1/billing/meters/mtr_test_Ab12/event_summaries"),
            "GET /v1/billing/meters/{mtr}/event_summaries"
        );
        assert_eq!(
            normalized("POST /v1/invoices/create_preview"),
            "POST /v1/invoices/create_preview"
        );
        assert_eq!(
            normalized("GET /v1/payment_methods"),
            "GET /v1/payment_methods"
        );
    }
}
