//! Browser sessions on moto: the overview's preview hint is remembered on the session row
//! and comes back with the session; an ended session is left alone.

use shared::browser_session::BrowserSessionStore;
use shared::clock::OsRandom;
use shared::ids::{CustomerId, Flow, Locale, SubscriptionId};
use shared::token::{Claims, TokenId};
use time::OffsetDateTime;

use crate::support::{fresh_table, project};

fn ids(raw: &[&str]) -> Vec<SubscriptionId> {
    raw.iter()
        .map(|s| SubscriptionId::parse(s).unwrap())
        .collect()
}

#[tokio::test]
async fn the_preview_hint_is_remembered_on_the_session_and_read_back() {
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
    assert!(session.preview_hint.is_empty());

    let hint = ids(&["sub_a", "sub_b"]);
    sessions.remember_previewed(&session, &hint).await.unwrap();
    let resumed = sessions.resume(&cookie, now).await.unwrap().unwrap();
    assert_eq!(resumed.preview_hint, hint);

    // Emptied again: nothing left to preview ahead.
    sessions.remember_previewed(&resumed, &[]).await.unwrap();
    let resumed = sessions.resume(&cookie, now).await.unwrap().unwrap();
    assert!(resumed.preview_hint.is_empty());

    // A session that ended is not brought back by a late write.
    sessions.end(&cookie).await.unwrap();
    sessions.remember_previewed(&resumed, &hint).await.unwrap();
    assert!(sessions.resume(&cookie, now).await.unwrap().is_none());
}
