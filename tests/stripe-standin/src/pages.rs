//! Pages the stand-in serves in place of Stripe's: hosted invoice page, invoice PDF,
//! and the hosted Checkout page (setup mode) whose form completes the session.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::resources::billing::{money, short_date};
use crate::resources::checkout;
use crate::server::with_type;
use crate::state::{Ctx, Shared};

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_standin/invoices/{id}", get(invoice_page))
        .route("/_standin/invoices/{id}/pdf", get(invoice_pdf))
        .route("/_standin/invoices/{id}/pay", post(invoice_pay))
        .route("/_standin/checkout/{id}", get(checkout_page))
        .route("/_standin/checkout/{id}/complete", post(checkout_complete))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title>\
<style>body{{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}table{{width:100%;border-collapse:collapse}}td,th{{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}}.r{{text-align:right}}</style></head><body>{}</body></html>",
        esc(title),
        body
    )
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    with_type(layout(title, body), "text/html; charset=utf-8", status)
}

fn find_object(shared: &Shared, kind: &str, id: &str) -> Option<(String, Value)> {
    let accounts = shared.accounts();
    accounts
        .values()
        .find_map(|a| a.get(kind, id).map(|v| (a.key.clone(), v.clone())))
}

/// Discount and tax rows of an invoice (label, amount): none when it has neither.
fn money_rows(shared: &Shared, inv: &Value) -> Vec<(String, i64)> {
    let accounts = shared.accounts();
    let acct = accounts.values().find(|a| {
        inv["id"]
            .as_str()
            .is_some_and(|id| a.get("invoice", id).is_some())
    });
    let mut rows = Vec::new();
    for d in inv["total_discount_amounts"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let amount = d["amount"].as_i64().unwrap_or(0);
        if amount == 0 {
            continue;
        }
        let name = acct
            .zip(d["discount"].as_str())
            .and_then(|(a, id)| a.get("discount", id))
            .and_then(|di| {
                let cid = di["source"]["coupon"].as_str()?;
                let c = acct.and_then(|a| crate::resources::coupons::coupon_of(a, cid))?;
                c["name"].as_str().or(Some(cid)).map(str::to_string)
            })
            .unwrap_or_else(|| "Discount".to_string());
        rows.push((format!("Discount ({name})"), -amount));
    }
    for t in inv["total_taxes"].as_array().into_iter().flatten() {
        let rate = acct
            .zip(t["tax_rate_details"]["tax_rate"].as_str())
            .and_then(|(a, id)| a.get("tax_rate", id));
        let label = match rate {
            Some(r) => format!(
                "{} {}%",
                r["display_name"].as_str().unwrap_or("Tax"),
                r["percentage"]
            ),
            None => "Tax".to_string(),
        };
        let label = if t["tax_behavior"] == "inclusive" {
            format!("{label} (included)")
        } else {
            label
        };
        rows.push((label, t["amount"].as_i64().unwrap_or(0)));
    }
    rows
}

async fn invoice_page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some((_, inv)) = find_object(&shared, "invoice", &id) else {
        return page(
            StatusCode::NOT_FOUND,
            "Invoice not found",
            "<h1>Invoice not found</h1>",
        );
    };
    let cur = inv["currency"].as_str().unwrap_or("usd");
    let rows: String = inv["lines"]["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|l| {
            format!(
                "<tr><td>{}</td><td class=\"r\">{}</td></tr>",
                esc(l["description"].as_str().unwrap_or_default()),
                esc(&money(l["amount"].as_i64().unwrap_or(0), cur))
            )
        })
        .collect();
    let extra = money_rows(&shared, &inv);
    let rows = if extra.is_empty() {
        rows
    } else {
        let mut r = rows;
        r.push_str(&format!(
            "<tr><td>Subtotal</td><td class=\"r\">{}</td></tr>",
            esc(&money(inv["subtotal"].as_i64().unwrap_or(0), cur))
        ));
        for (label, amount) in &extra {
            r.push_str(&format!(
                "<tr><td>{}</td><td class=\"r\">{}</td></tr>",
                esc(label),
                esc(&money(*amount, cur))
            ));
        }
        r
    };
    let body = format!(
        "<h1>Invoice {}</h1><p>Status: <strong>{}</strong></p><p>Date: {}</p>\
<table><thead><tr><th>Description</th><th class=\"r\">Amount</th></tr></thead><tbody>{rows}</tbody></table>\
<p>Total: <strong>{}</strong> · Amount due: <strong>{}</strong> · Paid: {}</p>{}<p><a href=\"/_standin/invoices/{}/pdf\">Download PDF</a></p>",
        esc(inv["number"].as_str().unwrap_or("(draft)")),
        esc(inv["status"].as_str().unwrap_or_default()),
        esc(&short_date(inv["created"].as_i64().unwrap_or(0))),
        esc(&money(inv["total"].as_i64().unwrap_or(0), cur)),
        esc(&money(inv["amount_due"].as_i64().unwrap_or(0), cur)),
        esc(&money(inv["amount_paid"].as_i64().unwrap_or(0), cur)),
        if inv["status"] == "open" {
            format!(
                "<form method=\"post\" action=\"/_standin/invoices/{}/pay\"><button type=\"submit\">Pay with the card on file</button></form>",
                esc(&id)
            )
        } else {
            String::new()
        },
        esc(&id),
    );
    page(StatusCode::OK, "Invoice", &body)
}

