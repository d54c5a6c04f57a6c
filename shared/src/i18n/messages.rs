//! Every message the code shows: a method per Fluent message, named for it, taking its
//! arguments by name. [`MESSAGES`] lists them so the tests hold every catalogue to
//! exactly these ids and arguments.

use fluent_bundle::FluentValue;

use super::Catalogue;
use crate::billing_details::{Field, Problem};

/// Declares message methods on a type that can reach its catalogue, and the list of
/// (Fluent id, argument names) for the tests. A message without arguments is rendered
/// once, when its catalogue is parsed, and borrowed from it.
macro_rules! messages {
    ([$($head:tt)*] -> $text:ty => $list:ident { $(
        $(#[$doc:meta])*
        $name:ident $( ( $($arg:ident : $aty:ty),* ) )? = $id:literal;
    )* }) => {
        $($head)* {
            $( message_fn!($text; $(#[$doc])* $name $( ( $($arg : $aty),* ) )? = $id); )*
        }

        const $list: &[(&str, &[&str])] = &[$( ($id, &[$($(stringify!($arg)),*)?]) ),*];
    };
}

macro_rules! message_fn {
    ($text:ty; $(#[$doc:meta])* $name:ident = $id:literal) => {
        $(#[$doc])*
        pub fn $name(&self) -> $text {
            self.catalogue().text($id)
        }
    };
    ($text:ty; $(#[$doc:meta])* $name:ident ( $($arg:ident : $aty:ty),* ) = $id:literal) => {
        $(#[$doc])*
        pub fn $name(&self, $($arg: $aty),*) -> String {
            self.catalogue().message($id, &[$( (stringify!($arg), FluentValue::from($arg)) ),*])
        }
    };
}

impl Catalogue {
    fn catalogue(&self) -> &Catalogue {
        self
    }

    /// The plan-change pages' text.
    pub fn plan(&self) -> PlanText<'_> {
        PlanText(self)
    }

    /// The text about charges: next invoices, itemised invoices, discounts and taxes.
    pub fn charges(&self) -> ChargesText<'_> {
        ChargesText(self)
    }

    /// The cancel flow's offers beside "Cancel anyway".
    pub fn offers(&self) -> OffersText<'_> {
        OffersText(self)
    }

    /// The sign-in page and its email.
    pub fn login(&self) -> LoginText<'_> {
        LoginText(self)
    }

    /// Label of one billing details field.
    pub fn billing_field_label(&self, field: Field) -> String {
        self.billing_field_label_of(field.name())
    }

    /// Hint under one billing details field, where it has one.
    pub fn billing_field_hint(&self, field: Field) -> Option<String> {
        Some(self.billing_field_hint_of(field.name())).filter(|h| !h.is_empty())
    }

    /// The message next to a field with a problem.
    pub fn billing_problem(&self, field: Field, problem: Problem) -> String {
        let problem = match problem {
            Problem::Required => "required",
            Problem::TooLong => "too_long",
            Problem::InvalidEmail => "invalid_email",
            Problem::InvalidCountry => "invalid_country",
            Problem::InvalidPostalCode => "invalid_postal_code",
            Problem::InvalidTaxType => "invalid_tax_type",
            Problem::InvalidTaxId => "invalid_tax_id",
            Problem::Refused => "refused",
        };
        self.billing_problem_of(problem, field.name())
    }

    /// "Expires 04/2030" (month, four-digit year).
    pub fn card_expires(&self, month: u32, year: u32) -> String {
        self.card_expires_on(&format!("{month:02}"), &year.to_string())
    }

    /// The email asking for a new link (tenant, link): plain text.
    pub fn relink_email_body(&self, tenant: &str, link: &str) -> String {
        format!(
            "{}\n\n{}\n\n{link}\n\n{}\n",
            self.email_greeting(),
            self.relink_email_intro(tenant),
            self.relink_email_outro()
        )
    }

    /// The notice to the old address when the billing email changes (tenant, new
    /// address): plain text.
    pub fn email_changed_body(&self, tenant: &str, address: &str) -> String {
        format!(
            "{}\n\n{}\n\n{}\n",
            self.email_greeting(),
            self.email_changed_text(tenant, address),
            self.email_changed_warning(tenant)
        )
    }
}

/// The plan-change page, scheduled changes and the downgrade offer.
#[derive(Debug, Clone, Copy)]
pub struct PlanText<'a>(&'a Catalogue);

impl<'a> PlanText<'a> {
    fn catalogue(&self) -> &'a Catalogue {
        self.0
    }
}

/// Next invoices, itemised invoices, discounts and taxes.
#[derive(Debug, Clone, Copy)]
pub struct ChargesText<'a>(&'a Catalogue);

impl<'a> ChargesText<'a> {
    fn catalogue(&self) -> &'a Catalogue {
        self.0
    }
}

