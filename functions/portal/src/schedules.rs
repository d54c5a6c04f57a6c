//! Writes that must release a subscription's schedule first (Stripe refuses to edit a
//! subscription its schedule manages). A release drops the tenant's pending change, so a
//! write that fails after it is compensated: the subscription gets an equivalent schedule
//! back. Nothing is left half-applied without the page saying so.

use shared::stripe::{Owned, Schedule, StripeKey, Subscription};

use crate::app::App;
use crate::stripe_reads::within;

/// How a multi-step write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failed {
    /// Stripe is as it was.
    NothingChanged,
    /// Undoing a step failed too: part of the change may be made.
    MaybeChanged,
}

/// Releases `schedule` (of `sub`) so a write can follow. If the release fails, it may still
/// have landed: then the schedule is given back, and either way Stripe is as it was.
pub(crate) async fn release(
    app: &App,
    key: &StripeKey,
    sub: &Owned<Subscription>,
    schedule: &Schedule,
    idem: &str,
) -> Result<(), Failed> {
    let release_key = format!("{idem}#release");
    let released = app.stripe.release_schedule(key, schedule, &release_key);
    if within(app, "release_schedule", released).await.is_ok() {
        return Ok(());
    }
    let still = within(app, "schedule", app.stripe.live_schedule(key, sub)).await;
    match still {
        Ok(Some(_)) => Err(Failed::NothingChanged),
        Ok(None) => {
            restore(app, key, sub, schedule, idem).await?;
            Err(Failed::NothingChanged)
        }
        Err(()) => Err(Failed::MaybeChanged),
    }
}

/// Gives `sub` a new schedule with the phases of `released` (its release could not be
/// followed by the write it made room for).
pub(crate) async fn restore(
    app: &App,
    key: &StripeKey,
    sub: &Owned<Subscription>,
    released: &Schedule,
    idem: &str,
) -> Result<(), Failed> {
    let (create_key, phases_key) = (format!("{idem}#restore"), format!("{idem}#restore-phases"));
    let create = app.stripe.create_schedule(key, sub, &create_key);
    let created = within(app, "restore_schedule", create)
        .await
        .map_err(|()| Failed::MaybeChanged)?;
    let params = released.restore_params();
    let update = app
        .stripe
        .update_schedule(key, &created, &params, &phases_key);
    within(app, "restore_schedule_phases", update)
        .await
        .map_err(|()| Failed::MaybeChanged)?;
    tracing::info!("a released schedule was given back after a failed write");
    Ok(())
}

/// Undoes a schedule this request created for a change whose phases could not be written.
pub(crate) async fn undo_created(
    app: &App,
    key: &StripeKey,
    created: &Schedule,
    idem: &str,
) -> Failed {
    let undo_key = format!("{idem}#undo");
    let release = app.stripe.release_schedule(key, created, &undo_key);
    match within(app, "release_created_schedule", release).await {
        Ok(()) => Failed::NothingChanged,
        Err(()) => Failed::MaybeChanged,
    }
}
