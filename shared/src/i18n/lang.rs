//! The shipped languages, and how a customer's is chosen from what we know.

use unic_langid::LanguageIdentifier;

/// A language the portal speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// German.
    De,
    /// Italian.
    It,
    /// Brazilian Portuguese.
    PtBr,
    /// Dutch.
    Nl,
    /// Polish.
    Pl,
    /// Japanese.
    Ja,
    /// Simplified Chinese.
    ZhHans,
    /// Arabic (right to left).
    Ar,
    /// Hebrew (right to left).
    He,
}

impl Lang {
    /// Every shipped language, in the switcher's order.
    pub const ALL: [Lang; 12] = [
        Lang::En,
        Lang::Es,
        Lang::Fr,
        Lang::De,
        Lang::It,
        Lang::PtBr,
        Lang::Nl,
        Lang::Pl,
        Lang::Ja,
        Lang::ZhHans,
        Lang::Ar,
        Lang::He,
    ];

    /// The BCP-47 tag (`lang` attribute, the session's `locale`, the switcher's value).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::It => "it",
            Lang::PtBr => "pt-BR",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
            Lang::Ja => "ja",
            Lang::ZhHans => "zh-Hans",
            Lang::Ar => "ar",
            Lang::He => "he",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar | Lang::He)
    }

    /// Fluent's language identifier (plural rules).
    pub(crate) fn langid(self) -> LanguageIdentifier {
        // Every tag above is valid; `und` is never reached.
        self.tag().parse().unwrap_or_default()
    }

    /// ICU4X's locale for CLDR formats.
    pub(crate) fn icu_locale(self) -> icu_locale_core::Locale {
        match self {
            Lang::En => icu_locale_core::locale!("en"),
            Lang::Es => icu_locale_core::locale!("es"),
            Lang::Fr => icu_locale_core::locale!("fr"),
            Lang::De => icu_locale_core::locale!("de"),
            Lang::It => icu_locale_core::locale!("it"),
            Lang::PtBr => icu_locale_core::locale!("pt-BR"),
            Lang::Nl => icu_locale_core::locale!("nl"),
            Lang::Pl => icu_locale_core::locale!("pl"),
            Lang::Ja => icu_locale_core::locale!("ja"),
            Lang::ZhHans => icu_locale_core::locale!("zh-Hans"),
            Lang::Ar => icu_locale_core::locale!("ar"),
            Lang::He => icu_locale_core::locale!("he"),
        }
    }

    /// Exactly a shipped tag (ASCII case-insensitive): what the switcher and the project
    /// setting accept.
    pub fn parse(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// The shipped language that best serves someone who asked for `tag` (any BCP-47
    /// tag, untrusted): `de-AT` → German, `pt` or `pt-PT` → Brazilian Portuguese, `zh`,
    /// `zh-CN`, `zh-SG` → Simplified Chinese, `iw` → Hebrew. `None` where we ship nothing
    /// close: Traditional Chinese (`zh-TW`, `zh-Hant`) is not served Simplified.
    pub fn best_match(tag: &str) -> Option<Lang> {
        if tag.len() > 64 {
            return None;
        }
        let mut parts = tag.trim().split(['-', '_']);
        let language = parts.next()?.to_ascii_lowercase();
        let rest: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
        Some(match language.as_str() {
            "en" => Lang::En,
            "es" => Lang::Es,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "it" => Lang::It,
            "pt" => Lang::PtBr,
            "nl" => Lang::Nl,
            "pl" => Lang::Pl,
            "ja" => Lang::Ja,
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(p.as_str(), "hant" | "tw" | "hk" | "mo"));
                let simplified = rest.iter().any(|p| p == "hans");
                if traditional && !simplified {
                    return None;
                }
                Lang::ZhHans
            }
            "ar" => Lang::Ar,
            "he" | "iw" => Lang::He,
            _ => return None,
        })
    }
}

