//! English.

use super::Catalogue;
use crate::billing_details::{Field, Problem};

fn date(day: u8, month: &str, year: i32) -> String {
    format!("{day} {month} {year}")
}

fn status(s: &str) -> &'static str {
    match s {
        "trialing" => "Trial",
        "active" => "Active",
        "past_due" => "Past due",
        "paused" => "Paused",
        "unpaid" => "Unpaid",
        "incomplete" => "Incomplete",
        "incomplete_expired" => "Expired",
        "canceled" => "Cancelled",
        _ => "Unknown",
    }
}

fn invoice_status(s: &str) -> &'static str {
    match s {
        "open" => "Due",
        "paid" => "Paid",
        "void" => "Void",
        "uncollectible" => "Uncollectible",
        "draft" => "Draft",
        _ => "Unknown",
    }
}

fn interval(interval: &str, count: u32) -> String {
    let unit = match interval {
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        _ => "period",
    };
    if count <= 1 {
        format!("per {unit}")
    } else {
        format!("every {count} {unit}s")
    }
}

fn billed(interval: &str, count: u32) -> String {
    match (interval, count) {
        ("day", 1) => "billed daily".to_owned(),
        ("week", 1) => "billed weekly".to_owned(),
        ("month", 1) => "billed monthly".to_owned(),
        ("year", 1) => "billed yearly".to_owned(),
        (i, c) => format!("billed {}", self::interval(i, c)),
    }
}

fn billing_field_label(f: Field) -> &'static str {
    match f {
        Field::Email => "Email",
        Field::Name => "Name",
        Field::Line1 => "Address line 1",
        Field::Line2 => "Address line 2 (optional)",
        Field::City => "Town or city",
        Field::State => "State, county or region (optional)",
        Field::PostalCode => "Postal code",
        Field::Country => "Country code",
        Field::TaxType => "Type",
        Field::TaxValue => "Number",
    }
}

fn billing_field_hint(f: Field) -> Option<&'static str> {
    match f {
        Field::Email => Some("Invoices and receipts are sent here."),
        Field::Country => Some("Two letters, such as US, GB or DE."),
        _ => None,
    }
}

fn tax_type_label(kind: &str) -> &'static str {
    match kind {
        "eu_vat" => "EU VAT number",
        "gb_vat" => "UK VAT number",
        "us_ein" => "US EIN",
        "ca_bn" => "Canadian BN",
        "ca_gst_hst" => "Canadian GST/HST number",
        "au_abn" => "Australian ABN",
        "nz_gst" => "New Zealand GST number",
        "ch_vat" => "Swiss VAT number",
        "no_vat" => "Norwegian VAT number",
        "in_gst" => "Indian GST number",
        "jp_cn" => "Japanese corporate number",
        "br_cnpj" => "Brazilian CNPJ",
        "mx_rfc" => "Mexican RFC",
        "za_vat" => "South African VAT number",
        _ => "Tax ID",
    }
}

fn billing_problem(f: Field, p: Problem) -> &'static str {
    match (p, f) {
        (Problem::Required, Field::Email) => "Enter your email address.",
        (Problem::Required, Field::Line1) => "Enter the first line of the address.",
        (Problem::Required, Field::City) => "Enter the town or city.",
        (Problem::Required, Field::PostalCode) => "Enter the postal code.",
        (Problem::Required, Field::Country) => "Enter the two-letter country code.",
        (Problem::Required, Field::TaxValue) => "Enter the tax ID number, or choose \"No tax ID\".",
        (Problem::Required, _) => "This field is required.",
        (Problem::TooLong, _) => "This is too long: use at most 200 characters.",
        (Problem::InvalidEmail, _) => "Enter an email address like name@example.com.",
        (Problem::InvalidCountry, _) => "Enter a two-letter country code, such as US, GB or DE.",
        (Problem::InvalidPostalCode, _) => {
            "Enter a postal code in the format used in this country."
        }
        (Problem::InvalidTaxType, _) => "Choose a tax ID type from the list.",
        (Problem::InvalidTaxId, _) => "Enter a tax ID number in the format of the chosen type.",
        (Problem::Refused, _) => "This value was not accepted. Check it and try again.",
    }
}

