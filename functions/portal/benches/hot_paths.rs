//! The portal's CPU hot paths, measured with criterion (figures in `docs/benchmarks.md`):
//!
//! - minting a portal token and verifying it (`SigningKeys::sign` + `verify`);
//! - verifying a webhook signature over a 10 KB body (`shared::webhook::verify`);
//! - rendering the overview (maud) for a customer with 3 subscriptions and 24 invoices;
//! - finding the session cookie in a `Cookie` header, and parsing a form body.
//!
//! The overview's inputs are real: an in-process Stripe stand-in holds the demo customer
//! (20% coupon, 8.25% tax, a card) with three subscriptions, and the product's own Stripe
//! client reads them as the overview does. Only the render is timed.
//!
//! ```sh
//! cargo bench -p portal --bench hot_paths
//! BP_BENCH_CLOCK=thread-cpu cargo bench -p portal --bench hot_paths
//! ```
//!
//! By default criterion times wall-clock time. With `BP_BENCH_CLOCK=thread-cpu` it times
//! the benchmark thread's own CPU time instead (`CLOCK_THREAD_CPUTIME_ID`), which does not
//! count time spent descheduled: the figure to read on a loaded machine.

use std::collections::HashMap;
use std::hint::black_box;

use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::Criterion;
use secrecy::SecretString;
use shared::browser_session::{CookiePolicy, SessionCookie};
use shared::clock::OsRandom;
use shared::i18n::Catalogue;
use shared::ids::{CustomerId, Flow, Locale, ProjectId, SubscriptionId};
use shared::stripe::{
    missing_products, CustomerView, Invoice, InvoicePreview, Owned, StripeClient, StripeKey,
    Subscription,
};
use shared::token::{Claims, SigningKeys, TokenId};
use shared::views::{self, Brand, NavPage, SessionChrome, SubscriptionCard};
use test_support::StandIn;
use time::OffsetDateTime;

fn project() -> ProjectId {
    ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").expect("a project id")
}

fn tokens<M: Measurement + 'static>(c: &mut Criterion<M>) {
    let keys = SigningKeys::generate("k1", &OsRandom).expect("signing keys");
    let now = OffsetDateTime::now_utc();
    let claims = Claims {
        project: project(),
        customer: CustomerId::parse("cus_QxTfG9aB2cD3eF").expect("a customer id"),
        flow: Flow::Overview,
        subscription: None,
        return_url: None,
        locale: Locale::default(),
        id: TokenId::generate(&OsRandom).expect("a token id"),
        exp: now.unix_timestamp() + 300,
    };
    let token = keys.sign(&claims).expect("a token");
    assert!(keys.verify(token.expose(), now).is_ok());
    c.bench_function("token mint + verify", |b| {
        b.iter(|| {
            let token = keys.sign(black_box(&claims)).expect("a token");
            keys.verify(black_box(token.expose()), now).is_ok()
        })
    });
    c.bench_function("token verify", |b| {
        b.iter(|| keys.verify(black_box(token.expose()), now).is_ok())
    });
}

fn webhooks<M: Measurement + 'static>(c: &mut Criterion<M>) {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    // An event padded to 10 KB (a subscription with its items is about this size).
    let mut body = br#"{"id":"evt_1","object":"event","type":"customer.subscription.updated","data":{"object":{"id":"sub_1","metadata":{"note":""#.to_vec();
    body.resize(10 * 1024 - 4, b'x');
    body.extend_from_slice(br#""}}}"#);
    assert_eq!(body.len(), 10 * 1024);
    let secret = "whsec_0123456789abcdefghijklmnopqrstuv";
    let header = shared::webhook::sign(&body, secret, now);
    let secrets = [SecretString::from(secret.to_owned())];
    assert!(shared::webhook::verify(&body, Some(&header), &secrets, now).is_ok());
    c.bench_function("webhook verify (10 KB)", |b| {
        b.iter(|| shared::webhook::verify(black_box(&body), Some(&header), &secrets, now).is_ok())
    });
}

/// What the overview renders, read from the stand-in with the product's Stripe client.
struct OverviewData {
    subs: Vec<Owned<Subscription>>,
    previews: HashMap<SubscriptionId, Owned<InvoicePreview>>,
    invoices: Vec<Invoice>,
    card: Option<shared::stripe::Card>,
    label: Option<String>,
}

