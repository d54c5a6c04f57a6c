//! Waiting for a state: a test polls until what it asserts holds, never sleeps a fixed
//! time. The deadline is generous: a loaded CI machine is slow, never wrong, and a test
//! that passes returns as soon as the state is there.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// How long a state may take to appear before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// How often a probe runs.
const EVERY: Duration = Duration::from_millis(50);

/// Runs `probe` until it gives `Some`, and returns that; fails the test, naming `what`,
/// if nothing came within [`DEADLINE`].
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "waited {DEADLINE:?} for {what}, and it never happened"
        );
        tokio::time::sleep(EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn it_returns_the_first_state_that_holds() {
        let mut n = 0;
        let got = eventually("the third probe", || {
            n += 1;
            let now = n;
            async move { (now >= 3).then_some(now) }
        })
        .await;
        assert_eq!(got, 3);
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "waited 30s for a state that never comes")]
    async fn it_fails_naming_what_never_happened() {
        eventually("a state that never comes", || async { None::<()> }).await;
    }
}