/// The cancel flow's offers beside "Cancel anyway".
#[derive(Debug, Clone, Copy)]
pub struct OffersText<'a>(&'a Catalogue);

impl<'a> OffersText<'a> {
    fn catalogue(&self) -> &'a Catalogue {
        self.0
    }
}

messages!([impl Catalogue] -> &str => CORE {
    /// The language's own name (the switcher).
    language_name = "language-name";
    /// Label of the language switcher.
    language_switcher_label = "language-switcher-label";
    /// The switcher's button.
    language_switcher_button = "language-switcher-button";

    /// Skip link text.
    skip_to_content = "skip-to-content";
    /// Name of the portal in page titles.
    portal_title = "portal-title";
    /// Label of the main navigation.
    nav_label = "nav-label";
    /// Overview page name.
    nav_overview = "nav-overview";
    /// Invoices page name.
    nav_invoices = "nav-invoices";
    /// Billing details page name (navigation and title).
    nav_billing_details = "nav-billing-details";
    /// "Return to <tenant>".
    return_to(tenant: &str) = "return-to";
    /// Support link.
    contact_support = "contact-support";
    /// "Signed in as <name or email>".
    signed_in_as(customer: &str) = "signed-in-as";

    /// Landing page title.
    landing_title = "landing-title";
    /// Landing page text.
    landing_body = "landing-body";
    /// Landing page button.
    landing_button = "landing-button";
    /// 410 page title.
    gone_title = "gone-title";
    /// 410 page text.
    gone_body = "gone-body";
    /// 410 page: new link button.
    gone_email_button = "gone-email-button";
    /// "Back to <tenant>".
    back_to(tenant: &str) = "back-to";
    /// After asking for a new link: title.
    relink_sent_title = "relink-sent-title";
    /// After asking for a new link: text (identical whatever happened).
    relink_sent_body = "relink-sent-body";

    /// An email's greeting.
    email_greeting = "email-greeting";
    /// Subject of the new-link email.
    relink_email_subject(tenant: &str) = "relink-email-subject";
    /// The new-link email: before the link.
    relink_email_intro(tenant: &str) = "relink-email-intro";
    /// The new-link email: after the link.
    relink_email_outro = "relink-email-outro";
    /// Subject of the notice to the old address when the billing email changes.
    email_changed_subject(tenant: &str) = "email-changed-subject";
    /// That notice's text (tenant, new address).
    email_changed_text(tenant: &str, address: &str) = "email-changed-body";
    /// That notice's warning.
    email_changed_warning(tenant: &str) = "email-changed-warning";
    /// Email subject: a cancellation was scheduled.
    mail_cancel_scheduled_subject(tenant: &str, plan: &str) = "mail-cancel-scheduled-subject";
    /// Email: when the cancelled plan ends.
    mail_cancel_scheduled_ends(plan: &str, date: &str) = "mail-cancel-scheduled-ends";
    /// Email: what the customer keeps until then.
    mail_cancel_scheduled_keep(plan: &str) = "mail-cancel-scheduled-keep";
    /// Email: how to renew.
    mail_cancel_scheduled_renew = "mail-cancel-scheduled-renew";
    /// Email subject: a cancellation took effect.
    mail_cancel_ended_subject(tenant: &str, plan: &str) = "mail-cancel-ended-subject";
    /// Email: the plan ended.
    mail_cancel_ended_body(plan: &str, date: &str) = "mail-cancel-ended-body";
    /// Email: welcome back any time.
    mail_cancel_ended_welcome = "mail-cancel-ended-welcome";
    /// Email subject: a scheduled cancellation was undone.
    mail_cancel_undone_subject(tenant: &str, plan: &str) = "mail-cancel-undone-subject";
    /// Email: the plan continues.
    mail_cancel_undone_body(plan: &str) = "mail-cancel-undone-body";
    /// Email subject: a subscription was paused.
    mail_paused_subject(tenant: &str, plan: &str) = "mail-paused-subject";
    /// Email: paused until a date.
    mail_paused_until(plan: &str, date: &str) = "mail-paused-until";
    /// Email: paused with no end date.
    mail_paused(plan: &str) = "mail-paused";
    /// Email subject: a subscription resumed.
    mail_resumed_subject(tenant: &str, plan: &str) = "mail-resumed-subject";
    /// Email: resumed.
    mail_resumed_body(plan: &str) = "mail-resumed-body";
    /// Email: the sentence before the portal link.
    mail_portal_link_intro(tenant: &str) = "mail-portal-link-intro";
    /// Email: the portal link's text.
    mail_portal_link_text = "mail-portal-link-text";
    /// Email: what to do when the link has expired.
    mail_link_expired_hint = "mail-link-expired-hint";

    /// Link from the overview to the cancel page.
    cancel_plan = "cancel-plan";
    /// Cancel page title.
    cancel_title(plan: &str) = "cancel-title";
    /// What cancelling at period end means.
    cancel_ends_on(date: &str, plan: &str) = "cancel-ends-on";
    /// What cancelling now means.
    cancel_ends_now(plan: &str) = "cancel-ends-now";
    /// The one-click confirm button.
    cancel_confirm = "cancel-confirm";
    /// Legend of the optional reason survey.
    reason_legend = "reason-legend";
    /// Label of one of Stripe's reason codes.
    reason_label(reason: &str) = "reason-label";
    /// Label of the optional comment.
    comment_label = "comment-label";
    /// Heading of the pause alternative.
    pause_heading = "pause-heading";
    /// Label of the resume-date choice.
    pause_until_label = "pause-until-label";
    /// "In N days (<date>)".
    pause_option(days: u32, date: &str) = "pause-option";
    /// Pause button.
    pause_button = "pause-button";
    /// Renew (undo a scheduled cancel) button.
    renew_button = "renew-button";
    /// Resume a paused subscription button.
    resume_button = "resume-button";
    /// Link back without changing anything.
    keep_plan = "keep-plan";
    /// A failed action: nothing changed.
    action_failed = "action-failed";
    /// An action failed half-way and could not be undone.
    action_maybe_changed = "action-maybe-changed";

    /// Subscriptions section heading.
    subscriptions_heading = "subscriptions-heading";
    /// No subscriptions.
    no_subscriptions = "no-subscriptions";
    /// Status label by Stripe status.
    status(status: &str) = "subscription-status";
    /// "Cancels on <date>".
    cancels_on(date: &str) = "cancels-on";
    /// "Trial ends on <date>".
    trial_ends_on(date: &str) = "trial-ends-on";
    /// "Paused until <date>".
    paused_until(date: &str) = "paused-until";
    /// Price per interval ("$12.00 per month", "$5.00 every 3 months").
    price_per(amount: &str, interval: &str, count: u32) = "price-per";
    /// Metered price ("$0.05 per unit used, billed monthly").
    price_metered(amount: &str, interval: &str, count: u32) = "price-metered";
    /// Tiered price description.
    price_tiered = "price-tiered";
    /// Quantity ("× 3").
    quantity(quantity: u64) = "quantity";
    /// Plan with no name.
    unnamed_plan = "unnamed-plan";
    /// Label: items of a subscription.
    items_label = "items-label";

    /// Payment method heading.
    payment_method_heading = "payment-method-heading";
    /// "Visa ending in 4242".
    card_ending(brand: &str, last4: &str) = "card-ending";
    /// "Expires 04/2030" (zero-padded month, year as written on cards).
    card_expires_on(month: &str, year: &str) = "card-expires";
    /// No card on file.
    no_payment_method = "no-payment-method";
    /// Start a card update.
    update_card = "update-card";
    /// Start adding a card where none is on file.
    add_card = "add-card";
    /// What "Update" does.
    update_card_intro = "update-card-intro";
    /// After the card was updated.
    card_updated = "card-updated";
    /// Back from Checkout without a saved card.
    card_not_updated = "card-not-updated";
    /// A past-due subscription: what happened and what to do.
    past_due_notice = "past-due-notice";
    /// Link to the open invoice's hosted page.
    pay_open_invoice = "pay-open-invoice";
    /// The display name of a card brand (Stripe's `brand`).
    card_brand(brand: &str) = "card-brand";

    /// Invoices page heading.
    invoices_heading = "invoices-heading";
    /// Overview's invoice section heading.
    latest_invoices_heading = "latest-invoices-heading";
    /// Link to the invoices page.
    view_all_invoices = "view-all-invoices";
    /// Column: date.
    col_date = "col-date";
    /// Column: number.
    col_number = "col-number";
    /// Column: amount.
    col_amount = "col-amount";
    /// Column: status.
    col_status = "col-status";
    /// Column: actions.
    col_actions = "col-actions";
    /// Invoice status label by Stripe status.
    invoice_status(status: &str) = "invoice-status";
    /// PDF download link.
    download_pdf = "download-pdf";
    /// Hosted invoice page link.
    view_invoice = "view-invoice";
    /// Pay an open invoice.
    pay_now = "pay-now";
    /// Hidden suffix naming the invoice for screen readers.
    for_invoice(number: &str) = "for-invoice";
    /// No invoices.
    no_invoices = "no-invoices";
    /// Next page link.
    older_invoices = "older-invoices";
    /// First page link.
    newest_invoices = "newest-invoices";
    /// Label of the pagination nav.
    pagination_label = "pagination-label";

    /// Billing details page: what these details are for.
    billing_details_intro = "billing-details-intro";
    /// Label of a field by its form name.
    billing_field_label_of(field: &str) = "billing-field-label";
    /// Hint of a field by its form name (empty: none).
    billing_field_hint_of(field: &str) = "billing-field-hint";
    /// Legend of the address fields.
    address_legend = "address-legend";
    /// Legend of the tax id fields.
    tax_id_legend = "tax-id-legend";
    /// The "no tax id" choice.
    tax_type_none = "tax-type-none";
    /// Label of a Stripe tax id type (`eu_vat` → "EU VAT number").
    tax_type_label(kind: &str) = "tax-type-label";
    /// Save button.
    save_button = "save-button";
    /// After saving.
    billing_saved = "billing-saved";
    /// Heading of the list of problems above a refused form.
    form_problems_heading = "form-problems-heading";
    /// A field's problem by code.
    billing_problem_of(problem: &str, field: &str) = "billing-problem";

    /// A section Stripe could not deliver.
    section_unavailable = "section-unavailable";
    /// 404 title.
    not_found_title = "not-found-title";
    /// 404 text.
    not_found_body = "not-found-body";
    /// 500 title.
    error_title = "error-title";
    /// 500 text.
    error_body = "error-body";
    /// 403 title.
    forbidden_title = "forbidden-title";
    /// 403 text.
    forbidden_body = "forbidden-body";
    /// 405 title.
    method_title = "method-title";
    /// Session ended title.
    session_ended_title = "session-ended-title";
    /// Session ended text.
    session_ended_body = "session-ended-body";
    /// 429 title.
    rate_limited_title = "rate-limited-title";
    /// 429 text.
    rate_limited_body = "rate-limited-body";
});

