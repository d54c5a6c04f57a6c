//! Text catalogues (one file per language) and locale-aware money and date formatting.
//!
//! Views never hold text: they read a [`Catalogue`]. Adding a language is adding a file
//! with one `Catalogue` value and a line in [`Catalogue::for_locale`].

mod charges;
mod en;
mod offers;
mod plan;

pub use charges::ChargesText;
pub use offers::OffersText;
pub use plan::PlanText;

use time::OffsetDateTime;

use crate::ids::Locale;

/// Every string the portal shows, in one language.
#[derive(Debug)]
pub struct Catalogue {
    /// BCP-47 tag for the `lang` attribute.
    pub lang: &'static str,
    /// Number format: decimal separator.
    pub decimal_separator: char,
    /// Number format: thousands separator.
    pub group_separator: char,
    /// Month abbreviations, January first.
    pub months: [&'static str; 12],
    /// Formats a date from its parts (day, month abbreviation, year).
    pub date: fn(u8, &str, i32) -> String,

    /// Skip link text.
    pub skip_to_content: &'static str,
    /// Name of the portal in page titles.
    pub portal_title: &'static str,
    /// Label of the main navigation.
    pub nav_label: &'static str,
    /// Overview page name.
    pub nav_overview: &'static str,
    /// Invoices page name.
    pub nav_invoices: &'static str,
    /// "Return to <tenant>".
    pub return_to: fn(&str) -> String,
    /// Support link.
    pub contact_support: &'static str,
    /// Shown before the customer's name.
    pub signed_in_as: &'static str,

    /// Landing page title.
    pub landing_title: &'static str,
    /// Landing page text.
    pub landing_body: &'static str,
    /// Landing page button.
    pub landing_button: &'static str,

    /// 410 page title.
    pub gone_title: &'static str,
    /// 410 page text.
    pub gone_body: &'static str,
    /// 410 page: new link button.
    pub gone_email_button: &'static str,
    /// "Back to <tenant>".
    pub back_to: fn(&str) -> String,
    /// After asking for a new link: title.
    pub relink_sent_title: &'static str,
    /// After asking for a new link: text (identical whatever happened).
    pub relink_sent_body: &'static str,
    /// Subject of the new-link email.
    pub relink_email_subject: fn(&str) -> String,
    /// Body of the new-link email (tenant, link).
    pub relink_email_body: fn(&str, &str) -> String,
    /// Subject of the notice to the old address when the billing email changes (tenant).
    pub email_changed_subject: fn(&str) -> String,
    /// Body of that notice (tenant, new address).
    pub email_changed_body: fn(&str, &str) -> String,

    /// Email subject: a cancellation was scheduled (tenant, plan).
    pub mail_cancel_scheduled_subject: fn(&str, &str) -> String,
    /// Email paragraphs: a cancellation was scheduled (plan, end date).
    pub mail_cancel_scheduled_body: fn(&str, &str) -> Vec<String>,
    /// Email subject: a cancellation took effect (tenant, plan).
    pub mail_cancel_ended_subject: fn(&str, &str) -> String,
    /// Email paragraphs: a cancellation took effect (plan, end date).
    pub mail_cancel_ended_body: fn(&str, &str) -> Vec<String>,
    /// Email subject: a scheduled cancellation was undone (tenant, plan).
    pub mail_cancel_undone_subject: fn(&str, &str) -> String,
    /// Email paragraphs: a scheduled cancellation was undone (plan).
    pub mail_cancel_undone_body: fn(&str) -> Vec<String>,
    /// Email subject: a subscription was paused (tenant, plan).
    pub mail_paused_subject: fn(&str, &str) -> String,
    /// Email paragraphs: paused (plan, resume date if any).
    pub mail_paused_body: fn(&str, Option<&str>) -> Vec<String>,
    /// Email subject: a subscription resumed (tenant, plan).
    pub mail_resumed_subject: fn(&str, &str) -> String,
    /// Email paragraphs: resumed (plan).
    pub mail_resumed_body: fn(&str) -> Vec<String>,
    /// Email: the sentence before the portal link (tenant).
    pub mail_portal_link_intro: fn(&str) -> String,
    /// Email: the portal link's text.
    pub mail_portal_link_text: &'static str,
    /// Email: what to do when the link has expired.
    pub mail_link_expired_hint: &'static str,

    /// Link from the overview to the cancel page.
    pub cancel_plan: &'static str,
    /// Cancel page title (plan).
    pub cancel_title: fn(&str) -> String,
    /// What cancelling at period end means (date, plan).
    pub cancel_ends_on: fn(&str, &str) -> String,
    /// What cancelling now means (plan).
    pub cancel_ends_now: fn(&str) -> String,
    /// The one-click confirm button.
    pub cancel_confirm: &'static str,
    /// Legend of the optional reason survey.
    pub reason_legend: &'static str,
    /// Label of one of Stripe's reason codes.
    pub reason_label: fn(&str) -> &'static str,
    /// Label of the optional comment.
    pub comment_label: &'static str,
    /// Heading of the pause alternative.
    pub pause_heading: &'static str,
    /// Label of the resume-date choice.
    pub pause_until_label: &'static str,
    /// "In N days (<date>)".
    pub pause_option: fn(u32, &str) -> String,
    /// Pause button.
    pub pause_button: &'static str,
    /// Renew (undo a scheduled cancel) button.
    pub renew_button: &'static str,
    /// Resume a paused subscription button.
    pub resume_button: &'static str,
    /// Link back without changing anything.
    pub keep_plan: &'static str,
    /// A failed action: nothing changed.
    pub action_failed: &'static str,
    /// An action failed half-way and could not be undone: check before trying again.
    pub action_maybe_changed: &'static str,

    /// Subscriptions section heading.
    pub subscriptions_heading: &'static str,
    /// No subscriptions.
    pub no_subscriptions: &'static str,
    /// Status label by Stripe status.
    pub status: fn(&str) -> &'static str,
    /// "Cancels on <date>".
    pub cancels_on: fn(&str) -> String,
    /// "Trial ends on <date>".
    pub trial_ends_on: fn(&str) -> String,
    /// "Paused until <date>".
    pub paused_until: fn(&str) -> String,
    /// Price per interval ("$12.00 per month", "$5.00 every 3 months").
    pub price_per: fn(&str, &str, u32) -> String,
    /// Metered price ("$0.05 per unit, billed monthly").
    pub price_metered: fn(&str, &str, u32) -> String,
    /// Tiered price description.
    pub price_tiered: &'static str,
    /// Quantity ("× 3").
    pub quantity: fn(u64) -> String,
    /// Plan with no name.
    pub unnamed_plan: &'static str,
    /// Table caption / label: items of a subscription.
    pub items_label: &'static str,

    /// Payment method heading.
    pub payment_method_heading: &'static str,
    /// "Visa ending in 4242".
    pub card_ending: fn(&str, &str) -> String,
    /// "Expires 04/2030".
    pub card_expires: fn(u32, u32) -> String,
    /// No card on file.
    pub no_payment_method: &'static str,

    /// Invoices page heading.
    pub invoices_heading: &'static str,
    /// Overview's invoice section heading.
    pub latest_invoices_heading: &'static str,
    /// Link to the invoices page.
    pub view_all_invoices: &'static str,
    /// Column: date.
    pub col_date: &'static str,
    /// Column: number.
    pub col_number: &'static str,
    /// Column: amount.
    pub col_amount: &'static str,
    /// Column: status.
    pub col_status: &'static str,
    /// Column: actions.
    pub col_actions: &'static str,
    /// Invoice status label by Stripe status.
    pub invoice_status: fn(&str) -> &'static str,
    /// PDF download link.
    pub download_pdf: &'static str,
    /// Hosted invoice page link.
    pub view_invoice: &'static str,
    /// Pay an open invoice.
    pub pay_now: &'static str,
    /// Hidden suffix naming the invoice for screen readers ("invoice <number>").
    pub for_invoice: fn(&str) -> String,
    /// No invoices.
    pub no_invoices: &'static str,
    /// Next page link.
    pub older_invoices: &'static str,
    /// First page link.
    pub newest_invoices: &'static str,
    /// Label of the pagination nav.
    pub pagination_label: &'static str,

    /// Payment method page and overview: start a card update.
    pub update_card: &'static str,
    /// Payment method page: start adding a card where none is on file.
    pub add_card: &'static str,
    /// Payment method page: what "Update" does.
    pub update_card_intro: &'static str,
    /// After the card was updated.
    pub card_updated: &'static str,
    /// Back from Checkout without a saved card (left or not finished yet).
    pub card_not_updated: &'static str,
    /// A past-due subscription: what happened and what to do.
    pub past_due_notice: &'static str,
    /// Link to the open invoice's hosted page.
    pub pay_open_invoice: &'static str,

    /// Billing details page name (navigation and title).
    pub nav_billing_details: &'static str,
    /// Billing details page: what these details are for.
    pub billing_details_intro: &'static str,
    /// Label of one billing details field.
    pub billing_field_label: fn(crate::billing_details::Field) -> &'static str,
    /// Hint under one billing details field, where it has one.
    pub billing_field_hint: fn(crate::billing_details::Field) -> Option<&'static str>,
    /// Legend of the address fields.
    pub address_legend: &'static str,
    /// Legend of the tax id fields.
    pub tax_id_legend: &'static str,
    /// The "no tax id" choice.
    pub tax_type_none: &'static str,
    /// Label of a Stripe tax id type (`eu_vat` → "EU VAT number").
    pub tax_type_label: fn(&str) -> &'static str,
    /// Save button.
    pub save_button: &'static str,
    /// After saving.
    pub billing_saved: &'static str,
    /// Heading of the list of problems above a refused form.
    pub form_problems_heading: &'static str,
    /// The message next to a field with a problem.
    pub billing_problem:
        fn(crate::billing_details::Field, crate::billing_details::Problem) -> &'static str,

    /// A section Stripe could not deliver.
    pub section_unavailable: &'static str,
    /// 404 title.
    pub not_found_title: &'static str,
    /// 404 text.
    pub not_found_body: &'static str,
    /// 500 title.
    pub error_title: &'static str,
    /// 500 text.
    pub error_body: &'static str,
    /// 403 title.
    pub forbidden_title: &'static str,
    /// 403 text.
    pub forbidden_body: &'static str,
    /// 405 title.
    pub method_title: &'static str,
    /// Session ended title.
    pub session_ended_title: &'static str,
    /// Session ended text.
    pub session_ended_body: &'static str,
    /// 429 title (a session that made too many requests).
    pub rate_limited_title: &'static str,
    /// 429 text.
    pub rate_limited_body: &'static str,
    /// The plan-change page, scheduled changes and the downgrade offer.
    pub plan: &'static PlanText,
    /// Next invoices, itemised invoices, discounts and taxes.
    pub charges: &'static ChargesText,
    /// Offers beside "Cancel anyway", custom reasons.
    pub offers: &'static OffersText,
}

impl Catalogue {
    /// The catalogue for `locale` (English where no better match exists).
    pub fn for_locale(locale: &Locale) -> &'static Catalogue {
        // Only English exists so far; `auto` and every other tag fall back to it.
        let _ = locale;
        &en::EN
    }