/// The English catalogue.
pub static EN: Catalogue = Catalogue {
    lang: "en",
    decimal_separator: '.',
    group_separator: ',',
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    date,

    skip_to_content: "Skip to content",
    portal_title: "Billing",
    nav_label: "Billing",
    nav_overview: "Overview",
    nav_invoices: "Invoices",
    return_to: |tenant| format!("Return to {tenant}"),
    contact_support: "Contact support",
    signed_in_as: "Signed in as",

    landing_title: "Open your billing page",
    landing_body: "For your security, continue to open your billing page.",
    landing_button: "Continue",

    gone_title: "This link is no longer valid",
    gone_body: "Links to the billing page work once and expire after a short time. \
                We can email you a new one.",
    gone_email_button: "Email me a new link",
    back_to: |tenant| format!("Back to {tenant}"),
    relink_sent_title: "Check your email",
    relink_sent_body: "If we have an email address for this account, a new link is on its way. \
                       It can take a few minutes to arrive.",
    relink_email_subject: |tenant| format!("Your {tenant} billing link"),
    relink_email_body: |tenant, link| {
        format!(
            "Hello,\n\nHere is your new link to manage billing with {tenant}:\n\n{link}\n\n\
             It works once and expires soon. If you did not ask for it, you can ignore this email.\n"
        )
    },
    email_changed_subject: |tenant| format!("Your {tenant} billing email was changed"),
    email_changed_body: |tenant, new| {
        format!(
            "Hello,\n\nThe billing email of your {tenant} account was just changed to {new}. \
             Invoices and receipts go there from now on.\n\n\
             If you did not make this change, contact {tenant} right away.\n"
        )
    },

    mail_cancel_scheduled_subject: |tenant, plan| {
        format!("Your {tenant} {plan} plan is set to cancel")
    },
    mail_cancel_scheduled_body: |plan, date| {
        vec![
            format!("Your {plan} plan will be cancelled on {date}."),
            format!("You keep {plan} until then; you will not be charged again."),
            "Changed your mind? You can renew with one click before that date.".to_owned(),
        ]
    },
    mail_cancel_ended_subject: |tenant, plan| format!("Your {tenant} {plan} plan has ended"),
    mail_cancel_ended_body: |plan, date| {
        vec![
            format!("Your {plan} plan ended on {date}. You will not be charged again."),
            "You are welcome back at any time.".to_owned(),
        ]
    },
    mail_cancel_undone_subject: |tenant, plan| format!("Your {tenant} {plan} plan will continue"),
    mail_cancel_undone_body: |plan| {
        vec![format!(
            "Your {plan} plan is no longer set to cancel. It renews as usual."
        )]
    },
    mail_paused_subject: |tenant, plan| format!("Your {tenant} {plan} plan is paused"),
    mail_paused_body: |plan, date| {
        vec![match date {
            Some(date) => format!(
                "Your {plan} plan is paused until {date}. You will not be charged while it is paused."
            ),
            None => format!(
                "Your {plan} plan is paused. You will not be charged while it is paused."
            ),
        }]
    },
    mail_resumed_subject: |tenant, plan| format!("Your {tenant} {plan} plan has resumed"),
    mail_resumed_body: |plan| vec![format!("Your {plan} plan has resumed and bills as usual.")],
    mail_portal_link_intro: |tenant| format!("Manage your billing with {tenant} here:"),
    mail_portal_link_text: "Open your billing portal",
    mail_link_expired_hint:
        "If the link has expired, open it anyway and choose \"Email me a new link\".",

    cancel_plan: "Cancel plan",
    cancel_title: |plan| format!("Cancel {plan}"),
    cancel_ends_on: |date, plan| {
        format!(
            "Your plan ends on {date}; you keep {plan} until then. You will not be charged again."
        )
    },
    cancel_ends_now: |plan| {
        format!("Ends now: {plan} stops immediately and you will not be charged again.")
    },
    cancel_confirm: "Confirm cancellation",
    reason_legend: "Why are you cancelling? (optional)",
    reason_label: |code| match code {
        "too_expensive" => "It is too expensive",
        "missing_features" => "Some features are missing",
        "switched_service" => "I switched to another service",
        "unused" => "I don't use it enough",
        "customer_service" => "Customer service was less than expected",
        "too_complex" => "It is too complex",
        "low_quality" => "Quality was less than expected",
        _ => "Other reason",
    },
    comment_label: "Anything else you want to tell us? (optional)",
    pause_heading: "Prefer a break?",
    pause_until_label: "Resume on",
    pause_option: |days, date| format!("In {days} days ({date})"),
    pause_button: "Pause instead",
    renew_button: "Renew",
    resume_button: "Resume",
    keep_plan: "Keep my plan",
    action_failed: "That did not work, and nothing was changed. Please try again.",
    action_maybe_changed: "That did not work, and part of it may have been saved. \
                           Check what you see below before trying again.",

    subscriptions_heading: "Subscriptions",
    no_subscriptions: "You have no active subscriptions.",
    status,
    cancels_on: |date| format!("Cancels on {date}"),
    trial_ends_on: |date| format!("Trial ends on {date}"),
    paused_until: |date| format!("Paused until {date}"),
    price_per: |amount, i, c| format!("{amount} {}", interval(i, c)),
    price_metered: |amount, i, c| format!("{amount} per unit used, {}", billed(i, c)),
    price_tiered: "Tiered pricing",
    quantity: |q| format!("× {q}"),
    unnamed_plan: "Plan",
    items_label: "Plan items",

    payment_method_heading: "Payment method",
    card_ending: |brand, last4| format!("{brand} ending in {last4}"),
    card_expires: |m, y| format!("Expires {m:02}/{y}"),
    no_payment_method: "No payment method on file.",

    invoices_heading: "Invoices",
    latest_invoices_heading: "Latest invoices",
    view_all_invoices: "View all invoices",
    col_date: "Date",
    col_number: "Number",
    col_amount: "Amount",
    col_status: "Status",
    col_actions: "Documents",
    invoice_status,
    download_pdf: "Download PDF",
    view_invoice: "View invoice",
    pay_now: "Pay now",
    for_invoice: |n| format!(" for invoice {n}"),
    no_invoices: "You have no invoices yet.",
    older_invoices: "Older invoices",
    newest_invoices: "Newest invoices",
    pagination_label: "Invoice pages",

    update_card: "Update card",
    add_card: "Add a card",
    update_card_intro: "You'll enter the new card on a secure payment page and come straight back. It becomes the card for all your subscriptions.",
    card_updated: "Your card was updated. It is now used for all your subscriptions.",
    card_not_updated: "Your card was not changed. If you finished on the payment page, it can take a moment to show here.",
    past_due_notice: "The last payment for this plan failed, so it is past due. Pay the open invoice or update your card.",
    pay_open_invoice: "Pay the open invoice",

    nav_billing_details: "Billing details",
    billing_details_intro: "These details appear on your invoices and receipts.",
    billing_field_label,
    billing_field_hint,
    address_legend: "Billing address",
    tax_id_legend: "Tax ID (optional)",
    tax_type_none: "No tax ID",
    tax_type_label,
    save_button: "Save",
    billing_saved: "Saved. Your billing details are up to date.",
    form_problems_heading: "Please correct the fields marked below",
    billing_problem,

    section_unavailable: "We couldn't load this right now. Please try again in a moment.",
    not_found_title: "Page not found",
    not_found_body: "There is nothing at this address.",
    error_title: "Something went wrong",
    error_body: "We couldn't show this page. Please try again in a moment.",
    forbidden_title: "This request was refused",
    forbidden_body: "The form had expired. Please go back, reload the page and try again.",
    method_title: "This action is not available",
    session_ended_title: "Your billing session has ended",
    session_ended_body: "For your security, billing sessions end after a period of inactivity. \
                         Go back to the app and open billing again.",
    rate_limited_title: "Too many requests",
    rate_limited_body: "This billing session made a lot of requests in a short time. \
                        Wait a minute, then reload the page.",
    plan: &super::plan::EN,
    charges: &super::charges::EN,
    offers: &super::offers::EN,
};
