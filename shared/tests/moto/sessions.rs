//! Browser sessions on moto: the read hint (the overview's previews, the next-invoice
//! pages' meter reads) is remembered on the session row and comes back with the session;
//! an ended session is left alone.

use shared::browser_session::{BrowserSessionStore, PlanHint, ReadHint, UsageHint};
use shared::clock::OsRandom;
use shared::ids::{CustomerId, Flow, Locale, MeterId, PriceId, SubscriptionId, SubscriptionItemId};
use shared::token::{Claims, TokenId};
use time::OffsetDateTime;

use crate::support::{fresh_table, project};

fn ids(raw: &[&str]) -> Vec<SubscriptionId> {
    raw.iter()
        .map(|s| SubscriptionId::parse(s).unwrap())
        .collect()
}

#[tokio::test]
async fn the_read_hint_is_remembered_on_the_session_and_read_back() {
    let sessions = BrowserSessionStore::new(fresh_table().await);
    let project = project();
    let now = OffsetDateTime::now_utc();
    let claims = Claims {
        project: project.clone(),
        customer: CustomerId::parse("cus_1").unwrap(),
        flow: Flow::Overview,
        subscription: None,
        return_url: None,
        locale: Locale::default(),
        id: TokenId::generate(&OsRandom).unwrap(),
        exp: now.unix_timestamp() + 300,
    };
    let (cookie, session) = sessions
        .start(&claims, 14_400, now, &OsRandom)
        .await
        .unwrap();
    assert_eq!(session.hint, ReadHint::default());

    let hint = ReadHint {
        previews: ids(&["sub_a", "sub_b"]),
        usage: vec![UsageHint {
            subscription: SubscriptionId::parse("sub_b").unwrap(),
            meter: MeterId::parse("mtr_calls").unwrap(),
            start: 1_764_547_200,
            end: 1_767_225_600,
        }],
        plans: vec![PlanHint {
            subscription: SubscriptionId::parse("sub_a").unwrap(),
            item: SubscriptionItemId::parse("si_a1").unwrap(),
            price: PriceId::parse("price_pro").unwrap(),
            quantity: Some(2),
        }],
    };
    sessions.remember_hint(&session, &hint).await.unwrap();
    let resumed = sessions.resume(&cookie, now).await.unwrap().unwrap();
    assert_eq!(resumed.hint, hint);

    // Emptied again: nothing left to read ahead.
    sessions
        .remember_hint(&resumed, &ReadHint::default())
        .await
        .unwrap();
    let resumed = sessions.resume(&cookie, now).await.unwrap().unwrap();
    assert_eq!(resumed.hint, ReadHint::default());

    // A session that ended is not brought back by a late write.
    sessions.end(&cookie).await.unwrap();
    sessions.remember_hint(&resumed, &hint).await.unwrap();
    assert!(sessions.resume(&cookie, now).await.unwrap().is_none());
}
