//! The table of paths → routes, every 404 and 405 included.
use super::*;
use shared::login::LoginSlug;

type Parsed = Result<PortalRoute, (Miss, &'static str)>;

fn parse(method: &str, path: &str) -> Parsed {
    let m = Method::from_bytes(method.as_bytes()).unwrap();
    PortalRoute::parse(&m, path).map_err(|missed| (missed.miss, missed.name))
}

fn sub() -> SubscriptionId {
    SubscriptionId::parse("sub_1").unwrap()
}

#[test]
fn every_page_and_action_has_its_route() {
    let inv = InvoiceId::parse("in_1").unwrap();
    let accent = AccentColor::from_hex("ff0080").unwrap();
    let table: Vec<(&str, String, PortalRoute)> = vec![
        (
            "GET",
            views::stylesheet_path().to_owned(),
            PortalRoute::Stylesheet,
        ),
        ("HEAD", AUTOSUBMIT_PATH.to_owned(), PortalRoute::Script),
        (
            "GET",
            views::favicon_path().to_owned(),
            PortalRoute::Favicon { hashed: true },
        ),
        (
            "GET",
            "/favicon.ico".to_owned(),
            PortalRoute::Favicon { hashed: false },
        ),
        (
            "GET",
            "/portal/assets/accent-ff0080.css".to_owned(),
            PortalRoute::Accent(accent),
        ),
        (
            "GET",
            "/portal/s/tok".to_owned(),
            PortalRoute::Landing("tok".to_owned()),
        ),
        (
            "POST",
            "/portal/s/tok".to_owned(),
            PortalRoute::SignIn("tok".to_owned()),
        ),
        (
            "POST",
            "/portal/s/tok/relink".to_owned(),
            PortalRoute::Relink("tok".to_owned()),
        ),
        (
            "GET",
            "/portal/login/acme-billing".to_owned(),
            PortalRoute::Login(LoginTarget::Slug(LoginSlug::parse("acme-billing").unwrap())),
        ),
        (
            "POST",
            "/portal/login/proj_abcdefghijklmnopqrstuvwx".to_owned(),
            PortalRoute::LoginSubmit(LoginTarget::Project(
                shared::ids::ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap(),
            )),
        ),
        ("GET", "/portal".to_owned(), PortalRoute::Overview),
        ("HEAD", "/portal/".to_owned(), PortalRoute::Overview),
        ("GET", "/portal/invoices".to_owned(), PortalRoute::Invoices),
        ("GET", "/portal/invoices/".to_owned(), PortalRoute::Invoices),
        ("POST", "/portal/return".to_owned(), PortalRoute::Return),
        ("GET", "/portal/support".to_owned(), PortalRoute::Support),
        (
            "GET",
            "/portal/invoices/in_1/pdf".to_owned(),
            PortalRoute::InvoiceLink(inv.clone(), Job::InvoiceDownloaded),
        ),
        (
            "GET",
            "/portal/invoices/in_1/view".to_owned(),
            PortalRoute::InvoiceLink(inv.clone(), Job::InvoiceOpened),
        ),
        (
            "GET",
            "/portal/invoices/in_1".to_owned(),
            PortalRoute::InvoicePage(inv.clone()),
        ),
        (
            "HEAD",
            "/portal/invoices/in_1".to_owned(),
            PortalRoute::InvoicePage(inv),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/next-invoice".to_owned(),
            PortalRoute::NextInvoice(sub()),
        ),
        (
            "HEAD",
            "/portal/subscriptions/sub_1/next-invoice".to_owned(),
            PortalRoute::NextInvoice(sub()),
        ),
        (
            "GET",
            "/portal/payment-method".to_owned(),
            PortalRoute::PaymentMethod,
        ),
        (
            "POST",
            "/portal/payment-method".to_owned(),
            PortalRoute::StartCardUpdate,
        ),
        (
            "GET",
            "/portal/payment-method/return".to_owned(),
            PortalRoute::CheckoutReturn,
        ),
        (
            "GET",
            "/portal/billing-details".to_owned(),
            PortalRoute::BillingDetails,
        ),
        (
            "POST",
            "/portal/billing-details".to_owned(),
            PortalRoute::SaveBillingDetails,
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/cancel".to_owned(),
            PortalRoute::CancelPage(sub()),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/cancel".to_owned(),
            PortalRoute::SubscriptionAction(sub(), Verb::Cancel),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/renew".to_owned(),
            PortalRoute::SubscriptionAction(sub(), Verb::Renew),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/pause".to_owned(),
            PortalRoute::SubscriptionAction(sub(), Verb::Pause),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/resume".to_owned(),
            PortalRoute::SubscriptionAction(sub(), Verb::Resume),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/update".to_owned(),
            PortalRoute::PlanPage(sub()),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/update".to_owned(),
            PortalRoute::PlanChange(sub()),
        ),
    ];
    for (m, path, route) in table {
        assert_eq!(parse(m, &path), Ok(route), "{m} {path}");
    }
}

#[test]
fn every_other_method_is_a_405_naming_what_is_allowed() {
    let nf = |name| Err((Miss::NotFound, name));
    let na = |allow, name| Err((Miss::MethodNotAllowed(allow), name));
    let table: Vec<(&str, String, Parsed)> = vec![
        (
            "POST",
            views::stylesheet_path().to_owned(),
            na(READ, "method"),
        ),
        ("DELETE", AUTOSUBMIT_PATH.to_owned(), na(READ, "method")),
        ("POST", "/favicon.ico".to_owned(), na(READ, "method")),
        (
            "POST",
            "/portal/assets/accent-ff0080.css".to_owned(),
            na(READ, "method"),
        ),
        ("PUT", "/portal/s/tok".to_owned(), na(READ_POST, "sign_in")),
        ("GET", "/portal/s/tok/relink".to_owned(), na(POST, "relink")),
        (
            "PUT",
            "/portal/login/acme".to_owned(),
            na(READ_POST, "login"),
        ),
        ("GET", "/portal/login/Acme".to_owned(), nf("login")),
        ("GET", "/portal/login/".to_owned(), nf("login")),
        ("POST", "/portal/login/proj_short".to_owned(), nf("login")),
        ("POST", "/portal".to_owned(), na(READ, "method")),
        ("DELETE", "/portal/invoices".to_owned(), na(READ, "method")),
        ("GET", "/portal/return".to_owned(), na(POST, "method")),
        ("POST", "/portal/support".to_owned(), na(READ, "method")),
        (
            "POST",
            "/portal/invoices/in_1/pdf".to_owned(),
            na(READ, "method"),
        ),
        (
            "POST",
            "/portal/invoices/cus_1/pdf".to_owned(),
            na(READ, "method"),
        ),
        (
            "POST",
            "/portal/invoices/in_1".to_owned(),
            na(READ, "method"),
        ),
        (
            "DELETE",
            "/portal/invoices/in_1".to_owned(),
            na(READ, "method"),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/next-invoice".to_owned(),
            na(READ, "method"),
        ),
        (
            "PUT",
            "/portal/subscriptions/sub_1/next-invoice".to_owned(),
            na(READ, "method"),
        ),
        (
            "PUT",
            "/portal/payment-method".to_owned(),
            na(READ_POST, "method"),
        ),
        (
            "POST",
            "/portal/payment-method/return".to_owned(),
            na(READ, "method"),
        ),
        (
            "PATCH",
            "/portal/billing-details".to_owned(),
            na(READ_POST, "method"),
        ),
        (
            "PUT",
            "/portal/subscriptions/sub_1/cancel".to_owned(),
            na(READ_POST, "method"),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/renew".to_owned(),
            na(POST, "method"),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/pause".to_owned(),
            na(POST, "method"),
        ),
        (
            "HEAD",
            "/portal/subscriptions/sub_1/resume".to_owned(),
            na(POST, "method"),
        ),
        (
            "DELETE",
            "/portal/subscriptions/sub_1/update".to_owned(),
            na(READ_POST, "method"),
        ),
        // Not found, whatever the method.
        (
            "GET",
            "/portal/assets/accent-zz0080.css".to_owned(),
            nf("accent"),
        ),
        (
            "POST",
            "/portal/assets/accent-ff008.css".to_owned(),
            nf("accent"),
        ),
        (
            "GET",
            format!("/portal/s/{}", "a".repeat(MAX_TOKEN_LEN + 17)),
            nf("sign_in"),
        ),
        (
            "GET",
            "/portal/invoices/cus_1/pdf".to_owned(),
            nf("invoice_link"),
        ),
        (
            "GET",
            "/portal/invoices/in_1&x/view".to_owned(),
            nf("invoice_link"),
        ),
        (
            "GET",
            "/portal/invoices/in_1/print".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/invoices/cus_1".to_owned(),
            nf("invoice_page"),
        ),
        (
            "GET",
            "/portal/invoices/in_1&x".to_owned(),
            nf("invoice_page"),
        ),
        ("GET", "/portal/invoices/in_1/".to_owned(), nf("not_found")),
        (
            "GET",
            "/portal/invoices/in_1/pdf/x".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/subscriptions/cus_1/next-invoice".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/next-invoice/x".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/subscriptions/cus_1/cancel".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/subscriptions/sub_1/delete".to_owned(),
            nf("not_found"),
        ),
        (
            "POST",
            "/portal/subscriptions/sub_1/cancel/x".to_owned(),
            nf("not_found"),
        ),
        (
            "GET",
            "/portal/subscriptions/a/b/update".to_owned(),
            nf("not_found"),
        ),
        ("GET", "/portal/nowhere".to_owned(), nf("not_found")),
        ("GET", "/".to_owned(), nf("not_found")),
    ];
    for (m, path, want) in table {
        assert_eq!(parse(m, &path), want, "{m} {path}");
    }
}

#[test]
fn asset_misses_are_marked_so_they_skip_the_cross_site_check() {
    let post = Method::POST;
    assert!(
        PortalRoute::parse(&post, views::stylesheet_path())
            .unwrap_err()
            .asset
    );
    assert!(
        PortalRoute::parse(&post, "/portal/assets/accent-x.css")
            .unwrap_err()
            .asset
    );
    assert!(
        !PortalRoute::parse(&post, "/portal/nowhere")
            .unwrap_err()
            .asset
    );
    assert!(PortalRoute::Stylesheet.is_asset());
    assert!(!PortalRoute::Overview.is_asset());
    assert!(!PortalRoute::Support.needs_stripe());
    assert!(PortalRoute::Overview.needs_stripe());
}
