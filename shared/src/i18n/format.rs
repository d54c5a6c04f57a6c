//! Money, dates and numbers as each locale writes them, from CLDR through ICU4X, with the
//! data of the shipped locales only ([`PortalData`]). The figures are never ours: an amount
//! is Stripe's minor units, scaled by Stripe's exponent for its currency and never rounded.

use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::FluentValue;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;
use std::sync::{Arc, RwLock};
use time::OffsetDateTime;

use super::provider::PortalData;
use super::Lang;

/// One locale's CLDR formatters, built once with its catalogue.
pub struct Formats {
    lang: Lang,
    decimal: Option<DecimalFormatter>,
    date: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    percent: Option<PercentFormatter<DecimalFormatter>>,
    /// Currency formatters built so far (by upper-case code), at most [`CURRENCIES_KEPT`]:
    /// building one loads its data and a decimal formatter, a few microseconds that a
    /// page with 24 invoices would otherwise pay for every amount.
    currencies: RwLock<Vec<(String, Arc<CurrencyFormatter<DecimalFormatter>>)>>,
}

/// How many currencies' formatters one locale keeps; a project bills in a few currencies,
/// and past this many each amount builds its own (correct, only slower).
const CURRENCIES_KEPT: usize = 16;

impl Formats {
    /// The formatters of `lang`. [`PortalData`] covers every shipped locale (a test checks
    /// each); should a formatter fail to load, its values fall back to plain digits (logged).
    pub fn new(lang: Lang) -> Formats {
        let locale = lang.icu_locale();
        let decimal =
            DecimalFormatter::try_new_unstable(&PortalData, (&locale).into(), Default::default())
                .map_err(|e| tracing::error!(lang = lang.tag(), error = %e, "no decimal format"))
                .ok();
        let date = FixedCalendarDateTimeFormatter::try_new_unstable(
            &PortalData,
            (&locale).into(),
            YMD::long(),
        )
        .map_err(|e| tracing::error!(lang = lang.tag(), error = %e, "no date format"))
        .ok();
        let percent =
            PercentFormatter::try_new_unstable(&PortalData, (&locale).into(), Default::default())
                .map_err(|e| tracing::error!(lang = lang.tag(), error = %e, "no percent format"))
                .ok();
        Formats {
            lang,
            decimal,
            date,
            percent,
            currencies: RwLock::new(Vec::new()),
        }
    }

    /// A UTC date in the locale's long form (Gregorian calendar, as Stripe's dates are).
    pub fn date(&self, epoch_seconds: i64) -> String {
        let Ok(t) = OffsetDateTime::from_unix_timestamp(epoch_seconds) else {
            return String::new();
        };
        let Ok(date) = Date::try_new_gregorian(t.year(), u8::from(t.month()), t.day()) else {
            return String::new();
        };
        match &self.date {
            Some(f) => f.format(&date).to_string(),
            None => t.date().to_string(),
        }
    }

    /// A number with at most four decimals (rounded half away from zero), none trailing.
    pub fn number(&self, value: f64) -> String {
        match decimal_of(value) {
            Some(d) => self.decimal(&d),
            None => String::new(),
        }
    }

    fn decimal(&self, d: &Decimal) -> String {
        match &self.decimal {
            Some(f) => f.format(d).to_string(),
            None => d.to_string(),
        }
    }

    /// A percentage (the value is already in percent: `8.25` is "8.25%").
    pub fn percent(&self, percent: f64) -> String {
        let Some(d) = decimal_of(percent) else {
            return String::new();
        };
        match &self.percent {
            Some(f) => f.format(&d).to_string(),
            None => format!("{d}%"),
        }
    }

    /// An amount of `minor` units of `currency` (Stripe's lowercase code), exact.
    pub fn money(&self, minor: i64, currency: &str) -> String {
        let code = currency.to_ascii_uppercase();
        let exponent = stripe_exponent(&code);
        let mut value = Decimal::from(minor);
        value.multiply_pow10(-exponent);
        let Some(formatter) = self.currency_formatter(&code) else {
            return self.money_by_code(&value, &code);
        };
        let shown = formatter.format_fixed_decimal(&value).to_string();
        // CLDR rounds to its own digits for the currency; where those are fewer than
        // Stripe's (LBP, ISK and others Stripe counts in hundredths), a rounded figure
        // would not be Stripe's amount: show every digit with the code instead.
        if shown_exactly(&shown, &value) {
            shown
        } else {
            self.money_by_code(&value, &code)
        }
    }

    fn currency_formatter(&self, code: &str) -> Option<Arc<CurrencyFormatter<DecimalFormatter>>> {
        // A poisoned lock only means another thread panicked mid-push: the list is still
        // a list of whole entries.
        let kept = self.currencies.read().unwrap_or_else(|e| e.into_inner());
        if let Some((_, f)) = kept.iter().find(|(c, _)| c == code) {
            return Some(Arc::clone(f));
        }
        drop(kept);
        let formatter = Arc::new(self.build_currency_formatter(code)?);
        let mut kept = self.currencies.write().unwrap_or_else(|e| e.into_inner());
        if kept.len() < CURRENCIES_KEPT && !kept.iter().any(|(c, _)| c == code) {
            kept.push((code.to_owned(), Arc::clone(&formatter)));
        }
        Some(formatter)
    }