    /// English.
    pub fn english() -> &'static Catalogue {
        &en::EN
    }

    /// A date (UTC) such as "25 Nov 2026".
    pub fn format_date(&self, epoch_seconds: i64) -> String {
        let Ok(t) = OffsetDateTime::from_unix_timestamp(epoch_seconds) else {
            return String::new();
        };
        let month = self.months[usize::from(u8::from(t.month())) - 1];
        (self.date)(t.day(), month, t.year())
    }

    /// A number such as "1,234" or "0.5" (at most four decimals, none trailing).
    pub fn format_number(&self, value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        // Ten-thousandths, rounded half away from zero.
        let units = (value.abs() * 10_000.0).round();
        let units = if units >= u64::MAX as f64 {
            u64::MAX
        } else {
            units as u64
        };
        let whole = group(units / 10_000, self.group_separator);
        let fraction = format!("{:04}", units % 10_000);
        let fraction = fraction.trim_end_matches('0');
        let sign = if value < 0.0 && units > 0 { "-" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}{}{fraction}", self.decimal_separator)
        }
    }

    /// A percentage such as "20%" or "8.25%".
    pub fn format_percent(&self, percent: f64) -> String {
        format!("{}%", self.format_number(percent))
    }

    /// An amount in minor units of `currency`, such as "$12.00", "€9.50" or "¥500": the one
    /// place money is formatted, with each currency's own exponent (zero-decimal currencies
    /// such as JPY have none, KWD and its like three; any other code two).
    pub fn format_money(&self, minor: i64, currency: &str) -> String {
        let currency = currency.to_ascii_lowercase();
        let decimals = currency_decimals(&currency);
        let negative = minor < 0;
        let abs = minor.unsigned_abs();
        let scale = 10u64.pow(decimals);
        let whole = group(abs / scale, self.group_separator);
        let number = if decimals == 0 {
            whole
        } else {
            format!(
                "{whole}{}{:0width$}",
                self.decimal_separator,
                abs % scale,
                width = decimals as usize
            )
        };
        let sign = if negative { "-" } else { "" };
        match currency_symbol(&currency) {
            Some(symbol) => format!("{sign}{symbol}{number}"),
            None => format!("{sign}{} {number}", currency.to_ascii_uppercase()),
        }
    }
}

