use shared::rate_limit::{Admission, RateLimit, RateLimiter};

use crate::support::*;

#[tokio::test]
async fn requests_over_the_limit_in_a_window_are_limited() {
    let limiter = RateLimiter::new(
        fresh_table().await,
        RateLimit {
            limit: 2,
            window_seconds: 60,
        },
    );
    let (p, other) = (project(), project());
    let t = 1_800_000_000; // a multiple of 60: the start of a window
    assert_eq!(limiter.admit(&p, at(t)).await.unwrap(), Admission::Allowed);
    assert_eq!(
        limiter.admit(&p, at(t + 1)).await.unwrap(),
        Admission::Allowed
    );
    assert_eq!(
        limiter.admit(&p, at(t + 10)).await.unwrap(),
        Admission::Limited { retry_after: 50 }
    );
    assert_eq!(
        limiter.admit(&other, at(t + 10)).await.unwrap(),
        Admission::Allowed
    );
    assert_eq!(
        limiter.admit(&p, at(t + 60)).await.unwrap(),
        Admission::Allowed
    );
}