    fn build_currency_formatter(&self, code: &str) -> Option<CurrencyFormatter<DecimalFormatter>> {
        let locale = self.lang.icu_locale();
        let currency = CurrencyType::try_from_str(code).ok()?;
        CurrencyFormatter::try_new_symbol_unstable(
            &PortalData,
            (&locale).into(),
            currency,
            Default::default(),
        )
        .map_err(|e| tracing::warn!(lang = self.lang.tag(), code, error = %e, "no currency format"))
        .ok()
    }

    /// "LBP 1,234.56": the locale's digits and separators, the ISO code before them.
    fn money_by_code(&self, value: &Decimal, code: &str) -> String {
        let code = if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            code
        } else {
            "XXX"
        };
        format!("{code}\u{a0}{}", self.decimal(value))
    }
}

/// Whether `shown` states `value` exactly: CLDR pads to its digits for the currency
/// (fine) or rounds to them (not fine unless only zeros went). Compared as the digit
/// sequences without trailing zeros, in whatever digits the locale writes.
fn shown_exactly(shown: &str, value: &Decimal) -> bool {
    fn significant(digits: impl Iterator<Item = u32>) -> Vec<u32> {
        let mut v: Vec<u32> = digits.collect();
        while v.last() == Some(&0) {
            v.pop();
        }
        v
    }
    let want = significant(value.to_string().chars().filter_map(|c| c.to_digit(10)));
    let got = significant(shown.chars().filter_map(digit_value));
    want == got
}

/// The value of a decimal digit in the scripts CLDR uses for our locales.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6f0}'..='\u{6f9}' => Some(c as u32 - 0x6f0),
        _ => None,
    }
}

/// Stripe's zero-decimal currencies (amounts are whole units).
const ZERO_DECIMAL: [&str; 16] = [
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];
/// Stripe's three-decimal currencies.
const THREE_DECIMAL: [&str; 5] = ["BHD", "JOD", "KWD", "OMR", "TND"];

/// How many decimals Stripe's minor units of `code` have.
fn stripe_exponent(code: &str) -> i16 {
    if ZERO_DECIMAL.contains(&code) {
        0
    } else if THREE_DECIMAL.contains(&code) {
        3
    } else {
        2
    }
}

/// `value` as a decimal, rounded to four places, trailing zeros dropped.
fn decimal_of(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let mut d = Decimal::try_from_f64(value, FloatPrecision::RoundTrip).ok()?;
    d.round(-4);
    d.absolute.trim_end();
    if d.absolute.is_zero() {
        // "-0" reads as nothing a customer would write.
        return Some(Decimal::from(0));
    }
    Some(d)
}

/// A Fluent number argument (a count of days, a quantity) in the bundle's locale.
pub(super) fn fluent_number(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let v = n.value;
    intls
        .with_try_get::<NumberFormat, _, _>((), |f| f.0.number(v))
        .ok()
}

/// The locale's number format, memoized per Fluent bundle.
struct NumberFormat(Formats);

impl Memoizable for NumberFormat {
    type Args = ();
    type Error = ();

    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let lang = Lang::parse(&lang.to_string()).ok_or(())?;
        Ok(NumberFormat(Formats::new(lang)))
    }
}

#[cfg(test)]
mod kept_formatters {
    use super::*;

    /// Twenty currencies, more than one locale keeps formatters for: each formats the same
    /// on first use, from the kept formatter, and past the limit (built per amount).
    #[test]
    fn kept_currency_formatters_give_the_same_amounts() {
        const CODES: [&str; 20] = [
            "usd", "eur", "gbp", "jpy", "chf", "sek", "nok", "dkk", "pln", "czk", "huf", "aud",
            "cad", "nzd", "brl", "mxn", "inr", "krw", "kwd", "zar",
        ];
        let fresh: Vec<String> = CODES
            .iter()
            .map(|code| Formats::new(Lang::De).money(123_456, code))
            .collect();
        let kept = Formats::new(Lang::De);
        for round in 0..2 {
            for (code, want) in CODES.iter().zip(&fresh) {
                assert_eq!(&kept.money(123_456, code), want, "{code}, round {round}");
            }
        }
        assert_eq!(fresh[0], "1.234,56\u{a0}$");
        assert_eq!(fresh[3], "123.456\u{a0}¥");
        let held = kept.currencies.read().unwrap_or_else(|e| e.into_inner());
        assert_eq!(held.len(), CURRENCIES_KEPT);
        assert_eq!(held[0].0, "USD");
    }
}
