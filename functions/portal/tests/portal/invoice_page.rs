//! The invoice page: one of the customer's own invoices explained, through a
//! customer-scoped read; another customer's invoice, a draft or an unknown id is a 404.

use http::{Method, StatusCode};
use serde_json::Value;

use crate::charged::{element_text, id, text, usd, Charged};

impl Charged {
    /// The subscription's first invoice (paid when it was created).
    async fn first_invoice(&self) -> Value {
        let sub = self.subscription().await;
        let invoice = sub["latest_invoice"].as_str().unwrap().to_owned();
        self.w
            .http
            .get(format!(
                "{}/v1/invoices/{invoice}?expand[]=total_taxes.tax_rate_details.tax_rate",
                self.w.stripe_base
            ))
            .bearer_auth(&self.w.stripe_key)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn the_invoice_page_explains_the_customers_own_invoice() {
    let c = Charged::new().await;
    let invoice = c.first_invoice().await;
    assert_eq!(invoice["status"], "paid", "{invoice}");
    let path = format!("/portal/invoices/{}", id(&invoice));
    let got = c.get(&path).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let number = invoice["number"].as_str().unwrap();
    assert_eq!(element_text(&got.body, "invoice-status"), "Paid");
    let page = text(&got.body);
    for needle in [
        format!("Invoice {number}"),
        "Pro".to_owned(),
        format!("Subtotal{}", usd(&invoice["subtotal"])),
        format!(
            "Early adopter: 20% off-{}",
            usd(&invoice["total_discount_amounts"][0]["amount"])
        ),
        format!(
            "Sales tax 8.25%{}",
            usd(&invoice["total_taxes"][0]["amount"])
        ),
        format!("Total{}", usd(&invoice["total"])),
        format!("Amount paid{}", usd(&invoice["amount_paid"])),
    ] {
        assert!(page.contains(&needle), "no {needle:?} in {page}");
    }
    // The PDF and the hosted page stay the counted links; a paid invoice has nothing to pay.
    let id = id(&invoice);
    assert!(got
        .body
        .contains(&format!("href=\"/portal/invoices/{id}/pdf\"")));
    assert!(got
        .body
        .contains(&format!("href=\"/portal/invoices/{id}/view\"")));
    assert!(!got.body.contains("id=\"pay-now\""));
    // The invoices list links here.
    let list = c.get("/portal/invoices").await;
    assert!(
        list.body.contains(&format!("href=\"{path}\"")),
        "{}",
        list.body
    );
    // HEAD answers the same, without a body.
    let head = c.w.call(Method::HEAD, &path, Some(&c.cookie), None).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
}

#[tokio::test]
async fn an_open_invoice_offers_pay_now_through_the_counted_link() {
    let c = Charged::new().await;
    c.w.stripe(
        "/v1/invoiceitems",
        &[
            ("customer", &c.customer),
            ("amount", "4200"),
            ("currency", "usd"),
            ("description", "Onboarding session"),
        ],
    )
    .await;
    let draft =
        c.w.stripe(
            "/v1/invoices",
            &[
                ("customer", &c.customer),
                ("collection_method", "send_invoice"),
                ("days_until_due", "30"),
                ("pending_invoice_items_behavior", "include"),
            ],
        )
        .await;
    // A draft is the tenant's work in progress: not shown.
    let draft_path = format!("/portal/invoices/{}", id(&draft));
    assert_eq!(c.get(&draft_path).await.status, StatusCode::NOT_FOUND);

    let open =
        c.w.stripe(&format!("/v1/invoices/{}/finalize", id(&draft)), &[])
            .await;
    assert_eq!(open["status"], "open", "{open}");
    let got = c.get(&draft_path).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(element_text(&got.body, "invoice-status"), "Due");
    let page = text(&got.body);
    assert!(page.contains("Onboarding session"), "{page}");
    assert!(
        page.contains(&format!(
            "Amount remaining{}",
            usd(&open["amount_remaining"])
        )),
        "{page}"
    );
    assert!(got.body.contains(&format!(
        "id=\"pay-now\" href=\"/portal/invoices/{}/view\"",
        id(&open)
    )));
}

#[tokio::test]
async fn another_customers_invoice_is_not_found() {
    let c = Charged::new().await;
    let other = c.w.customer_with_card("Bob Other").await;
    let price = c.w.price("Pro", "2900", false).await;
    let theirs = c.w.subscribe(&other, &[&price]).await;
    let invoice = theirs["latest_invoice"].as_str().unwrap();
    for path in [
        format!("/portal/invoices/{invoice}"),
        "/portal/invoices/in_doesnotexist".to_owned(),
        "/portal/invoices/cus_1".to_owned(),
    ] {
        let got = c.get(&path).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!got.body.contains("Bob Other"));
        assert!(!got.body.contains("Subtotal"));
    }
    assert_eq!(
        c.w.call(
            Method::POST,
            &format!("/portal/invoices/{invoice}"),
            Some(&c.cookie),
            Some("")
        )
        .await
        .status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}
