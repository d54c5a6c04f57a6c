//! Time under the test's control.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use shared::clock::Clock;
use shared::stripe::{RetryPolicy, Sleeper, StripeClient};
use time::OffsetDateTime;

/// A clock tests move by hand (share one `Arc` with every app that should see it).
#[derive(Debug)]
pub struct TestClock(Mutex<OffsetDateTime>);

impl TestClock {
    /// A clock at the current time.
    pub fn now() -> Arc<TestClock> {
        Arc::new(TestClock(Mutex::new(OffsetDateTime::now_utc())))
    }

    /// Moves the clock forward.
    pub fn advance(&self, seconds: i64) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += time::Duration::seconds(seconds);
    }
}

impl Clock for TestClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Sleeps for no time, so retry paths stay fast.
pub struct NoSleep;

impl Sleeper for NoSleep {
    fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

/// A Stripe client on `base` with the default retry policy and no waiting between tries.
pub fn stripe_client(base: &str) -> StripeClient {
    StripeClient::new(base)
        .expect("a Stripe client on the stand-in")
        .with_retry(RetryPolicy::default(), Arc::new(NoSleep))
}