fn group(mut n: u64, sep: char) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join(&sep.to_string())
}

/// Stripe's zero-decimal currencies (amounts are whole units).
const ZERO_DECIMAL: [&str; 16] = [
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
    "xaf", "xof", "xpf",
];
/// Stripe's three-decimal currencies.
const THREE_DECIMAL: [&str; 5] = ["bhd", "jod", "kwd", "omr", "tnd"];

fn currency_decimals(currency: &str) -> u32 {
    if ZERO_DECIMAL.contains(&currency) {
        0
    } else if THREE_DECIMAL.contains(&currency) {
        3
    } else {
        2
    }
}

fn currency_symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "usd" => "$",
        "eur" => "€",
        "gbp" => "£",
        "jpy" => "¥",
        "inr" => "₹",
        "krw" => "₩",
        "cad" => "CA$",
        "aud" => "A$",
        "nzd" => "NZ$",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_formatted_with_the_currencys_decimals() {
        let en = Catalogue::english();
        assert_eq!(en.format_money(1200, "usd"), "$12.00");
        assert_eq!(en.format_money(950, "EUR"), "€9.50");
        assert_eq!(en.format_money(500, "jpy"), "¥500");
        assert_eq!(en.format_money(123_456_789, "usd"), "$1,234,567.89");
        assert_eq!(en.format_money(-505, "gbp"), "-£5.05");
        assert_eq!(en.format_money(1234, "chf"), "CHF 12.34");
        assert_eq!(en.format_money(1_234_500, "kwd"), "KWD 1,234.500");
        assert_eq!(en.format_money(5, "usd"), "$0.05");
    }

    #[test]
    fn each_currency_has_its_own_exponent() {
        let en = Catalogue::english();
        // Two decimals.
        assert_eq!(en.format_money(2511, "usd"), "$25.11");
        assert_eq!(en.format_money(2511, "eur"), "€25.11");
        // Zero-decimal: ¥2,900 is 2900 minor units, never ¥29.00.
        assert_eq!(en.format_money(2900, "jpy"), "¥2,900");
        assert_eq!(en.format_money(2900, "JPY"), "¥2,900");
        assert_eq!(en.format_money(-580, "jpy"), "-¥580");
        assert_eq!(en.format_money(1_000, "krw"), "₩1,000");
        assert_eq!(en.format_money(1_980, "xof"), "XOF 1,980");
        // Three decimals.
        for code in ["kwd", "bhd", "jod", "omr", "tnd"] {
            let shown = en.format_money(-12_345, code);
            assert_eq!(shown, format!("-{} 12.345", code.to_uppercase()), "{code}");
        }
        // A code nobody expected: two decimals and its letters, never a crash.
        assert_eq!(en.format_money(105, "zzz"), "ZZZ 1.05");
        assert_eq!(
            en.format_money(i64::MIN, "usd"),
            "-$92,233,720,368,547,758.08"
        );
        assert_eq!(en.format_money(0, "usd"), "$0.00");
    }

    #[test]
    fn numbers_and_percentages_trim_trailing_zeros() {
        let en = Catalogue::english();
        assert_eq!(en.format_percent(20.0), "20%");
        assert_eq!(en.format_percent(8.25), "8.25%");
        assert_eq!(en.format_percent(12.5), "12.5%");
        assert_eq!(en.format_number(1_234_567.0), "1,234,567");
        assert_eq!(en.format_number(0.5), "0.5");
        assert_eq!(en.format_number(-2.0), "-2");
        assert_eq!(en.format_number(f64::NAN), "");
    }

    #[test]
    fn dates_read_day_month_year() {
        let en = Catalogue::english();
        // 2026-11-25T12:00:00Z
        assert_eq!(en.format_date(1_795_608_000), "25 Nov 2026");
        assert_eq!(en.format_date(0), "1 Jan 1970");
    }
}
