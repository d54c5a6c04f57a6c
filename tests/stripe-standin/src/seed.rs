//! `--seed demo`: a product with three prices, a customer with a default card, an active
//! subscription with a few months of paid invoices.

use std::sync::Arc;

use anyhow::{anyhow, Context};
use axum::http::Method;
use serde_json::{json, Value};

use crate::form::{self, Params};
use crate::resources::{self, billing, clocks};
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

/// Loads the demo account into `shared` and returns the facts printed on stdout.
pub fn seed_demo(shared: &Arc<Shared>) -> anyhow::Result<Value> {
    let mut accounts = shared.accounts();
    let acct = accounts
        .entry(DEMO_KEY.to_string())
        .or_insert_with(|| Account::new(DEMO_KEY));
    let real_now = wall_now();
    // Start three months ago so renewals produce paid invoices up to today.
    acct.offset = billing::add_interval(real_now, "month", 1, -3) - real_now;
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
    let customer = call(
        &mut cx,
        Method::POST,
        &["customers"],
        "name=Ada+Lovelace&email=ada%40example.com&address[line1]=1+Demo+Street&address[city]=London&address[postal_code]=N1+1AA&address[country]=GB&preferred_locales[]=en",
    )?;
    let cid = id(&customer);
    let pm = call(
        &mut cx,
        Method::POST,
        &["payment_methods"],
        "type=card&card[token]=tok_visa",
    )?;
    let pmid = id(&pm);
    call(
        &mut cx,
        Method::POST,
        &["payment_methods", &pmid, "attach"],
        &format!("customer={cid}"),
    )?;
    call(
        &mut cx,
        Method::POST,
        &["customers", &cid],
        &format!("invoice_settings[default_payment_method]={pmid}"),
    )?;
    let sub = call(
        &mut cx,
        Method::POST,
        &["subscriptions"],
        &format!(
            "customer={cid}&items[0][price]={}&metadata[plan]=pro",
            prices[1]
        ),
    )?;
    let sid = id(&sub);
    clocks::advance(&mut cx, &clocks::Scope::Account, real_now).map_err(|e| anyhow!(e.message))?;
    let invoices: Vec<String> = cx
        .acct
        .all("invoice")
        .iter()
        .filter(|i| i["customer"] == cid.as_str())
        .map(id)
        .collect();
    let status = cx
        .acct
        .get("subscription", &sid)
        .map(|s| s["status"].clone())
        .context("demo subscription vanished")?;
    if status != "active" {
        return Err(anyhow!("demo subscription is {status}, expected active"));
    }
    Ok(json!({
        "secret_key": DEMO_KEY,
        "customer": cid,
        "subscription": sid,
        "product": pid,
        "prices": prices,
        "payment_method": pmid,
        "invoices": invoices,
    }))
}