impl Default for Lang {
    /// English: the project setting's default.
    fn default() -> Lang {
        Lang::En
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::ids::ParseError;

    /// Exactly a shipped tag (the project setting, the switcher's choice).
    fn from_str(s: &str) -> Result<Lang, Self::Err> {
        Lang::parse(s.trim()).ok_or_else(|| {
            let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
            crate::ids::ParseError(format!(
                "{s:?} is not a language the portal speaks (one of {})",
                tags.join(", ")
            ))
        })
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

/// A stored language setting, leniently: a tag this release does not ship reads as the
/// default (English), logged, never fatal to the tenant's portal.
pub fn lenient_lang<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    use serde::Deserialize;
    let raw = Option::<String>::deserialize(d)?;
    Ok(match raw.as_deref().map(str::parse::<Lang>) {
        Some(Ok(l)) => l,
        Some(Err(e)) => {
            tracing::warn!(error = %e.0, "stored language dropped; English instead");
            Lang::En
        }
        None => Lang::En,
    })
}

/// The language to speak, in order: the session's `locale` (a shipped tag), the Stripe
/// customer's `preferred_locales`, the browser's `Accept-Language`, the project's default.
pub fn choose_lang(
    session_locale: &str,
    customer_locales: &[String],
    accept_language: Option<&str>,
    project_default: Lang,
) -> Lang {
    LangChoice::of_locale(session_locale)
        .lang()
        .or_else(|| customer_locales.iter().find_map(|l| Lang::best_match(l)))
        .or_else(|| accept_language.and_then(negotiate_accept_language))
        .unwrap_or(project_default)
}

/// What a session asked for: a language, or `auto` (let the customer's settings decide).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangChoice {
    /// Decide from the customer's Stripe `preferred_locales`, then `Accept-Language`.
    Auto,
    /// This language.
    Lang(Lang),
}

impl LangChoice {
    /// The session's `locale` (any well-formed tag, or `auto`): a tag we can serve picks
    /// its language; `auto` and a tag we cannot serve let the next source decide.
    pub fn of_locale(locale: &str) -> LangChoice {
        match Lang::best_match(locale) {
            Some(l) if locale != "auto" => LangChoice::Lang(l),
            _ => LangChoice::Auto,
        }
    }