messages!([impl<'a> PlanText<'a>] -> &'a str => PLAN {
    /// Link from the overview to the plan page.
    change_plan = "plan-change-plan";
    /// Page title (current plan).
    title(plan: &str) = "plan-title";
    /// What the page is for.
    intro = "plan-intro";
    /// Legend of the item choice on multi-item subscriptions.
    item_legend = "plan-item-legend";
    /// Marks the current plan in the list.
    current = "plan-current";
    /// Label of the quantity field.
    quantity_label(min: u32, max: u32) = "plan-quantity-label";
    /// Submit of the choice form.
    preview_button = "plan-preview-button";
    /// No plan to switch to.
    no_prices = "plan-no-prices";
    /// Heading of the preview.
    preview_heading = "plan-preview-heading";
    /// "From <plan> to <plan>".
    from_to(from: &str, to: &str) = "plan-from-to";
    /// Amount charged when confirming.
    due_now(amount: &str) = "plan-due-now";
    /// Nothing charged when confirming.
    nothing_now = "plan-nothing-now";
    /// A prorated charge included.
    proration_charge(amount: &str) = "plan-proration-charge";
    /// A prorated credit included.
    proration_credit(amount: &str) = "plan-proration-credit";
    /// Next invoice (date, amount).
    next_invoice(date: &str, amount: &str) = "plan-next-invoice";
    /// Renewal amount where the change starts a new cycle.
    then_each_renewal(amount: &str) = "plan-then-each-renewal";
    /// The change waits for the period end.
    applies_at(plan: &str, date: &str) = "plan-applies-at";
    /// The change applies on confirm.
    applies_now = "plan-applies-now";
    /// One-click confirm.
    confirm_button = "plan-confirm-button";
    /// Overview: a change scheduled by the subscription's schedule.
    changes_on(plan: &str, date: &str) = "plan-changes-on";
    /// Cancel page: heading of the downgrade alternative.
    switch_heading = "plan-switch-heading";
    /// Cancel page: link to the downgrade preview.
    switch_instead(plan: &str) = "plan-switch-instead";
    /// Refusal: price not allowed.
    refused_price = "plan-refused-price";
    /// Refusal: item not on the subscription.
    refused_item = "plan-refused-item";
    /// Refusal: no item chosen on a multi-item subscription.
    refused_choose_item = "plan-refused-choose-item";
    /// Refusal: quantity out of bounds.
    refused_quantity(min: u32, max: u32) = "plan-refused-quantity";
    /// Refusal: quantity cannot change.
    refused_quantity_fixed = "plan-refused-quantity-fixed";
    /// Refusal: the price is on another item already.
    refused_duplicate = "plan-refused-duplicate";
    /// Refusal: the subscription cannot change now.
    refused_state = "plan-refused-state";
    /// The choice is the current plan.
    refused_same = "plan-refused-same";
    /// The preview could not be computed.
    preview_unavailable = "plan-preview-unavailable";
});

