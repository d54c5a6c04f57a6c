//! The customer's language: Project Fluent catalogues (`shared/locales/<tag>/portal.ftl`,
//! embedded in the binary) and CLDR formatting of money, dates and numbers (ICU4X).
//!
//! Views never hold text: they call a [`Catalogue`] method named for the message
//! (`messages.rs` lists every one with its Fluent id and arguments). A catalogue is parsed
//! the first time its language is asked for, once per process (a cold start), and kept.
//! Money, dates and numbers come from ICU4X's compiled CLDR data for the catalogue's
//! locale; the amounts themselves are always Stripe's minor units, shown with Stripe's
//! exponent for the currency (`format_money`).

mod format;
mod lang;
mod messages;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use format::Formats;
pub use lang::{choose_lang, lenient_lang, negotiate_accept_language, Lang, LangChoice};
pub use messages::{all_messages, ChargesText, OffersText, PlanText};

/// The Fluent source of each shipped locale, embedded at build time (no file reads at run
/// time).
pub(crate) fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en/portal.ftl"),
        Lang::Es => include_str!("../../locales/es/portal.ftl"),
        Lang::Fr => include_str!("../../locales/fr/portal.ftl"),
        Lang::De => include_str!("../../locales/de/portal.ftl"),
        Lang::It => include_str!("../../locales/it/portal.ftl"),
        Lang::PtBr => include_str!("../../locales/pt-BR/portal.ftl"),
        Lang::Nl => include_str!("../../locales/nl/portal.ftl"),
        Lang::Pl => include_str!("../../locales/pl/portal.ftl"),
        Lang::Ja => include_str!("../../locales/ja/portal.ftl"),
        Lang::ZhHans => include_str!("../../locales/zh-Hans/portal.ftl"),
        Lang::Ar => include_str!("../../locales/ar/portal.ftl"),
        Lang::He => include_str!("../../locales/he/portal.ftl"),
    }
}

/// Every string the portal shows, in one language, and that language's CLDR formats.
pub struct Catalogue {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// Every message without arguments, rendered once at parse time.
    texts: HashMap<&'static str, String>,
    formats: Formats,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Catalogue {
    /// The catalogue of `lang`, parsed on first use and kept for the process.
    pub fn of(lang: Lang) -> &'static Catalogue {
        static CATALOGUES: [OnceLock<Catalogue>; Lang::ALL.len()] =
            [const { OnceLock::new() }; Lang::ALL.len()];
        CATALOGUES[lang as usize].get_or_init(|| Catalogue::parse(lang))
    }

    /// The catalogue a session's `locale` names, English where it names none we ship.
    pub fn for_locale(locale: &crate::ids::Locale) -> &'static Catalogue {
        Catalogue::of(
            LangChoice::of_locale(locale.as_str())
                .lang()
                .unwrap_or(Lang::En),
        )
    }

    /// English.
    pub fn english() -> &'static Catalogue {
        Catalogue::of(Lang::En)
    }

    /// Parses `lang`'s embedded Fluent source and builds its formatters. Syntax errors are
    /// caught by the tests (`every_catalogue_parses`); here a faulty entry is logged and
    /// skipped, never fatal.
    pub fn parse(lang: Lang) -> Catalogue {
        let resource = match FluentResource::try_new(source(lang).to_owned()) {
            Ok(r) => r,
            Err((r, errors)) => {
                tracing::error!(lang = lang.tag(), ?errors, "Fluent syntax errors");
                r
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
        // Bidi isolation of every argument where the text runs right to left, so amounts,
        // dates and card endings stay whole inside it; left-to-right text needs none for
        // its own arguments, and its strings stay plain.
        bundle.set_use_isolating(lang.is_rtl());
        bundle.set_formatter(Some(format::fluent_number));
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(lang = lang.tag(), ?errors, "Fluent resource errors");
        }
        let mut catalogue = Catalogue {
            lang,
            bundle,
            texts: HashMap::new(),
            formats: Formats::new(lang),
        };
        let texts = all_messages()
            .filter(|(_, args)| args.is_empty())
            .map(|(id, _)| (id, catalogue.message(id, &[])))
            .collect();
        catalogue.texts = texts;
        catalogue
    }

    /// The message `id`, which takes no arguments (rendered at parse time).
    pub(crate) fn text(&self, id: &str) -> &str {
        match self.texts.get(id) {
            Some(text) => text,
            None if self.lang != Lang::En => Catalogue::english().text(id),
            None => "",
        }
    }

    /// This catalogue's language.
    pub fn language(&self) -> Lang {
        self.lang
    }

    /// BCP-47 tag for the `lang` attribute.
    pub fn lang(&self) -> &'static str {
        self.lang.tag()
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.lang.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The message `id` with `args`. A message missing here (the tests forbid it) falls
    /// back to English rather than showing nothing.
    pub(crate) fn message(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::error!(lang = self.lang.tag(), id, "missing message");
            if self.lang != Lang::En {
                return Catalogue::english().message(id, args);
            }
            return String::new();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::error!(lang = self.lang.tag(), id, ?errors, "message errors");
        }
        match text {
            Cow::Borrowed(s) => s.to_owned(),
            Cow::Owned(s) => s,
        }
    }

    /// A date (UTC), in the locale's long form, the month by name: "December 27, 2026",
    /// "27. Dezember 2026", "2026年12月27日"…
    pub fn format_date(&self, epoch_seconds: i64) -> String {
        self.formats.date(epoch_seconds)
    }

    /// A number as the locale writes it ("1,234.5", "1.234,5"), at most four decimals.
    pub fn format_number(&self, value: f64) -> String {
        self.formats.number(value)
    }

    /// A percentage as the locale writes it ("20%", "20 %", "8,25 %").
    pub fn format_percent(&self, percent: f64) -> String {
        self.formats.percent(percent)
    }

    /// An amount in minor units of `currency`, as the locale writes it ("$12.00",
    /// "12,00 $", "¥500"): the one place money is formatted. The amount is exact: the
    /// minor units are Stripe's, with Stripe's exponent for the currency (none for JPY and
    /// the other zero-decimal currencies, three for KWD and its like, else two).
    pub fn format_money(&self, minor: i64, currency: &str) -> String {
        self.formats.money(minor, currency)
    }
}
