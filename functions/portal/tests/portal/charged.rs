//! The customer the charges tests use: a 20 % forever coupon, 8.25 % exclusive sales tax
//! and a metered item with recorded usage, on the stand-in's own money; and helpers to read
//! pages as text.

use serde_json::Value;
use shared::i18n::Catalogue;

use crate::support::{Got, World};

/// A signed-in customer with the coupon, the tax and a two-item subscription: Pro ($29.00
/// a month) and API requests ($0.05 each, from a meter, 535 recorded this period).
pub(crate) struct Charged {
    pub w: World,
    pub customer: String,
    pub sub: String,
    pub cookie: String,
    pub tax_rate: String,
}

impl Charged {
    pub async fn new() -> Charged {
        Charged::on(World::new().await).await
    }

    pub async fn on(w: World) -> Charged {
        let customer = w.customer_with_card("Ada Lovelace").await;
        let coupon = w
            .stripe(
                "/v1/coupons",
                &[
                    ("percent_off", "20"),
                    ("duration", "forever"),
                    ("name", "Early adopter"),
                ],
            )
            .await;
        w.account()
            .give_customer_discount(&customer, id(&coupon))
            .await;
        let tax = w
            .stripe(
                "/v1/tax_rates",
                &[
                    ("display_name", "Sales tax"),
                    ("percentage", "8.25"),
                    ("inclusive", "false"),
                ],
            )
            .await;
        let meter = w
            .stripe(
                "/v1/billing/meters",
                &[
                    ("display_name", "API requests"),
                    ("event_name", "api_requests"),
                    ("default_aggregation[formula]", "sum"),
                    ("customer_mapping[type]", "by_id"),
                    ("customer_mapping[event_payload_key]", "stripe_customer_id"),
                    ("value_settings[event_payload_key]", "value"),
                ],
            )
            .await;
        let pro = w.price("Pro", "2900", false).await;
        let api = w.stripe("/v1/products", &[("name", "API requests")]).await;
        let requests = w
            .stripe(
                "/v1/prices",
                &[
                    ("product", id(&api)),
                    ("currency", "usd"),
                    ("unit_amount", "5"),
                    ("recurring[interval]", "month"),
                    ("recurring[usage_type]", "metered"),
                    ("recurring[meter]", id(&meter)),
                ],
            )
            .await;
        let sub = w
            .stripe(
                "/v1/subscriptions",
                &[
                    ("customer", &customer),
                    ("items[0][price]", &pro),
                    ("items[1][price]", id(&requests)),
                    ("default_tax_rates[0]", id(&tax)),
                ],
            )
            .await;
        for value in ["120", "415"] {
            w.stripe(
                "/v1/billing/meter_events",
                &[
                    ("event_name", "api_requests"),
                    ("payload[stripe_customer_id]", &customer),
                    ("payload[value]", value),
                ],
            )
            .await;
        }
        let cookie = w.sign_in(&customer).await;
        Charged {
            customer,
            sub: id(&sub).to_owned(),
            cookie,
            tax_rate: id(&tax).to_owned(),
            w,
        }
    }

    pub async fn get(&self, path: &str) -> Got {
        self.w.get(path, Some(&self.cookie)).await
    }

    /// Stripe's own preview of the subscription's next invoice, read through the stand-in.
    pub async fn preview(&self) -> Value {
        self.w
            .stripe(
                "/v1/invoices/create_preview",
                &[("customer", &self.customer), ("subscription", &self.sub)],
            )
            .await
    }

    pub async fn subscription(&self) -> Value {
        self.w
            .http
            .get(format!(
                "{}/v1/subscriptions/{}",
                self.w.stripe_base, self.sub
            ))
            .bearer_auth(&self.w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The date the overview names: the items' current period end.
    pub async fn renewal_date(&self) -> String {
        let sub = self.subscription().await;
        let end = sub["items"]["data"][0]["current_period_end"]
            .as_i64()
            .unwrap();
        Catalogue::english().format_date(end)
    }
}

pub(crate) fn id(v: &Value) -> &str {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}"))
}

pub(crate) fn usd(cents: &Value) -> String {
    Catalogue::english().format_money(cents.as_i64().unwrap(), "usd")
}

/// The text of the element with `id` (tags dropped, entities read).
pub(crate) fn element_text(body: &str, id: &str) -> String {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {body}"));
    let start = at + body[at..].find('>').unwrap() + 1;
    let tag = body[..at].rfind('<').map(|i| &body[i + 1..at]).unwrap();
    let name = tag.split([' ', '.', '#']).next().unwrap();
    let end = start + body[start..].find(&format!("</{name}>")).unwrap();
    text(&body[start..end])
}

/// Markup as text: tags dropped, entities read.
pub(crate) fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