messages!([impl<'a> ChargesText<'a>] -> &'a str => CHARGES {
    /// Overview: the next invoice (date, total).
    next_invoice_on(date: &str, amount: &str) = "charges-next-invoice-on";
    /// Overview: the next invoice where Stripe gave no date.
    next_invoice(amount: &str) = "charges-next-invoice";
    /// Overview: the preview failed; no amount, never a guess.
    next_invoice_unavailable = "charges-next-invoice-unavailable";
    /// Between the discount and the tax in one line.
    separator = "charges-separator";
    /// A percentage discount ("20% off").
    percent_off(percent: &str) = "charges-percent-off";
    /// An amount discount ("$5.00 off").
    amount_off(amount: &str) = "charges-amount-off";
    /// A discount with its coupon's name.
    named_discount(name: &str, terms: &str) = "charges-named-discount";
    /// A discount that ends.
    discount_until(terms: &str, date: &str) = "charges-discount-until";
    /// A discount for one invoice only.
    discount_once(terms: &str) = "charges-discount-once";
    /// A discount whose terms Stripe did not say.
    discount = "charges-discount";
    /// A tax added to the total (name with rate, amount).
    tax_added(tax: &str, amount: &str) = "charges-tax-added";
    /// A tax the prices already include.
    tax_included(tax: &str, amount: &str) = "charges-tax-included";
    /// Row label of a tax the prices already include.
    includes_tax(tax: &str) = "charges-includes-tax";
    /// A tax's name with its rate.
    tax_rate(name: &str, percent: &str) = "charges-tax-rate";
    /// A tax with no name.
    tax = "charges-tax";
    /// Next-invoice page title where the plan is unknown.
    next_invoice_heading = "charges-next-invoice-heading";
    /// Next-invoice page title.
    next_invoice_title(plan: &str) = "charges-next-invoice-title";
    /// Next-invoice page: when it comes.
    invoice_date(date: &str) = "charges-invoice-date";
    /// Next-invoice page: the preview failed.
    next_invoice_failed = "charges-next-invoice-failed";
    /// Next-invoice page: not invoiced again as it stands.
    no_next_invoice = "charges-no-next-invoice";
    /// How it is paid: charged to the card.
    paid_with_card(card: &str) = "charges-paid-with-card";
    /// How it is paid: emailed to the customer to pay.
    paid_by_email = "charges-paid-by-email";
    /// How it is paid: charged automatically but no card is on file.
    paid_without_card = "charges-paid-without-card";
    /// Heading of the usage section.
    usage_heading = "charges-usage-heading";
    /// Usage so far of a metered plan.
    usage_so_far(plan: &str, quantity: &str, since: &str) = "charges-usage-so-far";
    /// The estimate so far of a metered plan.
    usage_estimate(amount: &str) = "charges-usage-estimate";
    /// The meter could not be read.
    usage_unavailable(plan: &str) = "charges-usage-unavailable";
    /// The preview lists more lines than shown.
    more_lines = "charges-more-lines";
    /// Link back to the overview.
    back_to_overview = "charges-back-to-overview";
    /// Caption of an itemised invoice.
    lines_caption = "charges-lines-caption";
    /// Column: what a line is.
    col_description = "charges-col-description";
    /// Column: quantity.
    col_quantity = "charges-col-quantity";
    /// Column: unit price.
    col_unit_price = "charges-col-unit-price";
    /// A line's service period.
    period(start: &str, end: &str) = "charges-period";
    /// Marks a proration line.
    proration = "charges-proration";
    /// Row: subtotal.
    subtotal = "charges-subtotal";
    /// Row: total.
    total = "charges-total";
    /// Row: total without tax.
    total_excluding_tax = "charges-total-excluding-tax";
    /// Row: amount paid.
    amount_paid = "charges-amount-paid";
    /// Row: amount still to pay.
    amount_remaining = "charges-amount-remaining";
    /// Invoice page title.
    invoice_title(number: &str) = "charges-invoice-title";
    /// Invoice page title without a number.
    invoice_untitled = "charges-invoice-untitled";
    /// Invoice page: issued on.
    issued_on(date: &str) = "charges-issued-on";
    /// Invoice page: paid on.
    paid_on(date: &str) = "charges-paid-on";
    /// Invoice page: due on.
    due_on(date: &str) = "charges-due-on";
    /// Invoices list: the link to an invoice's page.
    invoice_details = "charges-invoice-details";
    /// Link from an invoice page to the list.
    back_to_invoices = "charges-back-to-invoices";
    /// Cancel page: what the customer will not be charged.
    cancel_not_charged(amount: &str, date: &str) = "charges-cancel-not-charged";
    /// Cancel page: the same, where the preview failed.
    cancel_not_charged_unavailable = "charges-cancel-not-charged-unavailable";
});

