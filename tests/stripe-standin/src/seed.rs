//! `--seed demo`: a product with three prices, a customer with a default card, a 20 %
//! forever coupon (a customer discount, as the Dashboard gives one) and 8.25 % sales tax, an
//! active subscription with a few months of paid invoices, and a second subscription to a
//! metered price ("API requests", billed from a meter) with usage recorded each month and
//! some so far this period. A second customer (Grace, a card, Starter, no discount of her
//! own) is the one a retention coupon can be offered to: Ada's forever discount would be
//! replaced by one.

use std::sync::Arc;

use anyhow::{anyhow, Context};
use axum::http::Method;
use serde_json::{json, Value};

use crate::form::{self, Params};
use crate::resources::{self, billing, clocks, discounts};
use crate::state::{wall_now, Account, Ctx, Shared};

/// The demo account's secret key.
pub const DEMO_KEY: &str = "sk_test_standin_demo";

fn call(cx: &mut Ctx<'_>, method: Method, path: &[&str], body: &str) -> anyhow::Result<Value> {
    let params = form::parse(body).map_err(|e| anyhow!("seed params {body}: {e}"))?;
    resources::dispatch(cx, &method, path, &Params::new(params))
        .map_err(|e| anyhow!("seed call /v1/{}: {}", path.join("/"), e.message))
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

/// How long before "three months ago" the demo account starts, seconds.
const SEED_MARGIN: i64 = 3_600;

/// Loads the demo account into `shared` and returns the facts printed on stdout.
pub fn seed_demo(shared: &Arc<Shared>) -> anyhow::Result<Value> {
    let mut accounts = shared.accounts();
    let acct = accounts
        .entry(DEMO_KEY.to_string())
        .or_insert_with(|| Account::new(DEMO_KEY));
    let real_now = wall_now();
    // Start three months (and an hour) ago so renewals produce paid invoices up to today.
    // The hour is the seeding's own time: each subscription's cycle is anchored when it is
    // created, seconds after the start on a loaded machine, and its third renewal must
    // still fall before `real_now`, where the seed stops the clock (without the margin a
    // one-second delay left the metered demo's last period open and its usage unbilled).
    acct.offset = billing::add_interval(real_now, "month", 1, -3) - real_now - SEED_MARGIN;
    let mut cx = Ctx {
        acct,
        shared,
        request: json!({"id": null, "idempotency_key": null}),
    };
    let product = call(
        &mut cx,
        Method::POST,
        &["products"],
        "name=Stand-in+SaaS&description=Demo+product",
    )?;
    let pid = id(&product);
    let mut prices = Vec::new();
    for (nick, amount) in [("Starter", 900), ("Pro", 2900), ("Business", 9900)] {
        let p = call(
            &mut cx,
            Method::POST,
            &["prices"],
            &format!("product={pid}&currency=usd&unit_amount={amount}&recurring[interval]=month&nickname={nick}&lookup_key=demo_{}", nick.to_lowercase()),
        )?;
        prices.push(id(&p));
    }
    let (cid, pmid) = customer_with_card(
        &mut cx,
        "name=Ada+Lovelace&email=ada%40example.com&address[line1]=1+Demo+Street&address[city]=London&address[postal_code]=N1+1AA&address[country]=GB&preferred_locales[]=en",
    )?;
    // 20 % off forever, on the customer (so on both subscriptions), and 8.25 % sales tax.
    let coupon = call(
        &mut cx,
        Method::POST,
        &["coupons"],
        "percent_off=20&duration=forever&name=Early+adopter",
    )?;
    let coupon = id(&coupon);
    let entry = form::parse(&format!("coupon={coupon}")).map_err(|e| anyhow!(e.message))?;
    discounts::set_customer_discount(&mut cx, &cid, &Params::new(entry))
        .map_err(|e| anyhow!("seed customer discount: {}", e.message))?;
    let tax_rate = call(
        &mut cx,
        Method::POST,
        &["tax_rates"],
        "display_name=Sales+tax&percentage=8.25&inclusive=false&country=US&state=CA&jurisdiction=US-CA",
    )?;
    let tax_rate = id(&tax_rate);
    let sub = call(
        &mut cx,
        Method::POST,
        &["subscriptions"],
        &format!(
            "customer={cid}&items[0][price]={}&metadata[plan]=pro&default_tax_rates[0]={tax_rate}",
            prices[1]
        ),
    )?;
    let sid = id(&sub);
    // API requests, billed monthly in arrears from a meter at $0.05 each.
    let meter = call(
        &mut cx,
        Method::POST,
        &["billing", "meters"],
        "display_name=API+requests&event_name=api_requests&default_aggregation[formula]=sum\
         &customer_mapping[type]=by_id&customer_mapping[event_payload_key]=stripe_customer_id\
         &value_settings[event_payload_key]=value",
    )?;
    let meter = id(&meter);
    let api = call(
        &mut cx,
        Method::POST,
        &["products"],
        "name=API+requests&description=Metered+demo+product",
    )?;
    let metered_price = call(
        &mut cx,
        Method::POST,
        &["prices"],
        &format!(
            "product={}&currency=usd&unit_amount=5&recurring[interval]=month\
             &recurring[usage_type]=metered&recurring[meter]={meter}&nickname=API+requests\
             &lookup_key=demo_api_requests",
            id(&api)
        ),
    )?;
    let metered_price = id(&metered_price);
    let metered = call(
        &mut cx,
        Method::POST,
        &["subscriptions"],
        &format!(
            "customer={cid}&items[0][price]={metered_price}&metadata[plan]=api\
             &default_tax_rates[0]={tax_rate}"
        ),
    )?;
    let metered_sid = id(&metered);
    // Usage in each past month (billed at its renewal), then some so far this period.
    let start = cx.acct.now();
    for (month, requests) in [(0, 1_250), (1, 1_830), (2, 960)] {
        let at = billing::add_interval(start, "month", 1, month) + 10 * 86_400;
        clocks::advance(&mut cx, &clocks::Scope::Account, at).map_err(|e| anyhow!(e.message))?;
        record_usage(&mut cx, &cid, requests)?;
    }
    clocks::advance(&mut cx, &clocks::Scope::Account, real_now).map_err(|e| anyhow!(e.message))?;
    for requests in [120, 340, 75] {
        record_usage(&mut cx, &cid, requests)?;
    }
    // Grace: a card and Starter, no discount of her own (the coupon offer's demo).
    let (grace, _) = customer_with_card(
        &mut cx,
        "name=Grace+Hopper&email=grace%40example.com&preferred_locales[]=en",
    )?;
    let grace_sub = call(
        &mut cx,
        Method::POST,
        &["subscriptions"],
        &format!(
            "customer={grace}&items[0][price]={}&metadata[plan]=starter&default_tax_rates[0]={tax_rate}",
            prices[0]
        ),
    )?;
    let grace_sid = id(&grace_sub);
    let invoices: Vec<String> = cx
        .acct
        .all("invoice")
        .iter()
        .filter(|i| i["customer"] == cid.as_str())
        .map(id)
        .collect();
    for s in [&sid, &metered_sid, &grace_sid] {
        let status = cx
            .acct
            .get("subscription", s)
            .map(|s| s["status"].clone())
            .context("demo subscription vanished")?;
        if status != "active" {
            return Err(anyhow!(
                "demo subscription {s} is {status}, expected active"
            ));
        }
    }
    Ok(json!({
        "secret_key": DEMO_KEY,
        "customer": cid,
        "subscription": sid,
        "product": pid,
        "prices": prices,
        "payment_method": pmid,
        "invoices": invoices,
        "coupon": coupon,
        "tax_rate": tax_rate,
        "meter": meter,
        "metered_price": metered_price,
        "metered_subscription": metered_sid,
        "offer_customer": grace,
        "offer_subscription": grace_sid,
    }))
}

/// A customer made from `params` with a Visa as its default card: (customer, card) ids.
fn customer_with_card(cx: &mut Ctx<'_>, params: &str) -> anyhow::Result<(String, String)> {
    let customer = id(&call(cx, Method::POST, &["customers"], params)?);
    let pm = call(
        cx,
        Method::POST,
        &["payment_methods"],
        "type=card&card[token]=tok_visa",
    )?;
    let pm = id(&pm);
    call(
        cx,
        Method::POST,
        &["payment_methods", &pm, "attach"],
        &format!("customer={customer}"),
    )?;
    call(
        cx,
        Method::POST,
        &["customers", &customer],
        &format!("invoice_settings[default_payment_method]={pm}"),
    )?;
    Ok((customer, pm))
}

/// Records `requests` API requests of the demo customer now.
fn record_usage(cx: &mut Ctx<'_>, customer: &str, requests: i64) -> anyhow::Result<()> {
    call(
        cx,
        Method::POST,
        &["billing", "meter_events"],
        &format!(
            "event_name=api_requests&payload[stripe_customer_id]={customer}\
             &payload[value]={requests}"
        ),
    )?;
    Ok(())
}