/// The hosted page's "Pay" button: charges the default payment method, then shows the page again.
async fn invoice_pay(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let outcome = {
        let mut accounts = shared.accounts();
        let Some(acct) = accounts
            .values_mut()
            .find(|a| a.get("invoice", &id).is_some())
        else {
            return page(
                StatusCode::NOT_FOUND,
                "Invoice not found",
                "<h1>Invoice not found</h1>",
            );
        };
        let mut cx = Ctx {
            acct,
            shared: &shared,
            request: json!({"id": null, "idempotency_key": null}),
        };
        match cx.acct.get("invoice", &id).map(|i| i["status"].clone()) {
            Some(s) if s == "open" => {
                crate::resources::billing::attempt_payment(&mut cx, &id, None, false).map(|_| ())
            }
            _ => Err(crate::error::ApiError::bad_state(
                "This invoice is not open.",
            )),
        }
    };
    if let Err(e) = outcome {
        return page(
            StatusCode::CONFLICT,
            "Invoice",
            &format!("<h1>{}</h1>", esc(&e.message)),
        );
    }
    let mut res = with_type("", "text/html; charset=utf-8", StatusCode::SEE_OTHER);
    if let Ok(v) = HeaderValue::from_str(&format!("/_standin/invoices/{id}")) {
        res.headers_mut().insert("location", v);
    }
    res
}

/// PDF string literal escaping; non-ASCII becomes `?` (Helvetica's standard encoding).
fn pdf_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => "\\(".to_string(),
            ')' => "\\)".to_string(),
            '\\' => "\\\\".to_string(),
            '×' => "x".to_string(),
            '€' => "EUR ".to_string(),
            '£' => "GBP ".to_string(),
            '¥' => "JPY ".to_string(),
            c if c.is_ascii() && !c.is_ascii_control() => c.to_string(),
            _ => "?".to_string(),
        })
        .collect()
}

