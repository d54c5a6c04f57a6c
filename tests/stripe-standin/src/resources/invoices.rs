//! Invoice endpoints and invoice items (`create_preview` lives in `preview.rs`).

use serde_json::{json, Value};

use super::billing::{self, invoiceitem_line, Payment};
use super::discounts::{self, DiscountReq, Owner, Redeemer};
use super::{tax, totals};
use crate::error::{ApiError, ApiResult};
use crate::events::{emit, emit_update};
use crate::form::Params;
use crate::state::{paginate, range_filter, Account, Ctx};

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("invoice", id)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    let customer = p.str("customer")?;
    let sub = p.str("subscription")?;
    let status = p.str("status")?;
    let cm = p.str("collection_method")?;
    if let Some(s) = &status {
        if !["draft", "open", "paid", "uncollectible", "void"].contains(&s.as_str()) {
            return Err(ApiError::invalid(
                "Invalid status: must be one of draft, open, paid, uncollectible, or void"
                    .to_string(),
                "status",
            ));
        }
    }
    let created = range_filter(p, "created")?;
    let items = acct
        .all("invoice")
        .into_iter()
        .filter(|i| {
            customer.as_deref().is_none_or(|c| i["customer"] == c)
                && sub
                    .as_deref()
                    .is_none_or(|s| i["parent"]["subscription_details"]["subscription"] == s)
                && status.as_deref().is_none_or(|s| i["status"] == s)
                && cm.as_deref().is_none_or(|c| i["collection_method"] == c)
                && created(i)
        })
        .collect();
    paginate(items, "/v1/invoices", p)
}

pub fn lines(acct: &Account, id: &str, p: &Params) -> ApiResult<Value> {
    let inv = acct.find("invoice", id)?;
    let data = inv["lines"]["data"].as_array().cloned().unwrap_or_default();
    paginate(data, &format!("/v1/invoices/{id}/lines"), p)
}

pub fn pay(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "payment_method",
        "paid_out_of_band",
        "off_session",
        "forgive",
        "source",
        "mandate",
    ])?;
    let inv = cx.acct.find("invoice", id)?;
    match inv["status"].as_str() {
        Some("paid") => {
            return Err(
                ApiError::bad_state("Invoice is already paid").with_code("invoice_already_paid")
            )
        }
        Some("void") => {
            return Err(ApiError::bad_state(
                "This invoice has been voided and cannot be paid.",
            ))
        }
        Some("draft") => {
            billing::finalize(cx, id, false)?;
        }
        _ => {}
    }
    if p.bool("paid_out_of_band")? == Some(true) {
        let old = cx.acct.find("invoice", id)?;
        let mut new = old.clone();
        let now = cx.acct.now_for_customer(old["customer"].as_str());
        new["status"] = json!("paid");
        new["amount_paid_off_stripe"] = old["amount_remaining"].clone();
        new["amount_remaining"] = json!(0);
        new["status_transitions"]["paid_at"] = json!(now);
        cx.acct.put("invoice", new.clone());
        emit(cx, "invoice.paid", &new, None);
        return Ok(new);
    }
    let pm = p.str("payment_method")?;
    if let Some(pm) = &pm {
        let pmo = cx.acct.find_param("payment_method", pm, "payment_method")?;
        if pmo["customer"] != inv["customer"] {
            return Err(ApiError::invalid(
                format!("The payment method {pm} is not attached to the invoice's customer."),
                "payment_method",
            ));
        }
    }
    match billing::attempt_payment(cx, id, pm, false)? {
        Payment::Paid(v) => Ok(v),
        Payment::Failed(_, e) => Err(e),
    }
}

pub fn finalize(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["auto_advance"])?;
    let inv = billing::finalize(cx, id, false)?;
    if inv["amount_due"] == 0 {
        return match billing::attempt_payment(cx, id, None, false)? {
            Payment::Paid(v) | Payment::Failed(v, _) => Ok(v),
        };
    }
    Ok(inv)
}

pub fn void(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    billing::void(cx, id, false)
}

pub fn mark_uncollectible(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    billing::mark_uncollectible(cx, id, false)
}