    /// The language, where one was chosen.
    pub fn lang(self) -> Option<Lang> {
        match self {
            LangChoice::Auto => None,
            LangChoice::Lang(l) => Some(l),
        }
    }
}

/// The shipped language an `Accept-Language` header (untrusted) prefers: its tags in
/// order of q-value (ties keep the header's order), `q=0` refused, `*` and malformed
/// entries skipped. `None`: no entry names a language we ship.
pub fn negotiate_accept_language(header: &str) -> Option<Lang> {
    let mut ranked: Vec<(u16, usize, Lang)> = Vec::new();
    // A header longer than any browser sends is cut, not parsed whole.
    for (i, entry) in header.split(',').take(32).enumerate() {
        let mut fields = entry.split(';');
        let tag = fields.next().unwrap_or_default().trim();
        let mut q = 1000u16;
        for param in fields {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("q") {
                q = parse_q(value.trim()).unwrap_or(0);
            }
        }
        if q == 0 || tag == "*" {
            continue;
        }
        if let Some(lang) = Lang::best_match(tag) {
            ranked.push((q, i, lang));
        }
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map(|(_, _, l)| *l)
}

/// A q-value (`0`–`1`, at most three decimals) in thousandths.
fn parse_q(s: &str) -> Option<u16> {
    if s.len() > 5 {
        return None;
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_value = format!("{frac:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(frac_value),
        "1" if frac_value == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_parses_back_to_its_language() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.tag()), Some(l));
            assert_eq!(Lang::best_match(l.tag()), Some(l));
            assert_eq!(l.langid().to_string(), l.tag());
        }
        assert_eq!(Lang::parse("PT-br"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("pt"), None);
    }

    #[test]
    fn regional_and_legacy_tags_find_the_shipped_language() {
        assert_eq!(Lang::best_match("de-DE"), Some(Lang::De));
        assert_eq!(Lang::best_match("en-GB"), Some(Lang::En));
        assert_eq!(Lang::best_match("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::best_match("pt-PT"), Some(Lang::PtBr));
        assert_eq!(Lang::best_match("zh"), Some(Lang::ZhHans));
        assert_eq!(Lang::best_match("zh-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::best_match("zh-Hans-HK"), Some(Lang::ZhHans));
        assert_eq!(Lang::best_match("zh-TW"), None);
        assert_eq!(Lang::best_match("zh-Hant"), None);
        assert_eq!(Lang::best_match("iw"), Some(Lang::He));
        assert_eq!(Lang::best_match("ko"), None);
        assert_eq!(Lang::best_match(""), None);
        assert_eq!(Lang::best_match("auto"), None);
    }

    #[test]
    fn a_session_locale_is_a_language_or_auto() {
        assert_eq!(LangChoice::of_locale("auto"), LangChoice::Auto);
        assert_eq!(LangChoice::of_locale("ko"), LangChoice::Auto);
        assert_eq!(LangChoice::of_locale("fr-CA"), LangChoice::Lang(Lang::Fr));
        assert_eq!(LangChoice::of_locale("he"), LangChoice::Lang(Lang::He));
    }

    #[test]
    fn accept_language_follows_q_values() {
        assert_eq!(negotiate_accept_language("de-DE,de;q=0.9"), Some(Lang::De));
        assert_eq!(
            negotiate_accept_language("ko;q=1, fr;q=0.4, ja;q=0.8"),
            Some(Lang::Ja)
        );
        assert_eq!(negotiate_accept_language("pt;q=0.5, ko"), Some(Lang::PtBr));
        assert_eq!(negotiate_accept_language("en;q=0, es"), Some(Lang::Es));
        assert_eq!(
            negotiate_accept_language("zh, en;q=0.1"),
            Some(Lang::ZhHans)
        );
        assert_eq!(negotiate_accept_language("*"), None);
        assert_eq!(negotiate_accept_language(""), None);
        assert_eq!(negotiate_accept_language("ko, sv;q=0.8"), None);
        // Malformed q-values refuse their entry, never the header.
        assert_eq!(
            negotiate_accept_language("fr;q=2, it;q=abc, nl;q=0.3"),
            Some(Lang::Nl)
        );
        // Ties keep the header's order.
        assert_eq!(
            negotiate_accept_language("pl;q=0.5, ar;q=0.5"),
            Some(Lang::Pl)
        );
    }

    #[test]
    fn the_choice_goes_session_customer_browser_project() {
        let de = ["de-DE".to_owned()];
        let none: [String; 0] = [];
        let ko = ["ko".to_owned(), "ja".to_owned()];
        assert_eq!(choose_lang("fr", &de, Some("es"), Lang::It), Lang::Fr);
        assert_eq!(choose_lang("auto", &de, Some("es"), Lang::It), Lang::De);
        // The customer's first language we ship, not their first language.
        assert_eq!(choose_lang("auto", &ko, Some("es"), Lang::It), Lang::Ja);
        assert_eq!(
            choose_lang("auto", &none, Some("es;q=0.5,pt"), Lang::It),
            Lang::PtBr
        );
        // A session locale we do not ship lets the next source decide.
        assert_eq!(choose_lang("sv", &none, Some("ko"), Lang::It), Lang::It);
        assert_eq!(choose_lang("auto", &none, None, Lang::Ar), Lang::Ar);
        assert_eq!(
            choose_lang("auto", &none, Some("de-DE,de;q=0.9"), Lang::En),
            Lang::De
        );
    }

    #[test]
    fn the_setting_parses_shipped_tags_only_and_reads_leniently() {
        assert_eq!("pt-BR".parse::<Lang>().unwrap(), Lang::PtBr);
        assert!("pt".parse::<Lang>().is_err());
        let read = |v: serde_json::Value| lenient_lang(v).unwrap();
        assert_eq!(read(serde_json::json!("ja")), Lang::Ja);
        assert_eq!(read(serde_json::json!("tlh")), Lang::En);
        assert_eq!(read(serde_json::Value::Null), Lang::En);
        assert_eq!(serde_json::to_value(Lang::ZhHans).unwrap(), "zh-Hans");
    }

    #[test]
    fn accept_language_never_panics_on_junk() {
        for junk in [
            ";;;,,,",
            "q=1",
            "de;q=",
            "de;q=0.",
            "de;q=.5",
            "\u{0}\u{ffff}",
            "😀;q=1",
            &"a,".repeat(10_000),
            &"x".repeat(100_000),
        ] {
            let _ = negotiate_accept_language(junk);
        }
        assert_eq!(negotiate_accept_language("de;q=0."), None);
        assert_eq!(negotiate_accept_language("de;q=0.001"), Some(Lang::De));
    }
}
