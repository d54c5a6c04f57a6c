//! The one door to Stripe: a client built once per cold start, and typed reads and writes
//! for every call the product makes. No `serde_json::Value` from Stripe leaves this module.
//!
//! - `client`: transport (pinned version, timeouts, retries, Stripe's error envelope).
//! - one module per object (`customer`, `subscription`, `price`, `invoice`, `preview`,
//!   `discount`, `tax_rate`, `meter`, `schedule`, `checkout`, `event`): its type, what its
//!   state means, its calls and their parameters.
//! - `owned`: [`Owned<T>`], the proof that an object read by id belongs to the signed-in
//!   customer; the reads that take a [`crate::ids::CustomerId`] return it, and writes to a
//!   subscription require it.

mod checkout;
mod client;
mod customer;
mod discount;
pub mod event;
mod form;
mod invoice;
mod list;
mod meter;
mod owned;
mod payment_method;
mod preview;
mod price;
mod schedule;
mod subscription;
mod tax_rate;

pub use checkout::{CheckoutSession, SetupCheckout, SetupCheckoutRequest};
pub use client::{
    RetryPolicy, Sleeper, StripeClient, StripeError, StripeErrorBody, StripeKey, TokioSleeper,
    CONNECT_TIMEOUT, REQUEST_TIMEOUT, STRIPE_VERSION,
};
pub use customer::{
    Address, AddressParams, Customer, CustomerUpdate, CustomerView, InvoiceSettings,
    InvoiceSettingsParams, TaxId, TaxIdCreate,
};
pub use discount::{Coupon, Discount, DiscountAmount, DiscountSource};
pub use form::{Clearable, NoParams};
pub use invoice::{
    Charges, Invoice, InvoiceLine, LineParent, LinePeriod, LinePricing, PriceDetails,
    ProrationFlag, StatusTransitions, MAX_INVOICE_PAGE,
};
pub use list::{Expandable, HasId, List, ObjectRef};
pub use meter::{summary_window, MeterEventSummary};
pub use owned::{CustomerOwned, Owned};
pub use payment_method::{Card, PaymentMethod, SetupIntent};
pub use preview::{InvoiceParent, InvoicePreview, SubscriptionParent};
pub use price::{Price, Product, Recurring};
pub use schedule::{
    Phase, PhaseBounds, PhaseDuration, PhaseItem, PhaseItemParams, PhaseParams, Schedule,
    ScheduleUpdate,
};
pub use subscription::{
    missing_products, CancellationDetails, DiscountParams, ItemParams, PauseCollection,
    PauseParams, PreviewChange, Subscription, SubscriptionCancel, SubscriptionItem,
    SubscriptionStatus, SubscriptionUpdate,
};
pub use tax_rate::{InvoiceTax, TaxRate, TaxRateDetails};

/// The `Idempotency-Key` of a portal action: the same form submitted twice (same session
/// CSRF token, action, subject and per-render nonce) changes nothing twice.
pub fn action_idempotency_key(csrf: &str, action: &str, subject: &str, nonce: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{csrf}\n{action}\n{subject}\n{nonce}").as_bytes());
    format!("portal-{}", hex::encode(digest))
}