/// A manual draft invoice sweeping the customer's pending invoice items.
pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "customer",
        "auto_advance",
        "collection_method",
        "days_until_due",
        "description",
        "metadata",
        "subscription",
        "pending_invoice_items_behavior",
        "default_payment_method",
        "currency",
        "footer",
        "due_date",
        "discounts",
        "default_tax_rates",
    ])?;
    let customer = p.req_str("customer")?;
    let cust = cx.acct.find_param("customer", &customer, "customer")?;
    let now = cx.acct.now_for_customer(Some(&customer));
    let (discount_reqs, default_rates) = money_params(cx.acct, p, &cust, now)?;
    let sub = match p.str("subscription")? {
        Some(s) => Some(cx.acct.find_param("subscription", &s, "subscription")?),
        None => None,
    };
    let sweep = if p.str("pending_invoice_items_behavior")?.as_deref() == Some("include") {
        billing::pending_items(
            cx.acct,
            &customer,
            sub.as_ref().and_then(|s| s["id"].as_str()),
        )
    } else {
        Vec::new()
    };
    let inv = billing::create_invoice(
        cx,
        &customer,
        sub.as_ref(),
        (now, now),
        Vec::new(),
        sweep,
        "manual",
        false,
    )?;
    let mut inv2 = inv.clone();
    if let Some(cm) = p.str("collection_method")? {
        inv2["collection_method"] = json!(cm);
        if cm == "send_invoice" {
            inv2["due_date"] = json!(p
                .int("due_date")?
                .unwrap_or(now + p.int("days_until_due")?.unwrap_or(30) * 86_400));
        }
    }
    if let Some(d) = p.nullable_str("description")? {
        inv2["description"] = d;
    }
    if let Some(m) = p.metadata(None)? {
        inv2["metadata"] = m;
    }
    if let Some(a) = p.bool("auto_advance")? {
        inv2["auto_advance"] = json!(a);
    }
    if let Some(reqs) = discount_reqs {
        let inv_id = inv2["id"].as_str().unwrap_or_default().to_string();
        let owner = Owner {
            customer: &customer,
            invoice: Some(&inv_id),
            ..Owner::default()
        };
        let made = discounts::materialize(cx, &reqs, &owner, now, false);
        inv2["discounts"] = discounts::ids(&made);
    }
    if let Some(rates) = default_rates {
        inv2["default_tax_rates"] = json!(rates);
    }
    totals::compute(cx.acct, &mut inv2, &[]);
    cx.acct.put("invoice", inv2.clone());
    Ok(inv2)
}

/// `discounts` and `tax_rates`-style parameters of invoices and invoice items.
type MoneyParams = (Option<Vec<DiscountReq>>, Option<Vec<Value>>);

fn money_params(acct: &Account, p: &Params, customer: &Value, at: i64) -> ApiResult<MoneyParams> {
    let currency = p
        .str("currency")?
        .map(|c| c.to_lowercase())
        .or_else(|| customer["currency"].as_str().map(str::to_string));
    let r = Redeemer {
        customer: customer["id"].as_str().unwrap_or_default(),
        currency: currency.as_deref(),
        at,
    };
    let reqs = discounts::parse(acct, p, "discounts", &r)?;
    let key = if p.has("tax_rates") {
        "tax_rates"
    } else {
        "default_tax_rates"
    };
    Ok((reqs, tax::parse_rates(acct, p, key)?))
}

pub fn update(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "description",
        "metadata",
        "footer",
        "auto_advance",
        "default_payment_method",
        "due_date",
        "days_until_due",
        "discounts",
    ])?;
    let old = cx.acct.find("invoice", id)?;
    let mut inv = old.clone();
    let draft = old["status"] == "draft";
    if !draft
        && (p.has("description")
            || p.has("footer")
            || p.has("default_payment_method")
            || p.has("due_date")
            || p.has("discounts"))
    {
        return Err(
            ApiError::bad_state("Finalized invoices can't be updated in this way")
                .with_code("invoice_not_editable"),
        );
    }
    for k in ["description", "footer", "default_payment_method"] {
        if let Some(v) = p.nullable_str(k)? {
            inv[k] = v;
        }
    }
    if let Some(m) = p.metadata(inv.get("metadata"))? {
        inv["metadata"] = m;
    }
    if let Some(a) = p.bool("auto_advance")? {
        inv["auto_advance"] = json!(a);
    }
    // A draft's invoice-level discounts are replaced (`discounts=""` removes them).
    let customer = old["customer"].as_str().unwrap_or_default().to_string();
    let at = cx.acct.now_for_customer(Some(&customer));
    let r = Redeemer {
        customer: &customer,
        currency: old["currency"].as_str(),
        at,
    };
    if let Some(reqs) = discounts::parse(cx.acct, p, "discounts", &r)? {
        let owner = Owner {
            customer: &customer,
            invoice: Some(id),
            ..Owner::default()
        };
        let made = discounts::materialize(cx, &reqs, &owner, at, false);
        inv["discounts"] = discounts::ids(&made);
        totals::compute(cx.acct, &mut inv, &[]);
    }
    cx.acct.put("invoice", inv.clone());
    emit_update(cx, "invoice.updated", &old, &inv, false);
    Ok(inv)
}

