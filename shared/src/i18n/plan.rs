//! The plan-change pages' text (a part of each language's catalogue).

/// Every string of the plan-change page, the scheduled change and the downgrade offer.
#[derive(Debug)]
pub struct PlanText {
    /// Link from the overview to the plan page.
    pub change_plan: &'static str,
    /// Page title (current plan).
    pub title: fn(&str) -> String,
    /// What the page is for.
    pub intro: &'static str,
    /// Legend of the item choice on multi-item subscriptions.
    pub item_legend: &'static str,
    /// Marks the current plan in the list.
    pub current: &'static str,
    /// Label of the quantity field (min, max).
    pub quantity_label: fn(u32, u32) -> String,
    /// Submit of the choice form.
    pub preview_button: &'static str,
    /// No plan to switch to.
    pub no_prices: &'static str,
    /// Heading of the preview.
    pub preview_heading: &'static str,
    /// "From <plan> to <plan>".
    pub from_to: fn(&str, &str) -> String,
    /// Amount charged when confirming.
    pub due_now: fn(&str) -> String,
    /// Nothing charged when confirming.
    pub nothing_now: &'static str,
    /// A prorated charge included (amount).
    pub proration_charge: fn(&str) -> String,
    /// A prorated credit included (amount).
    pub proration_credit: fn(&str) -> String,
    /// Next invoice (date, amount).
    pub next_invoice: fn(&str, &str) -> String,
    /// Renewal amount where the change starts a new cycle (amount).
    pub then_each_renewal: fn(&str) -> String,
    /// The change waits for the period end (plan, date).
    pub applies_at: fn(&str, &str) -> String,
    /// The change applies on confirm.
    pub applies_now: &'static str,
    /// One-click confirm.
    pub confirm_button: &'static str,
    /// Overview: a change scheduled by the subscription's schedule (plan, date).
    pub changes_on: fn(&str, &str) -> String,
    /// Cancel page: heading of the downgrade alternative.
    pub switch_heading: &'static str,
    /// Cancel page: link to the downgrade preview (plan).
    pub switch_instead: fn(&str) -> String,
    /// Refusal: price not allowed.
    pub refused_price: &'static str,
    /// Refusal: item not on the subscription.
    pub refused_item: &'static str,
    /// Refusal: no item chosen on a multi-item subscription.
    pub refused_choose_item: &'static str,
    /// Refusal: quantity out of bounds (min, max).
    pub refused_quantity: fn(u32, u32) -> String,
    /// Refusal: quantity cannot change.
    pub refused_quantity_fixed: &'static str,
    /// Refusal: the price is on another item already.
    pub refused_duplicate: &'static str,
    /// Refusal: the subscription cannot change now.
    pub refused_state: &'static str,
    /// The choice is the current plan.
    pub refused_same: &'static str,
    /// The preview could not be computed.
    pub preview_unavailable: &'static str,
}

/// English.
pub static EN: PlanText = PlanText {
    change_plan: "Change plan",
    title: |plan| format!("Change {plan}"),
    intro: "Choose a plan to see what it costs before anything changes.",
    item_legend: "Which part of your subscription?",
    current: "(current plan)",
    quantity_label: |min, max| format!("Quantity ({min} to {max})"),
    preview_button: "See what changes",
    no_prices: "No other plans are available for this subscription.",
    preview_heading: "What changes",
    from_to: |from, to| format!("From {from} to {to}"),
    due_now: |amount| format!("Charged today: {amount}"),
    nothing_now: "Nothing is charged today.",
    proration_charge: |amount| {
        format!("Includes {amount} for the rest of the current period (prorated).")
    },
    proration_credit: |amount| {
        format!("Includes a credit of {amount} for the unused part of the current period.")
    },
    next_invoice: |date, amount| format!("Next invoice on {date}: {amount}"),
    then_each_renewal: |amount| format!("Then {amount} at each renewal."),
    applies_at: |plan, date| {
        format!("Your plan changes to {plan} on {date}; you keep your current plan until then.")
    },
    applies_now: "The change applies as soon as you confirm.",
    confirm_button: "Confirm change",
    changes_on: |plan, date| format!("Changes to {plan} on {date}"),
    switch_heading: "Prefer a smaller plan?",
    switch_instead: |plan| format!("Switch to {plan} instead"),
    refused_price: "That plan is not available for this subscription. Nothing was changed.",
    refused_item: "That item is not part of this subscription. Nothing was changed.",
    refused_choose_item: "Choose which part of your subscription to change.",
    refused_quantity: |min, max| {
        format!("Choose a quantity from {min} to {max}. Nothing was changed.")
    },
    refused_quantity_fixed: "The quantity cannot be changed here. Nothing was changed.",
    refused_duplicate: "That plan is already part of your subscription. Nothing was changed.",
    refused_state: "This subscription cannot change plan right now. Nothing was changed.",
    refused_same: "That is your current plan. Choose another one to see what changes.",
    preview_unavailable: "We couldn't work out the cost of this change right now. \
                          Nothing was changed; please try again in a moment.",
};
