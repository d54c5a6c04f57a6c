//! One module per group of pages; each handler takes the guard's [`crate::guard::Ctx`]
//! (or, before sign-in, the token) and only orchestrates: Stripe reads and writes from
//! `shared::stripe`, rules from `shared`, pages from `shared::views`.

pub(crate) mod billing;
pub(crate) mod cancel;
pub(crate) mod invoice;
pub(crate) mod links;
pub(crate) mod login;
pub(crate) mod next_invoice;
pub(crate) mod overview;
pub(crate) mod plan;
pub(crate) mod plan_change;
pub(crate) mod sign_in;
