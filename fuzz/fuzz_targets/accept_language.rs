//! `Accept-Language` (untrusted request header): `negotiate_accept_language(header)`, and
//! the tag matching beneath it (`Lang::best_match`, `LangChoice::of_locale`, `Lang::parse`).
//!
//! Beyond "never panics": the chosen language is one some entry of the header names (the
//! first 32 entries, as the parser reads them) with a q-value above zero; a header of one
//! such entry chooses its language; putting a shipped tag with `q=1` in front of any header
//! chooses that tag's language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::i18n::{negotiate_accept_language, Lang, LangChoice};

fuzz_target!(|data: &[u8]| {
    let Ok(header) = std::str::from_utf8(data) else {
        return;
    };
    let chosen = negotiate_accept_language(header);
    if let Some(lang) = chosen {
        assert!(Lang::ALL.contains(&lang));
        let named = header
            .split(',')
            .take(32)
            .filter_map(|entry| {
                Lang::best_match(entry.split(';').next().unwrap_or_default().trim())
            })
            .any(|l| l == lang);
        assert!(named, "{lang:?} chosen but no entry of {header:?} names it");
    }
    // Deterministic.
    assert_eq!(negotiate_accept_language(header), chosen);

    // One plain entry: its own language.
    if !header.contains([',', ';']) {
        assert_eq!(
            chosen,
            Lang::best_match(header.trim()).filter(|_| header.trim() != "*")
        );
    }

    // A shipped tag first, at q=1, wins over whatever follows.
    for lang in [Lang::De, Lang::PtBr, Lang::Ar] {
        let first = format!("{};q=1,{header}", lang.tag());
        assert_eq!(negotiate_accept_language(&first), Some(lang), "{first:?}");
    }

    // The same input as a session's `locale` or a switcher's choice.
    let choice = LangChoice::of_locale(header);
    if let Some(lang) = choice.lang() {
        assert_eq!(Lang::best_match(header), Some(lang));
    }
    if let Some(lang) = Lang::parse(header) {
        assert!(lang.tag().eq_ignore_ascii_case(header));
        assert_eq!(Lang::best_match(header), Some(lang));
    }
});
