//! The `/v1` API: routing to resources and `expand[]`.

pub mod billing;
pub mod catalog;
pub mod checkout;
pub mod clocks;
pub mod coupons;
pub mod customers;
pub mod discounts;
pub mod invoices;
pub mod items;
pub mod lifecycle;
pub mod meters;
pub mod payment_methods;
pub mod preview;
pub mod schedules;
pub mod subscriptions;
pub mod tax;
pub mod totals;

use axum::http::Method;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::form::Params;
use crate::state::{Account, Ctx};
use crate::{events, webhooks};

/// Routes one `/v1/...` call (segments after `v1`).
pub fn dispatch(cx: &mut Ctx<'_>, method: &Method, segs: &[&str], p: &Params) -> ApiResult<Value> {
    let get = *method == Method::GET;
    let post = *method == Method::POST;
    let del = *method == Method::DELETE;
    let a = &*cx.acct;
    match segs {
        ["customers"] if post => customers::create(cx, p),
        ["customers"] if get => customers::list(a, p),
        ["customers", id] if get => customers::retrieve(a, id),
        ["customers", id] if post => customers::update(cx, id, p),
        ["customers", id] if del => customers::delete(cx, id),
        ["customers", id, "discount"] if del => discounts::delete_customer_discount(cx, id),
        ["customers", id, "tax_ids"] if post => customers::create_tax_id(cx, id, p),
        ["customers", id, "tax_ids"] if get => customers::list_tax_ids(a, id, p),
        ["customers", id, "tax_ids", t] if get => customers::retrieve_tax_id(a, id, t),
        ["customers", id, "tax_ids", t] if del => customers::delete_tax_id(cx, id, t),
        ["customers", id, "payment_methods"] if get => {
            a.find("customer", id)?;
            payment_methods::list(a, p, Some(id))
        }
        ["customers", id, "payment_methods", pm] if get => {
            payment_methods::retrieve_for_customer(a, id, pm)
        }

        ["products"] if post => catalog::create_product(cx, p),
        ["products"] if get => catalog::list_products(a, p),
        ["products", id] if get => a.find("product", id),
        ["products", id] if post => catalog::update_product(cx, id, p),
        ["products", id] if del => catalog::delete_product(cx, id),
        ["prices"] if post => catalog::create_price(cx, p),
        ["prices"] if get => catalog::list_prices(a, p),
        ["prices", id] if get => a.find("price", id),
        ["prices", id] if post => catalog::update_price(cx, id, p),

        ["payment_methods"] if post => payment_methods::create(cx, p),
        ["payment_methods"] if get => payment_methods::list(a, p, None),
        ["payment_methods", id] if get => payment_methods::retrieve(a, id),
        ["payment_methods", id] if post => payment_methods::update(cx, id, p),
        ["payment_methods", id, "attach"] if post => payment_methods::attach(cx, id, p),
        ["payment_methods", id, "detach"] if post => payment_methods::detach(cx, id),

        ["subscriptions"] if post => subscriptions::create(cx, p),
        ["subscriptions"] if get => subscriptions::list(a, p),
        ["subscriptions", id] if get => subscriptions::retrieve(a, id),
        ["subscriptions", id] if post => subscriptions::update(cx, id, p),
        ["subscriptions", id] if del => subscriptions::cancel(cx, id, p),
        ["subscriptions", id, "resume"] if post => subscriptions::resume(cx, id, p),
        ["subscriptions", id, "discount"] if del => discounts::delete_subscription_discount(cx, id),
        ["subscription_items"] if get => subscriptions::list_items(a, p),
        ["subscription_items", id] if get => subscriptions::retrieve_item(a, id),

        ["subscription_schedules"] if post => schedules::create(cx, p),
        ["subscription_schedules"] if get => schedules::list(a, p),
        ["subscription_schedules", id] if get => schedules::retrieve(a, id),
        ["subscription_schedules", id] if post => schedules::update(cx, id, p),
        ["subscription_schedules", id, "release"] if post => schedules::release(cx, id, p),
        ["subscription_schedules", id, "cancel"] if post => schedules::cancel(cx, id, p),

        ["invoices"] if post => invoices::create(cx, p),
        ["invoices"] if get => invoices::list(a, p),
        ["invoices", "create_preview"] if post => preview::create_preview(cx, p),
        ["invoices", id] if get => invoices::retrieve(a, id),
        ["invoices", id] if post => invoices::update(cx, id, p),
        ["invoices", id] if del => invoices::delete(cx, id),
        ["invoices", id, "lines"] if get => invoices::lines(a, id, p),
        ["invoices", id, "pay"] if post => invoices::pay(cx, id, p),
        ["invoices", id, "void"] if post => invoices::void(cx, id),
        ["invoices", id, "finalize"] if post => invoices::finalize(cx, id, p),
        ["invoices", id, "mark_uncollectible"] if post => invoices::mark_uncollectible(cx, id),
        ["invoiceitems"] if post => invoices::create_invoiceitem(cx, p),
        ["invoiceitems"] if get => invoices::list_invoiceitems(a, p),
        ["invoiceitems", id] if get => a.find("invoiceitem", id),
        ["invoiceitems", id] if del => invoices::delete_invoiceitem(cx, id),

        ["coupons"] if post => coupons::create_coupon(cx, p),
        ["coupons"] if get => coupons::list_coupons(a, p),
        ["coupons", id] if get => coupons::retrieve_coupon(a, id),
        ["coupons", id] if post => coupons::update_coupon(cx, id, p),
        ["coupons", id] if del => coupons::delete_coupon(cx, id),
        ["promotion_codes"] if post => coupons::create_promotion_code(cx, p),
        ["promotion_codes"] if get => coupons::list_promotion_codes(a, p),
        ["promotion_codes", id] if get => coupons::retrieve_promotion_code(a, id),
        ["promotion_codes", id] if post => coupons::update_promotion_code(cx, id, p),

        ["tax_rates"] if post => tax::create(cx, p),
        ["tax_rates"] if get => tax::list(a, p),
        ["tax_rates", id] if get => tax::retrieve(a, id),
        ["tax_rates", id] if post => tax::update(cx, id, p),

        ["billing", "meters"] if post => meters::create(cx, p),
        ["billing", "meters"] if get => meters::list(a, p),
        ["billing", "meters", id] if get => meters::retrieve(a, id),
        ["billing", "meters", id] if post => meters::update(cx, id, p),
        ["billing", "meters", id, "deactivate"] if post => meters::set_active(cx, id, p, false),
        ["billing", "meters", id, "reactivate"] if post => meters::set_active(cx, id, p, true),
        ["billing", "meters", id, "event_summaries"] if get => meters::event_summaries(a, id, p),
        ["billing", "meter_events"] if post => meters::create_event(cx, p),

        ["setup_intents"] if post => checkout::create_setup_intent(cx, p),
        ["setup_intents"] if get => checkout::list_setup_intents(a, p),
        ["setup_intents", id] if get => checkout::retrieve_setup_intent(a, id),
        ["setup_intents", id, "confirm"] if post => checkout::confirm_setup_intent(cx, id, p),
        ["setup_intents", id, "cancel"] if post => checkout::cancel_setup_intent(cx, id, p),
        ["checkout", "sessions"] if post => checkout::create_session(cx, p),
        ["checkout", "sessions"] if get => checkout::list_sessions(a, p),
        ["checkout", "sessions", id] if get => checkout::retrieve_session(a, id),
        ["checkout", "sessions", id, "expire"] if post => checkout::expire_session(cx, id),

        ["test_helpers", "test_clocks"] if post => clocks::create(cx, p),
        ["test_helpers", "test_clocks"] if get => clocks::list(a, p),
        ["test_helpers", "test_clocks", id] if get => clocks::retrieve(a, id),
        ["test_helpers", "test_clocks", id] if del => clocks::delete(cx, id),
        ["test_helpers", "test_clocks", id, "advance"] if post => clocks::advance_clock(cx, id, p),

        ["events"] if get => events::list(a, p),
        ["events", id] if get => a.find("event", id),

        ["webhook_endpoints"] if post => webhooks::create(cx, p),
        ["webhook_endpoints"] if get => webhooks::list(a, p),
        ["webhook_endpoints", id] if get => webhooks::retrieve(a, id),
        ["webhook_endpoints", id] if post => webhooks::update(cx, id, p),
        ["webhook_endpoints", id] if del => webhooks::delete(cx, id),

        _ => Err(ApiError::unrecognized_url(
            method.as_str(),
            &format!("/v1/{}", segs.join("/")),
        )),
    }
}