messages!([impl<'a> OffersText<'a>] -> &'a str => OFFERS {
    /// Button of the reason step (see what we can do about it).
    continue_button = "offers-continue-button";
    /// "You told us: <reason>".
    you_said(reason: &str) = "offers-you-said";
    /// Link back to change the reason.
    change_reason = "offers-change-reason";
    /// Heading of the offer card.
    offer_heading = "offers-offer-heading";
    /// Heading of the cancel card beside an offer.
    still_cancel_heading = "offers-still-cancel-heading";
    /// The one-click cancel beside an offer.
    cancel_anyway = "offers-cancel-anyway";
    /// Coupon offer: what it is (the coupon's terms, as Stripe states them).
    coupon_body(terms: &str) = "offers-coupon-body";
    /// Coupon offer's button.
    coupon_button = "offers-coupon-button";
    /// Pause offer: text.
    pause_body = "offers-pause-body";
    /// Pause offer's button.
    pause_button = "offers-pause-button";
    /// Downgrade offer: text.
    downgrade_body(plan: &str) = "offers-downgrade-body";
    /// Downgrade offer's button.
    downgrade_button(plan: &str) = "offers-downgrade-button";
    /// "Talk to us" offer: text.
    support_body = "offers-support-body";
    /// "Talk to us" offer's button.
    support_button = "offers-support-button";
    /// Coupon terms: "<off> for <n> months".
    for_months(off: &str, months: i64) = "offers-for-months";
    /// Coupon terms: "<off> for as long as you stay".
    forever(off: &str) = "offers-forever";
    /// Notice: the offer was already used or cannot apply any more.
    offer_unavailable = "offers-offer-unavailable";
    /// Notice: the offer was applied.
    offer_applied = "offers-offer-applied";
});

