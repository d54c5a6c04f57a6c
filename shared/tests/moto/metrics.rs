//! Outcome counters on moto: a session's outcomes count once under races, on the day
//! the session was redeemed; jobs count on the day they happen; projects never mix.

use futures::future::join_all;
use shared::browser_session::{BrowserSession, BrowserSessionStore, SessionCookie};
use shared::clock::OsRandom;
use shared::ids::{CustomerId, Flow, Locale, ProjectId};
use shared::metrics::emf::Emf;
use shared::metrics::{day_of, DayCounts, Job, MetricsStore};
use shared::token::{Claims, TokenId};
use time::macros::datetime;
use time::OffsetDateTime;

use crate::support::{fresh_table, project};

async fn start(
    sessions: &BrowserSessionStore,
    project: &ProjectId,
    now: OffsetDateTime,
) -> (SessionCookie, BrowserSession) {
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
    sessions
        .start(&claims, 14_400, now, &OsRandom)
        .await
        .unwrap()
}

async fn day(store: &MetricsStore, project: &ProjectId, at: OffsetDateTime) -> DayCounts {
    let d = day_of(at);
    store
        .read(project, d, d)
        .await
        .unwrap()
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[tokio::test]
async fn concurrent_jobs_and_escalations_of_one_session_count_it_once_each() {
    let table = fresh_table().await;
    let (emf, lines) = Emf::memory("test");
    let store = MetricsStore::new(table.clone(), emf);
    let sessions = BrowserSessionStore::new(table);
    let p = project();
    let now = OffsetDateTime::now_utc();
    let (_, session) = start(&sessions, &p, now).await;
    let jobs = (0..20).map(|_| store.job(&session, Job::PlanChanged, now));
    let escalations = (0..20).map(|_| store.escalated(&session, now));
    let (jobs, escalations) = tokio::join!(join_all(jobs), join_all(escalations));
    assert!(jobs.iter().chain(escalations.iter()).all(Result::is_ok));
    let c = day(&store, &p, now).await;
    assert_eq!((c.completed, c.escalated, c.engaged), (1, 1, 1));
    assert_eq!(c.jobs[&Job::PlanChanged], 20);
    // The EMF lines agree: one completed, one escalated, twenty jobs.
    let lines = lines.lines();
    let count = |name: &str| {
        lines
            .iter()
            .filter(|l| l.contains(&format!("\"{name}\":1")))
            .count()
    };
    assert_eq!(count("SessionsCompleted"), 1);
    assert_eq!(count("SessionsEscalated"), 1);
    assert_eq!(count("Jobs"), 20);
}

#[tokio::test]
async fn a_session_counts_on_the_day_it_was_redeemed_and_its_jobs_on_their_day() {
    let table = fresh_table().await;
    let store = MetricsStore::new(table.clone(), Emf::memory("test").0);
    let sessions = BrowserSessionStore::new(table);
    let p = project();
    let before_midnight = datetime!(2026-11-25 23:50 UTC);
    let after_midnight = datetime!(2026-11-26 00:10 UTC);
    let (_, session) = start(&sessions, &p, before_midnight).await;
    store
        .redeemed(&p, &session.customer, before_midnight)
        .await
        .unwrap();
    store
        .job(&session, Job::Cancelled, after_midnight)
        .await
        .unwrap();
    let first = day(&store, &p, before_midnight).await;
    let second = day(&store, &p, after_midnight).await;
    assert_eq!((first.redeemed, first.completed, first.engaged), (1, 1, 1));
    assert_eq!(first.jobs[&Job::Cancelled], 0);
    assert_eq!((second.redeemed, second.completed), (0, 0));
    assert_eq!(second.jobs[&Job::Cancelled], 1);
}

#[tokio::test]
async fn a_job_after_the_session_ended_still_counts_but_completes_nothing() {
    let table = fresh_table().await;
    let store = MetricsStore::new(table.clone(), Emf::memory("test").0);
    let sessions = BrowserSessionStore::new(table);
    let p = project();
    let now = OffsetDateTime::now_utc();
    let (cookie, session) = start(&sessions, &p, now).await;
    sessions.end(&cookie).await.unwrap();
    store.job(&session, Job::Paused, now).await.unwrap();
    let c = day(&store, &p, now).await;
    assert_eq!((c.completed, c.engaged), (0, 0));
    assert_eq!(c.jobs[&Job::Paused], 1);
}

#[tokio::test]
async fn one_projects_counters_never_show_in_anothers() {
    let table = fresh_table().await;
    let store = MetricsStore::new(table, Emf::memory("test").0);
    let (a, b) = (project(), project());
    let now = OffsetDateTime::now_utc();
    let results = join_all((0..10).map(|_| store.minted(&a, now))).await;
    assert!(results.iter().all(Result::is_ok));
    store.minted(&b, now).await.unwrap();
    assert_eq!(day(&store, &a, now).await.minted, 10);
    assert_eq!(day(&store, &b, now).await.minted, 1);
}

/// A store whose client records its requests.
async fn recorded(table: &shared::store::Table) -> (MetricsStore, test_support::DynamoTap) {
    let requests = test_support::DynamoTap::default();
    let table = requests.table(table).await;
    (MetricsStore::new(table, Emf::memory("test").0), requests)
}

#[tokio::test]
async fn recording_an_outcome_is_one_dynamodb_request() {
    let table = fresh_table().await;
    let (store, requests) = recorded(&table).await;
    let sessions = BrowserSessionStore::new(table.clone());
    let p = project();
    let now = OffsetDateTime::now_utc();
    let (cookie, session) = start(&sessions, &p, now).await;
    let one = |what: &str, got: Vec<String>, expected: &str| {
        assert_eq!(got, vec![expected.to_owned()], "{what}");
    };
    store.minted(&p, now).await.unwrap();
    one("minted", requests.take(), "UpdateItem");
    store.redeemed(&p, &session.customer, now).await.unwrap();
    one("redeemed", requests.take(), "TransactWriteItems");
    store.job(&session, Job::PlanChanged, now).await.unwrap();
    one("first job", requests.take(), "TransactWriteItems");
    // The next request's renewal reads the session's flags back: a plain counter update.
    let session = sessions.resume(&cookie, now).await.unwrap().unwrap();
    assert!(session.completed && !session.escalated);
    store.job(&session, Job::Cancelled, now).await.unwrap();
    one("second job", requests.take(), "UpdateItem");
    store.escalated(&session, now).await.unwrap();
    one("escalation", requests.take(), "TransactWriteItems");
    let session = sessions.resume(&cookie, now).await.unwrap().unwrap();
    store.escalated(&session, now).await.unwrap();
    assert!(
        requests.take().is_empty(),
        "a second escalation writes nothing"
    );
}

/// Latency of each recording call against one plain `UpdateItem` (the session renewal
/// every portal request already makes), on moto. Figures go to docs/benchmarks.md.
#[tokio::test]
#[ignore = "benchmark: run by hand (docs/benchmarks.md)"]
async fn recording_latency_against_one_update_item() {
    use std::time::{Duration, Instant};
    let table = fresh_table().await;
    let store = MetricsStore::new(table.clone(), Emf::memory("test").0);
    let sessions = BrowserSessionStore::new(table.clone());
    let p = project();
    let now = OffsetDateTime::now_utc();
    const N: u32 = 50;
    let mut renew = Duration::ZERO;
    let mut first_job = Duration::ZERO;
    let mut next_job = Duration::ZERO;
    let mut redeem = Duration::ZERO;
    for _ in 0..N {
        let (cookie, _) = start(&sessions, &p, now).await;
        let t = Instant::now();
        let session = sessions.resume(&cookie, now).await.unwrap().unwrap();
        renew += t.elapsed();
        let t = Instant::now();
        store.redeemed(&p, &session.customer, now).await.unwrap();
        redeem += t.elapsed();
        let t = Instant::now();
        store.job(&session, Job::PlanChanged, now).await.unwrap();
        first_job += t.elapsed();
        let session = sessions.resume(&cookie, now).await.unwrap().unwrap();
        let t = Instant::now();
        store.job(&session, Job::PlanChanged, now).await.unwrap();
        next_job += t.elapsed();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0 / f64::from(N);
    println!(
        "| session renewal (UpdateItem, baseline) | {:.2} ms |",
        ms(renew)
    );
    println!(
        "| redeemed (TransactWriteItems, 2 items) | {:.2} ms |",
        ms(redeem)
    );
    println!(
        "| first job of a session (TransactWriteItems, 2 items) | {:.2} ms |",
        ms(first_job)
    );
    println!("| further job (UpdateItem) | {:.2} ms |", ms(next_job));
}