/// A one-page PDF 1.4 with the given lines of text and a correct cross-reference table.
pub fn render_pdf(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT\n/F1 12 Tf\n14 TL\n50 800 Td\n");
    for l in lines {
        content.push_str(&format!("({}) Tj T*\n", pdf_text(l)));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{}endstream", content.len(), content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

async fn invoice_pdf(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some((_, inv)) = find_object(&shared, "invoice", &id) else {
        return page(
            StatusCode::NOT_FOUND,
            "Invoice not found",
            "<h1>Invoice not found</h1>",
        );
    };
    let cur = inv["currency"].as_str().unwrap_or("usd");
    let mut lines = vec![
        format!("Invoice {}", inv["number"].as_str().unwrap_or("(draft)")),
        format!("Date: {}", short_date(inv["created"].as_i64().unwrap_or(0))),
        format!(
            "Customer: {}",
            inv["customer_email"]
                .as_str()
                .or(inv["customer"].as_str())
                .unwrap_or_default()
        ),
        format!("Status: {}", inv["status"].as_str().unwrap_or_default()),
        String::new(),
    ];
    for l in inv["lines"]["data"].as_array().cloned().unwrap_or_default() {
        lines.push(format!(
            "{}  {}",
            l["description"].as_str().unwrap_or_default(),
            money(l["amount"].as_i64().unwrap_or(0), cur)
        ));
    }
    let extra = money_rows(&shared, &inv);
    if !extra.is_empty() {
        lines.push(format!(
            "Subtotal: {}",
            money(inv["subtotal"].as_i64().unwrap_or(0), cur)
        ));
        for (label, amount) in extra {
            lines.push(format!("{label}: {}", money(amount, cur)));
        }
    }
    lines.push(String::new());
    lines.push(format!(
        "Total: {}",
        money(inv["total"].as_i64().unwrap_or(0), cur)
    ));
    lines.push(format!(
        "Amount due: {}",
        money(inv["amount_due"].as_i64().unwrap_or(0), cur)
    ));
    lines.push(format!(
        "Amount paid: {}",
        money(inv["amount_paid"].as_i64().unwrap_or(0), cur)
    ));
    let mut res = with_type(render_pdf(&lines), "application/pdf", StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(&format!(
        "inline; filename=\"Invoice-{}.pdf\"",
        inv["number"].as_str().unwrap_or("draft")
    )) {
        res.headers_mut().insert("content-disposition", v);
    }
    res
}

const CARDS: &[(&str, &str)] = &[
    ("tok_visa", "Visa ending 4242"),
    ("tok_mastercard", "Mastercard ending 4444"),
    ("tok_amex", "American Express ending 0005"),
    (
        "tok_chargeCustomerFail",
        "Visa ending 0341 (charges are declined)",
    ),
];

async fn checkout_page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some((_, s)) = find_object(&shared, "checkout.session", &id) else {
        return page(
            StatusCode::NOT_FOUND,
            "Checkout not found",
            "<h1>This Checkout Session does not exist</h1>",
        );
    };
    if s["status"] != "open" {
        return page(
            StatusCode::GONE,
            "Checkout closed",
            &format!(
                "<h1>This Checkout Session is {}</h1>",
                esc(s["status"].as_str().unwrap_or_default())
            ),
        );
    }
    let options: String = CARDS
        .iter()
        .enumerate()
        .map(|(i, (tok, label))| {
            format!(
                "<p><label><input type=\"radio\" name=\"card\" value=\"{tok}\"{}> {}</label></p>",
                if i == 0 { " checked" } else { "" },
                esc(label)
            )
        })
        .collect();
    let cancel = s["cancel_url"]
        .as_str()
        .map(|u| format!("<p><a href=\"{}\">Cancel</a></p>", esc(u)))
        .unwrap_or_default();
    let body = format!(
        "<h1>Save a card</h1><p>Stand-in Checkout (setup mode). No real card is involved.</p>\
<form method=\"post\" action=\"/_standin/checkout/{}/complete\"><fieldset><legend>Test card</legend>{options}</fieldset>\
<button type=\"submit\">Complete</button></form>{cancel}",
        esc(&id)
    );
    page(StatusCode::OK, "Checkout", &body)
}

async fn checkout_complete(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let token = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "card")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| "tok_visa".to_string());
    if !CARDS.iter().any(|(t, _)| *t == token) {
        return page(
            StatusCode::BAD_REQUEST,
            "Checkout",
            "<h1>Unknown test card</h1>",
        );
    }
    let result = {
        let mut accounts = shared.accounts();
        let Some(acct) = accounts
            .values_mut()
            .find(|a| a.get("checkout.session", &id).is_some())
        else {
            return page(
                StatusCode::NOT_FOUND,
                "Checkout not found",
                "<h1>This Checkout Session does not exist</h1>",
            );
        };
        let mut cx = Ctx {
            acct,
            shared: &shared,
            request: json!({"id": null, "idempotency_key": null}),
        };
        checkout::complete_session(&mut cx, &id, &token)
    };
    match result {
        Ok(s) => {
            let url = s["success_url"]
                .as_str()
                .unwrap_or("/")
                .replace("{CHECKOUT_SESSION_ID}", &id);
            let mut res = with_type(
                layout(
                    "Redirecting",
                    &format!("<p><a href=\"{}\">Continue</a></p>", esc(&url)),
                ),
                "text/html; charset=utf-8",
                StatusCode::SEE_OTHER,
            );
            if let Ok(v) = HeaderValue::from_str(&url) {
                res.headers_mut().insert("location", v);
            }
            res
        }
        Err(e) => page(
            StatusCode::CONFLICT,
            "Checkout",
            &format!("<h1>{}</h1>", esc(&e.message)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::render_pdf;

    #[test]
    fn pdf_xref_offsets_point_at_objects() {
        let pdf = render_pdf(&["Invoice (1)".to_string(), "Total: $29.00".to_string()]);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).to_string();
        assert!(tail.trim_end().ends_with("%%EOF"));
        let startxref: usize = tail
            .split("startxref\n")
            .nth(1)
            .and_then(|s| s.lines().next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(pdf[startxref..].starts_with(b"xref"));
        let xref = String::from_utf8_lossy(&pdf[startxref..]).to_string();
        let entries: Vec<usize> = xref
            .lines()
            .skip(3)
            .take(5)
            .map(|l| l[..10].parse().unwrap())
            .collect();
        for (i, off) in entries.iter().enumerate() {
            assert!(pdf[*off..].starts_with(format!("{} 0 obj", i + 1).as_bytes()));
        }
        let body = String::from_utf8_lossy(&pdf);
        assert!(body.contains("(Invoice \\(1\\)) Tj"));
    }
}
