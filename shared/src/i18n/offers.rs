//! The cancel flow's offers, custom reasons and the funnel (a part of each language's
//! catalogue; kept together so they move to the Fluent catalogue as one group).

/// Every string of the offers beside "Cancel anyway".
#[derive(Debug)]
pub struct OffersText {
    /// Button of the reason step (see what we can do about it).
    pub continue_button: &'static str,
    /// "You told us: <reason>".
    pub you_said: fn(&str) -> String,
    /// Link back to change the reason.
    pub change_reason: &'static str,
    /// Heading of the offer card.
    pub offer_heading: &'static str,
    /// Heading of the cancel card beside an offer.
    pub still_cancel_heading: &'static str,
    /// The one-click cancel beside an offer.
    pub cancel_anyway: &'static str,
    /// Coupon offer: what it is (the coupon's terms, as Stripe states them).
    pub coupon_body: fn(&str) -> String,
    /// Coupon offer's button.
    pub coupon_button: &'static str,
    /// Pause offer: text.
    pub pause_body: &'static str,
    /// Pause offer's button.
    pub pause_button: &'static str,
    /// Downgrade offer: text (plan).
    pub downgrade_body: fn(&str) -> String,
    /// Downgrade offer's button (plan).
    pub downgrade_button: fn(&str) -> String,
    /// "Talk to us" offer: text.
    pub support_body: &'static str,
    /// "Talk to us" offer's button.
    pub support_button: &'static str,
    /// Coupon terms: "<off> for <n> months".
    pub for_months: fn(&str, i64) -> String,
    /// Coupon terms: "<off>, for as long as you stay".
    pub forever: fn(&str) -> String,
    /// Notice: the offer was already used or cannot apply any more.
    pub offer_unavailable: &'static str,
    /// Notice: the offer was applied.
    pub offer_applied: &'static str,
}

/// English.
pub(super) const EN: OffersText = OffersText {
    continue_button: "Continue",
    you_said: |reason| format!("You told us: {reason}."),
    change_reason: "Change my answer",
    offer_heading: "Before you go",
    still_cancel_heading: "Still want to cancel?",
    cancel_anyway: "Cancel anyway",
    coupon_body: |terms| format!("Stay and get {terms}."),
    coupon_button: "Apply the discount",
    pause_body: "Take a break instead: you won't be charged while your plan is paused.",
    pause_button: "Pause instead",
    downgrade_body: |plan| format!("Keep going for less on {plan}."),
    downgrade_button: |plan| format!("Switch to {plan}"),
    support_body: "Tell us what went wrong; we may be able to fix it.",
    support_button: "Talk to us",
    for_months: |off, months| match months {
        1 => format!("{off} for 1 month"),
        n => format!("{off} for {n} months"),
    },
    forever: |off| format!("{off} for as long as you stay"),
    offer_unavailable:
        "This offer is no longer available for this subscription. Nothing was changed.",
    offer_applied: "Done: the offer is applied to your plan.",
};
