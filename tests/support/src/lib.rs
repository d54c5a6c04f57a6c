//! Support code shared by the integration tests of every crate (never by the product).
//!
//! - [`env`]: where the stand-ins `cargo xtask test` starts listen; a missing one panics
//!   with the command to run, never skips.
//! - [`world`]: a fresh table, SSM prefix and signing key on moto, projects in it.
//! - [`standin`]: the Stripe stand-in as one account (set-up calls tests make).
//! - [`clock`]: a clock tests move and a Stripe client whose retries do not sleep.
//! - [`reply`]: a function's `Response` read into status, headers and text.
//! - [`ses`]: the emails moto's SES accepted.
//! - [`poll`]: waiting for a state, with a deadline, never for a time.
//! - [`aws_tap`], [`tap`]: the AWS requests a function sends (all of them, or one table's).

pub mod aws_tap;
pub mod clock;
pub mod env;
pub mod poll;
pub mod reply;
pub mod ses;
pub mod standin;
pub mod tap;
pub mod world;

pub use aws_tap::AwsTap;
pub use clock::{stripe_client, NoSleep, TestClock};
pub use env::{env, standins, Standins, NOT_RUNNING};
pub use poll::eventually;
pub use reply::{read, Got};
pub use ses::{sent_emails, SentEmail};
pub use standin::{normalized, StandIn};
pub use tap::DynamoTap;
pub use world::{
    everything_stored, fresh_stripe_key, fresh_table, random_hex, store_project, suffix, Moto,
    LOCAL_BASE_URL, RETURN_URL,
};