/// Replaces ids with objects along each dotted `expand[]` path (`data.` for lists).
pub fn expand(acct: &Account, value: &mut Value, paths: &[String]) -> ApiResult<()> {
    for path in paths {
        let segs: Vec<&str> = path.split('.').collect();
        if segs.len() > 4 {
            return Err(ApiError::invalid(
                format!("You cannot expand more than 4 levels of a property. Property: {path}"),
                "expand",
            ));
        }
        expand_path(acct, value, &segs, path)?;
    }
    Ok(())
}

fn expand_path(acct: &Account, value: &mut Value, segs: &[&str], full: &str) -> ApiResult<()> {
    let Some((first, rest)) = segs.split_first() else {
        return Ok(());
    };
    let Some(obj) = value.as_object_mut() else {
        return Ok(());
    };
    if obj.get("object").and_then(Value::as_str) == Some("customer") && !obj.contains_key(*first) {
        if let Some(list) = customer_includable(
            acct,
            obj.get("id").and_then(Value::as_str).unwrap_or_default(),
            first,
        ) {
            obj.insert((*first).to_string(), list);
        }
    }
    let Some(field) = obj.get_mut(*first) else {
        return Err(ApiError::invalid(
            format!("This property cannot be expanded ({full})."),
            "expand",
        ));
    };
    if let Some(id) = field.as_str() {
        match lookup(acct, id) {
            Some(found) => *field = found,
            None if rest.is_empty() => return Ok(()),
            None => return Ok(()),
        }
    }
    if rest.is_empty() {
        // A list of ids (`discounts`): expand each one found.
        if let Value::Array(items) = field {
            for item in items.iter_mut() {
                if let Some(found) = item.as_str().and_then(|id| lookup(acct, id)) {
                    *item = found;
                }
            }
        }
        return Ok(());
    }
    match field {
        Value::Array(items) => {
            for item in items {
                expand_path(acct, item, rest, full)?;
            }
            Ok(())
        }
        Value::Object(_) => expand_path(acct, field, rest, full),
        _ => Ok(()),
    }
}

/// Customer lists Stripe includes only on request (`expand[]=tax_ids` etc.).
fn customer_includable(acct: &Account, customer: &str, field: &str) -> Option<Value> {
    let (kind, url) = match field {
        "tax_ids" => ("tax_id", format!("/v1/customers/{customer}/tax_ids")),
        "subscriptions" => (
            "subscription",
            format!("/v1/customers/{customer}/subscriptions"),
        ),
        "sources" => ("source", format!("/v1/customers/{customer}/sources")),
        _ => return None,
    };
    let data: Vec<Value> = acct
        .all(kind)
        .into_iter()
        .filter(|o| o["customer"] == customer)
        .filter(|o| {
            kind != "subscription"
                || (o["status"] != "canceled" && o["status"] != "incomplete_expired")
        })
        .collect();
    Some(crate::state::full_list(data, &url))
}

fn lookup(acct: &Account, id: &str) -> Option<Value> {
    if let Some(d) = acct.get("deleted_customer", id) {
        return Some(d.clone());
    }
    let kind = acct.kind_of(id)?;
    if kind == "webhook_endpoint" || kind == "billing.meter_event" {
        return None;
    }
    acct.get_any(id).cloned()
}