pub fn delete(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let inv = cx.acct.find("invoice", id)?;
    if inv["status"] != "draft" {
        return Err(ApiError::bad_state("You can only delete draft invoices."));
    }
    cx.acct.remove(id);
    emit(cx, "invoice.deleted", &inv, None);
    Ok(json!({"id": id, "object": "invoice", "deleted": true}))
}

pub fn create_invoiceitem(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&[
        "customer",
        "amount",
        "currency",
        "description",
        "pricing",
        "price_data",
        "quantity",
        "subscription",
        "invoice",
        "metadata",
        "period",
        "discountable",
        "discounts",
        "tax_rates",
    ])?;
    let customer = p.req_str("customer")?;
    let cust = cx.acct.find_param("customer", &customer, "customer")?;
    let at = cx.acct.now_for_customer(Some(&customer));
    let (discount_reqs, rates) = money_params(cx.acct, p, &cust, at)?;
    let quantity = p.int("quantity")?.unwrap_or(1);
    let price = match p
        .obj("pricing")?
        .map(|pp| pp.str("price"))
        .transpose()?
        .flatten()
    {
        Some(pid) => Some(cx.acct.find_param("price", &pid, "pricing[price]")?),
        None => None,
    };
    let (amount, currency) = match (&price, p.int("amount")?) {
        (Some(pr), _) => (
            pr["unit_amount"].as_i64().unwrap_or(0) * quantity,
            pr["currency"].as_str().unwrap_or("usd").to_string(),
        ),
        (None, Some(a)) => (a, p.req_str("currency")?.to_lowercase()),
        (None, None) => return Err(ApiError::missing("amount")),
    };
    let sub = p.str("subscription")?;
    if let Some(s) = &sub {
        cx.acct.find_param("subscription", s, "subscription")?;
    }
    let now = cx.acct.now_for_customer(Some(&customer));
    let clock = cx
        .acct
        .get("customer", &customer)
        .map(|c| c["test_clock"].clone())
        .unwrap_or(Value::Null);
    let desc = p.str("description")?.unwrap_or_default();
    let mut ii = billing::invoiceitem_object(
        &customer,
        amount,
        &currency,
        &desc,
        price.as_ref(),
        quantity,
        (now, now),
        false,
        sub.as_deref().map(|s| (s, "")),
        now,
        clock,
    );
    if let Some(m) = p.metadata(None)? {
        ii["metadata"] = m;
    }
    if let Some(r) = rates {
        ii["tax_rates"] = json!(r);
    }
    let target = match p.str("invoice")? {
        Some(inv_id) => {
            let inv = cx.acct.find_param("invoice", &inv_id, "invoice")?;
            if inv["status"] != "draft" {
                return Err(ApiError::invalid(
                    "You can only add invoice items to draft invoices.",
                    "invoice",
                ));
            }
            Some((inv_id, inv))
        }
        None => None,
    };
    if let Some(reqs) = &discount_reqs {
        let ii_id = ii["id"].as_str().unwrap_or_default().to_string();
        let owner = Owner {
            customer: &customer,
            invoice_item: Some(&ii_id),
            ..Owner::default()
        };
        let made = discounts::materialize(cx, reqs, &owner, at, false);
        ii["discounts"] = discounts::ids(&made);
    }
    if let Some((inv_id, mut inv)) = target {
        ii["invoice"] = json!(inv_id);
        let mut line = invoiceitem_line(&ii);
        line["invoice"] = json!(inv_id);
        if let Some(lines) = inv["lines"]["data"].as_array_mut() {
            lines.push(line);
        }
        totals::compute(cx.acct, &mut inv, &[]);
        cx.acct.put("invoice", inv);
    }
    cx.acct.insert("invoiceitem", ii.clone());
    emit(cx, "invoiceitem.created", &ii, None);
    Ok(ii)
}

pub fn list_invoiceitems(acct: &Account, p: &Params) -> ApiResult<Value> {
    let customer = p.str("customer")?;
    let pending = p.bool("pending")?;
    let invoice = p.str("invoice")?;
    let items = acct
        .all("invoiceitem")
        .into_iter()
        .filter(|ii| {
            customer.as_deref().is_none_or(|c| ii["customer"] == c)
                && pending.is_none_or(|pd| ii["invoice"].is_null() == pd)
                && invoice.as_deref().is_none_or(|i| ii["invoice"] == i)
        })
        .collect();
    paginate(items, "/v1/invoiceitems", p)
}

pub fn delete_invoiceitem(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let ii = cx.acct.find("invoiceitem", id)?;
    if !ii["invoice"].is_null() {
        return Err(ApiError::bad_state(
            "This invoice item is already attached to an invoice and cannot be deleted.",
        ));
    }
    cx.acct.remove(id);
    emit(cx, "invoiceitem.deleted", &ii, None);
    Ok(json!({"id": id, "object": "invoiceitem", "deleted": true}))
}
