//! The webhooks function's EMF lines and its share of the counters: a portal link minted
//! into a confirmation email counts as minted.

use serde_json::Value;
use shared::metrics::emf::Emf;
use shared::metrics::{day_of, MetricsStore};
use time::OffsetDateTime;

use crate::support::World;
use crate::{schedule_cancel, UPDATED};

#[tokio::test]
async fn an_emailed_portal_link_counts_as_minted_and_every_request_writes_an_emf_line() {
    let mut w = World::new().await;
    let (emf, lines) = Emf::memory("webhooks");
    w.app = w.app.with_emf(emf);
    let event = schedule_cancel(&w).await;
    assert_eq!(event["type"], UPDATED);
    assert_eq!(w.deliver(&event).await.status, 200);
    let refused = w.post_raw(&w.app, b"{}", Some("t=1,v1=00")).await;
    assert_eq!(refused.status, 400);

    // Yesterday too, so a run across midnight still finds the count.
    let now = OffsetDateTime::now_utc();
    let (from, to) = (day_of(now - time::Duration::days(1)), day_of(now));
    let store = MetricsStore::new(w.table.clone(), Emf::memory("test").0);
    let rows = store.read(&w.project.id, from, to).await.unwrap();
    let minted: i64 = rows.iter().map(|r| r.minted).sum();
    assert_eq!(minted, 1, "the email's link");

    let parsed: Vec<Value> = lines
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect("an EMF line is JSON"))
        .collect();
    let requests: Vec<&Value> = parsed.iter().filter(|v| v["Requests"] == 1).collect();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["Status"], 200);
    assert_eq!(requests[1]["Status"], 400);
    for r in &requests {
        assert_eq!(r["Function"], "webhooks");
        assert_eq!(r["Route"], "stripe_webhook");
        assert_eq!(
            r["_aws"]["CloudWatchMetrics"][0]["Namespace"],
            "BillingPortal"
        );
    }
    assert!(parsed.iter().any(|v| v["SessionsMinted"] == 1));
    let all = lines.lines().join("\n");
    for secret in [w.stripe_key.as_str(), w.email.as_str(), w.customer.as_str()] {
        assert!(
            !all.contains(secret),
            "an EMF line leaks a secret, email or customer id"
        );
    }
}
