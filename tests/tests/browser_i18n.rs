//! The portal in German, Japanese and Arabic in headless Chromium, through the gateway with
//! every function running: the overview, cancel and plan pages in each (screenshots under
//! `.local/screenshots/i18n-*`, axe-core clean), `<html lang dir>` right, amounts and
//! dates as CLDR writes them; an `Accept-Language: de-DE,de;q=0.9` visitor on an `auto`
//! link gets German; the customer's Stripe `preferred_locales` outrank the browser; the
//! footer's language switcher (a plain form, no script) changes the session's language;
//! and the cancellation email speaks the language of the session that caused it, else the
//! customer's.

use fantoccini::{Client, Locator};
use serde_json::json;
use shared::i18n::{Catalogue, Lang};
use test_support::eventually;
use tests::browser::{axe_source, axe_violations, click, screenshot, text, wait_for_path, Driver};
use tests::fixture::{random_hex, TestEnv};
use tests::stack::Stack;

const SENDER: &str = "billing@acme.test";

/// A tenant "Acme" offering Starter and Pro, and a customer (with a card and an address of
/// its own) on Pro at $29/month.
struct Shop {
    stack: Stack,
    customer: String,
    email: String,
    sub: String,
}

impl Shop {
    async fn new() -> Shop {
        let mut stack = TestEnv::new().await.stack().await;
        stack.verify_sender(SENDER).await;
        let starter = stack.price("Starter", "1000").await;
        let pro = stack.price("Pro", "2900").await;
        let allowed = vec![starter.parse().unwrap(), pro.parse().unwrap()];
        stack
            .update_project(|p| {
                p.name = "Acme".to_owned();
                p.allowed_prices = allowed;
            })
            .await;
        let email = format!("ada-{}@example.test", random_hex(4));
        let customer = stack.customer_with_card("Ada Lovelace", &email).await;
        let sub = stack.subscribe(&customer, &[&pro]).await;
        let sub = sub["id"].as_str().expect("subscription id").to_owned();
        Shop {
            stack,
            customer,
            email,
            sub,
        }
    }

    /// A portal URL whose session asks for `locale` (a tag or `auto`).
    async fn url(&self, locale: &str) -> String {
        let body = json!({"customer": self.customer, "locale": locale});
        let res = self.stack.create_session(&body).await;
        assert_eq!(res.status(), 201);
        let session: serde_json::Value = res.json().await.expect("session JSON");
        session["url"].as_str().expect("a session url").to_owned()
    }

    async fn prefers(&self, locales: &[&str]) {
        let form: Vec<(&str, &str)> = locales
            .iter()
            .map(|l| ("preferred_locales[]", *l))
            .collect();
        self.stack
            .stripe_post(&format!("/v1/customers/{}", self.customer), &form)
            .await;
    }
}