async fn overview_data() -> OverviewData {
    let standin = stripe_standin::spawn(stripe_standin::Options::default())
        .await
        .expect("an in-process stand-in");
    let seed = standin.seed_demo().expect("the demo seed");
    let text = |k: &str| seed[k].as_str().expect("a seed field").to_owned();
    let account = StandIn::new(&standin.base_url(), &text("secret_key"));
    let customer = text("customer");
    // A third subscription: five seats of the cheapest plan.
    let cheapest = seed["prices"][0].as_str().expect("a demo price").to_owned();
    account
        .post(
            "/v1/subscriptions",
            &[
                ("customer", &customer),
                ("items[0][price]", &cheapest),
                ("items[0][quantity]", "5"),
            ],
        )
        .await;
    // Months pass until the customer has 24 invoices.
    let http = reqwest::Client::new();
    loop {
        let list = account
            .get(&format!("/v1/invoices?customer={customer}&limit=24"))
            .await;
        if list["data"].as_array().map_or(0, Vec::len) >= 24 {
            break;
        }
        let res = http
            .post(format!(
                "{}/_standin/accounts/{}/advance",
                standin.base_url(),
                text("secret_key")
            ))
            .json(&serde_json::json!({"seconds": 31 * 86_400}))
            .send()
            .await
            .expect("advancing the stand-in");
        assert!(res.status().is_success());
    }

    let stripe = StripeClient::new(&standin.base_url()).expect("a Stripe client");
    let key = StripeKey::new(SecretString::from(text("secret_key")));
    let id = CustomerId::parse(&customer).expect("a customer id");
    let mut subs = stripe
        .customer_subscriptions(&key, &id)
        .await
        .expect("the subscriptions");
    assert_eq!(subs.len(), 3, "three subscriptions");
    let products = stripe.products(&key, &[]).await.expect("the products");
    let known: HashMap<String, _> = products
        .data
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    assert!(missing_products(&subs, &known).is_empty());
    for sub in subs.iter_mut() {
        sub.attach_products(&known);
    }
    let mut previews = HashMap::new();
    for sub in subs.iter().filter(|s| s.invoices_next()) {
        let idem = format!("bench-preview-{}", sub.id);
        let preview = stripe
            .customer_next_invoice(&key, &id, &sub.id, &idem)
            .await
            .expect("a preview")
            .expect("the customer's preview");
        previews.insert(sub.id.clone(), preview);
    }
    assert_eq!(previews.len(), 3, "three next invoices");
    let invoices = stripe
        .customer_invoices(&key, &id, 24, None)
        .await
        .expect("the invoices")
        .data;
    assert_eq!(invoices.len(), 24);
    let cust = stripe
        .own_customer(&key, &id, CustomerView::WithCard)
        .await
        .expect("the customer")
        .expect("the customer, not deleted");
    OverviewData {
        subs,
        previews,
        invoices,
        card: cust.default_card().cloned(),
        label: cust.label().map(str::to_owned),
    }
}

fn overview<M: Measurement + 'static>(c: &mut Criterion<M>) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let data = runtime.block_on(overview_data());
    let t = Catalogue::english();
    let brand = Brand {
        name: "Acme Demo".to_owned(),
        logo_url: None,
        accent: None,
    };
    let chrome = SessionChrome {
        current: NavPage::Overview,
        csrf: "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6".to_owned(),
        support_url: Some("mailto:support@acme.test".parse().expect("a support URL")),
        billing_details: true,
        notice: None,
        path: "/portal".to_owned(),
    };
    let cards: Vec<SubscriptionCard<'_>> = data
        .subs
        .iter()
        .map(|sub| SubscriptionCard {
            sub,
            scheduled_change: None,
            plan_change_offered: true,
            next_invoice: data.previews.get(&sub.id).map(|p| Ok(&**p)),
        })
        .collect();
    let page = views::OverviewPage {
        t,
        brand: &brand,
        chrome: &chrome,
        customer_label: data.label.as_deref(),
        subscriptions: Ok(&cards),
        card: Ok(data.card.as_ref()),
        invoices: Ok(&data.invoices),
        nonce: "n0nceN0nceN0nceN0nce01",
    };
    let html = views::overview(&page).into_string();
    for needle in ["Early adopter", "Sales tax", "Visa", "API requests"] {
        assert!(html.contains(needle), "the overview lacks {needle:?}");
    }
    assert_eq!(html.matches("/pdf\"").count(), 24, "24 invoices");
    c.bench_function("overview render (3 subscriptions, 24 invoices)", |b| {
        b.iter(|| views::overview(black_box(&page)).into_string().len())
    });
}

fn parsing<M: Measurement + 'static>(c: &mut Criterion<M>) {
    let policy = CookiePolicy::for_base_url("https://billing.example.com");
    let cookie = SessionCookie::generate(&project(), &OsRandom).expect("a cookie");
    let header = format!(
        "_ga=GA1.2.1234567890.1764100000; theme=dark; {}={}; consent=yes",
        policy.name(),
        cookie.expose()
    );
    assert_eq!(policy.find([header.as_str()]), Some(cookie));
    c.bench_function("cookie parse", |b| {
        b.iter(|| policy.find([black_box(header.as_str())]).is_some())
    });

    let body = "csrf=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6&nonce=n0nceN0nceN0nceN0nce01\
                &reason=too_expensive&comment=Too+much+for+what+we+use+%E2%80%94+sorry%21";
    let request = |body: &str| {
        http::Request::builder()
            .method("POST")
            .uri("/portal/subscriptions/sub_1/cancel")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(lambda_http::Body::from(body.to_owned()))
            .expect("a request")
    };
    let req = request(body);
    let form = portal::request::Form::of(&req);
    assert_eq!(form.get("reason"), Some("too_expensive"));
    assert_eq!(form.nonce(), "n0nceN0nceN0nceN0nce01");
    c.bench_function("form parse (cancel form)", |b| {
        b.iter(|| portal::request::Form::of(black_box(&req)).pairs().count())
    });
}

/// The benchmark thread's CPU time (Linux `CLOCK_THREAD_CPUTIME_ID`).
struct ThreadCpu;

fn thread_cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    let secs = u64::try_from(ts.tv_sec).unwrap_or(0);
    let nanos = u32::try_from(ts.tv_nsec).unwrap_or(0);
    Duration::new(secs, nanos)
}

impl Measurement for ThreadCpu {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }

    fn end(&self, started: Duration) -> Duration {
        thread_cpu_now().saturating_sub(started)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        // Durations either way: the wall clock's formatter prints them.
        WallTime.formatter()
    }
}

fn all<M: Measurement + 'static>(c: &mut Criterion<M>) {
    tokens(c);
    webhooks(c);
    overview(c);
    parsing(c);
}

fn run<M: Measurement + 'static>(c: Criterion<M>) {
    let mut c = c.configure_from_args();
    all(&mut c);
    c.final_summary();
}

fn main() {
    if std::env::var("BP_BENCH_CLOCK").as_deref() == Ok("thread-cpu") {
        run(Criterion::default().with_measurement(ThreadCpu));
    } else {
        run(Criterion::default());
    }
}