/// The sign-in page (an email address in, links by email out) and its email.
#[derive(Debug, Clone, Copy)]
pub struct LoginText<'a>(&'a Catalogue);

impl<'a> LoginText<'a> {
    fn catalogue(&self) -> &'a Catalogue {
        self.0
    }
}

messages!([impl<'a> LoginText<'a>] -> &'a str => LOGIN {
    /// The page's title and heading.
    title = "login-title";
    /// What the page does.
    intro(tenant: &str) = "login-intro";
    /// Label of the address field.
    email_label = "login-email-label";
    /// The form's button.
    button = "login-button";
    /// No address typed.
    missing = "login-missing";
    /// Not an address.
    invalid = "login-invalid";
    /// The answer's title (the same whatever happened).
    sent_title = "login-sent-title";
    /// The answer's text (the same whatever happened).
    sent_body = "login-sent-body";
    /// Link from the answer back to the form.
    sent_again = "login-sent-again";
    /// The email's subject.
    email_subject(tenant: &str) = "login-email-subject";
    /// The email: before the accounts.
    email_intro(tenant: &str) = "login-email-intro";
    /// An account without a name, by its place in the email.
    email_account(number: i64) = "login-email-account";
    /// What an account pays for (its plans, comma-separated).
    email_plans(plans: &str) = "login-email-plans";
    /// An account without a live subscription.
    email_no_plans = "login-email-no-plans";
    /// The email: after the accounts.
    email_outro = "login-email-outro";
});

/// Every message id the code uses, with the names of its arguments.
pub fn all_messages() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    CORE.iter()
        .chain(PLAN)
        .chain(CHARGES)
        .chain(OFFERS)
        .chain(LOGIN)
        .copied()
}