/// Text as a reader sees it: WebDriver turns no-break spaces into spaces, and the
/// invisible bidi marks and isolates do not count.
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{2066}'..='\u{2069}'))
        .map(|c| {
            if matches!(c, '\u{a0}' | '\u{202f}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// `<html lang dir>` of `lang`, and `wanted` on the page. Right after a click the browser
/// may still show the page before (the switcher's redirect lands on the same path), so
/// this waits for the page to be in `lang` first.
async fn speaks(c: &Client, lang: Lang, wanted: &[String]) {
    let dir = if lang.is_rtl() { "rtl" } else { "ltr" };
    let what = format!("a page with <html lang={:?} dir={dir:?}>", lang.tag());
    eventually(&what, || async {
        let html = c.find(Locator::Css("html")).await.ok()?;
        let got_lang = html.attr("lang").await.ok()??;
        let got_dir = html.attr("dir").await.ok()??;
        (got_lang == lang.tag() && got_dir == dir).then_some(())
    })
    .await;
    let page = plain(&text(c).await);
    for w in wanted {
        assert!(
            page.contains(&plain(w)),
            "{}: no {w:?} in {page}",
            lang.tag()
        );
    }
}

async fn shots_and_axe(c: &Client, axe: &str, name: &str) {
    screenshot(c, name, 1280).await;
    screenshot(c, name, 375).await;
    c.set_window_size(1280, 900).await.expect("resizing");
    let violations = axe_violations(c, axe).await;
    assert!(violations.is_empty(), "{name}: {violations:?}");
}

#[tokio::test]
async fn overview_cancel_and_plan_pages_in_german_japanese_and_arabic() {
    let shop = Shop::new().await;
    let axe = axe_source();
    let mut driver = Driver::start().await;
    for lang in [Lang::De, Lang::Ja, Lang::Ar] {
        let t = Catalogue::of(lang);
        let c = driver.browser(true).await;
        c.goto(&shop.url(lang.tag()).await)
            .await
            .expect("opening the portal URL");
        wait_for_path(&c, "/portal").await;
        let pro = t.format_money(2900, "usd");
        speaks(
            &c,
            lang,
            &[
                t.nav_overview().to_owned(),
                t.price_per(&pro, "month", 1),
                t.language_switcher_button().to_owned(),
            ],
        )
        .await;
        let tag = lang.tag();
        shots_and_axe(&c, &axe, &format!("i18n-{tag}-overview")).await;

        c.goto(&format!(
            "{}/portal/subscriptions/{}/cancel",
            shop.stack.base_url(),
            shop.sub
        ))
        .await
        .expect("the cancel page");
        speaks(
            &c,
            lang,
            &[t.cancel_title("Pro"), t.cancel_confirm().to_owned()],
        )
        .await;
        shots_and_axe(&c, &axe, &format!("i18n-{tag}-cancel")).await;

        c.goto(&format!(
            "{}/portal/subscriptions/{}/update",
            shop.stack.base_url(),
            shop.sub
        ))
        .await
        .expect("the plan page");
        speaks(
            &c,
            lang,
            &[t.plan().title("Pro"), t.plan().preview_button().to_owned()],
        )
        .await;
        shots_and_axe(&c, &axe, &format!("i18n-{tag}-plan")).await;
        c.close().await.expect("closing the browser");
    }
}

#[tokio::test]
async fn a_german_browser_on_an_auto_link_gets_german() {
    let shop = Shop::new().await;
    let mut driver = Driver::start().await;
    let c = driver.browser_speaking(true, Some("de-DE,de")).await;
    c.goto(&shop.url("auto").await)
        .await
        .expect("opening the portal URL");
    wait_for_path(&c, "/portal").await;
    let de = Catalogue::of(Lang::De);
    speaks(
        &c,
        Lang::De,
        &[de.nav_overview().to_owned(), de.nav_invoices().to_owned()],
    )
    .await;
}

#[tokio::test]
async fn the_customers_preferred_language_outranks_the_browser_and_the_switcher_outranks_both() {
    let shop = Shop::new().await;
    shop.prefers(&["ko", "ja"]).await;
    let mut driver = Driver::start().await;
    let c = driver.browser_speaking(false, Some("de-DE,de")).await;
    c.goto(&shop.url("auto").await)
        .await
        .expect("opening the portal URL");
    // Without JavaScript the landing page asks for one click.
    click(&c, Locator::Css("form button")).await;
    wait_for_path(&c, "/portal").await;
    let ja = Catalogue::of(Lang::Ja);
    speaks(&c, Lang::Ja, &[ja.nav_overview().to_owned()]).await;

    // The switcher, from the invoices page, with JavaScript off: back there, in Hebrew.
    click(&c, Locator::LinkText(ja.nav_invoices())).await;
    wait_for_path(&c, "/portal/invoices").await;
    c.find(Locator::Css("#lang-choice option[value='he']"))
        .await
        .expect("Hebrew in the switcher")
        .click()
        .await
        .expect("choosing Hebrew");
    click(&c, Locator::Css("form.lang button")).await;
    wait_for_path(&c, "/portal/invoices").await;
    let he = Catalogue::of(Lang::He);
    speaks(&c, Lang::He, &[he.invoices_heading().to_owned()]).await;
    // And it sticks for the rest of the session.
    click(&c, Locator::LinkText(he.nav_overview())).await;
    wait_for_path(&c, "/portal").await;
    speaks(&c, Lang::He, &[he.subscriptions_heading().to_owned()]).await;
}

/// A French-speaking customer opens a portal link with `locale` and cancels there; the
/// cancellation email (subject and body) must be in `lang`.
async fn cancel_and_read_the_email(locale: &str, lang: Lang) {
    let shop = Shop::new().await;
    shop.prefers(&["fr-CA"]).await;
    let mut driver = Driver::start().await;
    let c = driver.browser(true).await;
    c.goto(&shop.url(locale).await)
        .await
        .expect("opening the portal URL");
    wait_for_path(&c, "/portal").await;
    let t = Catalogue::of(lang);
    speaks(&c, lang, &[t.nav_overview().to_owned()]).await;
    c.goto(&format!(
        "{}/portal/subscriptions/{}/cancel",
        shop.stack.base_url(),
        shop.sub
    ))
    .await
    .expect("the cancel page");
    click(
        &c,
        Locator::XPath(&format!(
            "//button[normalize-space()='{}']",
            t.cancel_confirm()
        )),
    )
    .await;
    wait_for_path(&c, "/portal").await;
    let mails = shop.stack.wait_for_emails(&shop.email, 1).await;
    let mail = mails.first().expect("the cancellation email");
    assert_eq!(
        mail.subject,
        t.mail_cancel_scheduled_subject("Acme", "Pro"),
        "{mail:?}"
    );
    assert!(
        plain(&mail.body).contains(&plain(t.mail_cancel_scheduled_renew())),
        "{mail:?}"
    );
}

#[tokio::test]
async fn the_cancellation_email_speaks_the_customers_language() {
    cancel_and_read_the_email("auto", Lang::Fr).await;
}

#[tokio::test]
async fn a_german_sessions_cancellation_email_is_german_for_a_french_customer() {
    cancel_and_read_the_email("de", Lang::De).await;
}
