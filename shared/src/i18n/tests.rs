//! Every catalogue parses, has exactly the messages the code uses, and each message uses
//! exactly the arguments the code passes; money, dates and numbers as CLDR writes them.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// The variables a pattern refers to, anywhere (text, selectors, variants, calls).
fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Each message of `lang`'s source with the variables it uses.
fn messages_of(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(source(lang)) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{}: Fluent syntax errors: {errors:?}", lang.tag()),
    };
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: {} has no value", lang.tag(), m.id.name));
                let mut vars = BTreeSet::new();
                variables(value, &mut vars);
                let dup = out.insert(m.id.name.to_owned(), vars);
                assert!(dup.is_none(), "{}: {} twice", lang.tag(), m.id.name);
            }
            ast::Entry::Junk { content } => panic!("{}: junk {content:?}", lang.tag()),
            _ => {}
        }
    }
    out
}

#[test]
fn every_catalogue_parses() {
    for lang in Lang::ALL {
        assert!(
            FluentResource::try_new(source(lang).to_owned()).is_ok(),
            "{}",
            lang.tag()
        );
        messages_of(lang);
    }
}

#[test]
fn every_locale_has_exactly_the_messages_and_arguments_the_code_uses() {
    let wanted: BTreeMap<String, BTreeSet<String>> = all_messages()
        .map(|(id, args)| {
            (
                id.to_owned(),
                args.iter().map(|a| (*a).to_owned()).collect(),
            )
        })
        .collect();
    for lang in Lang::ALL {
        let got = messages_of(lang);
        for (id, args) in &wanted {
            let Some(used) = got.get(id) else {
                panic!("{}: missing {id}", lang.tag());
            };
            let dropped: Vec<_> = args.difference(used).collect();
            let invented: Vec<_> = used.difference(args).collect();
            assert!(
                dropped.is_empty() && invented.is_empty(),
                "{}: {id} drops {dropped:?}, invents {invented:?}",
                lang.tag()
            );
        }
        let unused: Vec<_> = got.keys().filter(|id| !wanted.contains_key(*id)).collect();
        assert!(
            unused.is_empty(),
            "{}: not used by the code: {unused:?}",
            lang.tag()
        );
    }
}

#[test]
fn every_message_renders_in_every_language() {
    for lang in Lang::ALL {
        let t = Catalogue::of(lang);
        for (id, args) in all_messages() {
            let values: Vec<(&str, FluentValue<'_>)> = args
                .iter()
                .map(|a| (*a, FluentValue::from(if *a == "count" { "1" } else { "x" })))
                .collect();
            let shown = t.message(id, &values);
            assert!(
                !shown.trim().is_empty() || id == "billing-field-hint",
                "{}: {id} is empty",
                lang.tag()
            );
        }
    }
}

#[test]
fn arguments_are_isolated_only_in_right_to_left_text() {
    let en = Catalogue::english();
    assert_eq!(en.return_to("Acme"), "Return to Acme");
    for lang in Lang::ALL.into_iter().filter(|l| l.is_rtl()) {
        let shown = Catalogue::of(lang).card_ending("Visa", "4242");
        assert!(
            shown.contains("\u{2068}4242\u{2069}"),
            "{}: {shown:?}",
            lang.tag()
        );
    }
}

#[test]
fn plural_rules_come_from_cldr() {
    let en = Catalogue::english();
    assert_eq!(en.pause_option(1, "D"), "In 1 day (D)");
    assert_eq!(en.pause_option(30, "D"), "In 30 days (D)");
    assert_eq!(en.price_per("$5.00", "month", 3), "$5.00 every 3 months");
    assert_eq!(en.price_per("$5.00", "month", 1), "$5.00 per month");
}

/// 2026-12-27 12:00 UTC.
const DEC_27_2026: i64 = 1_798_372_800;

/// The same amounts and date in five locales, exactly as CLDR (through ICU4X) writes
/// them: symbol and its place, separators, digits, the currency's own exponent (JPY none,
/// KWD three), and the bidi marks Arabic puts around numbers.
#[test]
fn money_dates_and_numbers_are_pinned_for_five_locales() {
    struct Want {
        lang: Lang,
        usd: &'static str,
        eur: &'static str,
        jpy: &'static str,
        kwd: &'static str,
        negative: &'static str,
        date: &'static str,
        percent: &'static str,
        number: &'static str,
    }
    let wants = [
        Want {
            lang: Lang::En,
            usd: "$29.00",
            eur: "€29.00",
            jpy: "¥2,900",
            kwd: "KWD\u{a0}1.250",
            negative: "-$1,234,567.89",
            date: "December 27, 2026",
            percent: "8.25%",
            number: "1,234.5",
        },
        Want {
            lang: Lang::De,
            usd: "29,00\u{a0}$",
            eur: "29,00\u{a0}€",
            jpy: "2.900\u{a0}¥",
            kwd: "1,250\u{a0}KWD",
            negative: "-1.234.567,89\u{a0}$",
            date: "27. Dezember 2026",
            percent: "8,25\u{a0}%",
            number: "1.234,5",
        },
        Want {
            lang: Lang::Fr,
            usd: "29,00\u{a0}$US",
            eur: "29,00\u{a0}€",
            jpy: "2\u{202f}900\u{a0}JP¥",
            kwd: "1,250\u{a0}KWD",
            negative: "-1\u{202f}234\u{202f}567,89\u{a0}$US",
            date: "27 décembre 2026",
            percent: "8,25\u{a0}%",
            number: "1\u{202f}234,5",
        },
        Want {
            lang: Lang::Ja,
            usd: "$29.00",
            eur: "€29.00",
            jpy: "￥2,900",
            kwd: "KWD\u{a0}1.250",
            negative: "-$1,234,567.89",
            date: "2026年12月27日",
            percent: "8.25%",
            number: "1,234.5",
        },
        Want {
            lang: Lang::Ar,
            usd: "\u{200f}29.00\u{a0}US$",
            eur: "\u{200f}29.00\u{a0}€",
            jpy: "\u{200f}2,900\u{a0}JP¥",
            kwd: "\u{200f}1.250\u{a0}د.ك.\u{200f}",
            negative: "\u{200f}\u{200e}-1,234,567.89\u{a0}US$",
            date: "27 ديسمبر 2026",
            percent: "8.25\u{200e}%\u{200e}",
            number: "1,234.5",
        },
    ];
    for w in wants {
        let t = Catalogue::of(w.lang);
        let tag = w.lang.tag();
        let got = [
            t.format_money(2900, "usd"),
            t.format_money(2900, "eur"),
            t.format_money(2900, "jpy"),
            t.format_money(1250, "kwd"),
            t.format_money(-123_456_789, "usd"),
            t.format_date(DEC_27_2026),
            t.format_percent(8.25),
            t.format_number(1234.5),
        ];
        let want = [
            w.usd, w.eur, w.jpy, w.kwd, w.negative, w.date, w.percent, w.number,
        ];
        assert_eq!(got, want, "{tag}");
    }
}

#[test]
fn every_locale_formats_every_kind_of_value() {
    for lang in Lang::ALL {
        let t = Catalogue::of(lang);
        for shown in [
            t.format_money(2900, "usd"),
            t.format_money(500, "jpy"),
            t.format_date(DEC_27_2026),
            t.format_percent(20.0),
            t.format_number(3.0),
        ] {
            assert!(
                shown.chars().any(|c| c.is_numeric()),
                "{}: {shown:?}",
                lang.tag()
            );
        }
    }
}

/// Each of the twelve shipped locales formats with its own CLDR data (CLDR 49, as ICU4X 2.4's
/// compiled data): a locale missing from the generated `cldr-data` crate would fall back
/// to `und` (English-like digits, `December`) and fail here. Columns: €1,234.56, $29.00,
/// 27 December 2026, 1234.5, 8.25 %.
#[test]
fn every_shipped_locale_formats_with_its_own_cldr_data() {
    let wants: [(Lang, [&str; 5]); 12] = [
        (
            Lang::En,
            [
                "€1,234.56",
                "$29.00",
                "December 27, 2026",
                "1,234.5",
                "8.25%",
            ],
        ),
        (
            Lang::Es,
            [
                "1234,56\u{a0}€",
                "29,00\u{a0}US$",
                "27 de diciembre de 2026",
                "1234,5",
                "8,25\u{a0}%",
            ],
        ),
        (
            Lang::Fr,
            [
                "1\u{202f}234,56\u{a0}€",
                "29,00\u{a0}$US",
                "27 décembre 2026",
                "1\u{202f}234,5",
                "8,25\u{a0}%",
            ],
        ),
        (
            Lang::De,
            [
                "1.234,56\u{a0}€",
                "29,00\u{a0}$",
                "27. Dezember 2026",
                "1.234,5",
                "8,25\u{a0}%",
            ],
        ),
        (
            Lang::It,
            [
                "1234,56\u{a0}€",
                "29,00\u{a0}US$",
                "27 dicembre 2026",
                "1234,5",
                "8,25%",
            ],
        ),
        (
            Lang::PtBr,
            [
                "€\u{a0}1.234,56",
                "US$\u{a0}29,00",
                "27 de dezembro de 2026",
                "1.234,5",
                "8,25%",
            ],
        ),
        (
            Lang::Nl,
            [
                "€\u{a0}1.234,56",
                "US$\u{a0}29,00",
                "27 december 2026",
                "1.234,5",
                "8,25%",
            ],
        ),
        (
            Lang::Pl,
            [
                "1234,56\u{a0}€",
                "29,00\u{a0}US$",
                "27 grudnia 2026",
                "1234,5",
                "8,25%",
            ],
        ),
        (
            Lang::Ja,
            ["€1,234.56", "$29.00", "2026年12月27日", "1,234.5", "8.25%"],
        ),
        (
            Lang::ZhHans,
            [
                "€1,234.56",
                "US$29.00",
                "2026年12月27日",
                "1,234.5",
                "8.25%",
            ],
        ),
        (
            Lang::Ar,
            [
                "\u{200f}1,234.56\u{a0}€",
                "\u{200f}29.00\u{a0}US$",
                "27 ديسمبر 2026",
                "1,234.5",
                "8.25\u{200e}%\u{200e}",
            ],
        ),
        (
            Lang::He,
            [
                "\u{200f}1,234.56\u{a0}\u{200f}€",
                "\u{200f}29.00\u{a0}\u{200f}$",
                "27 בדצמבר 2026",
                "1,234.5",
                "8.25%",
            ],
        ),
    ];
    assert_eq!(
        wants.map(|(lang, _)| lang),
        Lang::ALL,
        "one row per shipped locale"
    );
    for (lang, want) in wants {
        let t = Catalogue::of(lang);
        let got = [
            t.format_money(123_456, "eur"),
            t.format_money(2900, "usd"),
            t.format_date(DEC_27_2026),
            t.format_number(1234.5),
            t.format_percent(8.25),
        ];
        assert_eq!(got, want, "{}", lang.tag());
        if lang != Lang::En {
            assert_ne!(want, wants[0].1, "{} is not English", lang.tag());
        }
    }
}

/// ICU4X's data for the shipped locales only (`provider.rs`, `cargo xtask icu-data`) formats
/// exactly as ICU4X's compiled data (every CLDR locale) does, in every shipped locale:
/// numbers, percentages, the long date of every month, and money in the currencies Stripe
/// customers are most often billed in. A marker, locale or fallback parent missing from
/// `data/` (or data left stale by an ICU4X upgrade) fails here.
#[test]
fn the_shipped_locales_data_formats_as_icu4x_compiled_data() {
    use fixed_decimal::Decimal;
    use icu_calendar::Date;
    use icu_datetime::fieldsets::YMD;
    use icu_datetime::FixedCalendarDateTimeFormatter;
    use icu_decimal::DecimalFormatter;
    use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
    use icu_experimental::dimension::currency::CurrencyType;
    use icu_experimental::dimension::percent::formatter::PercentFormatter;

    use super::provider::PortalData;

    let numbers: Vec<Decimal> = ["0", "7", "-3", "0.05", "1234.5", "-1234567.891", "100000"]
        .iter()
        .map(|n| Decimal::try_from_str(n).unwrap())
        .collect();
    let currencies = [
        "USD", "EUR", "GBP", "JPY", "KWD", "CHF", "CAD", "AUD", "NZD", "BRL", "MXN", "PLN", "CNY",
        "HKD", "SGD", "KRW", "INR", "ILS", "SAR", "AED", "SEK", "NOK", "DKK", "CZK", "HUF", "TRY",
        "ZAR", "XXX",
    ];
    for lang in Lang::ALL {
        let tag = lang.tag();
        let locale = lang.icu_locale();

        let baked =
            DecimalFormatter::try_new_unstable(&PortalData, (&locale).into(), Default::default())
                .unwrap();
        let compiled = DecimalFormatter::try_new((&locale).into(), Default::default()).unwrap();
        for n in &numbers {
            let (b, c) = (baked.format(n).to_string(), compiled.format(n).to_string());
            assert_eq!(b, c, "{tag} {n}");
        }

        let baked =
            PercentFormatter::try_new_unstable(&PortalData, (&locale).into(), Default::default())
                .unwrap();
        let compiled = PercentFormatter::try_new((&locale).into(), Default::default()).unwrap();
        for n in &numbers {
            let (b, c) = (baked.format(n).to_string(), compiled.format(n).to_string());
            assert_eq!(b, c, "{tag} {n}%");
        }

        let baked = FixedCalendarDateTimeFormatter::try_new_unstable(
            &PortalData,
            (&locale).into(),
            YMD::long(),
        )
        .unwrap();
        let compiled =
            FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).unwrap();
        for month in 1..=12 {
            let date = Date::try_new_gregorian(2026, month, 9 + month).unwrap();
            let (b, c) = (
                baked.format(&date).to_string(),
                compiled.format(&date).to_string(),
            );
            assert_eq!(b, c, "{tag} 2026-{month}");
        }

        for code in currencies {
            let currency = CurrencyType::try_from_str(code).unwrap();
            let baked = CurrencyFormatter::try_new_symbol_unstable(
                &PortalData,
                (&locale).into(),
                currency,
                Default::default(),
            )
            .unwrap();
            let compiled =
                CurrencyFormatter::try_new_symbol((&locale).into(), currency, Default::default())
                    .unwrap();
            for n in &numbers {
                let b = baked.format_fixed_decimal(n).to_string();
                let c = compiled.format_fixed_decimal(n).to_string();
                assert_eq!(b, c, "{tag} {n} {code}");
            }
        }
    }
}

/// Benchmark (docs/benchmarks.md, "Catalogues at cold start"): what parsing each
/// language's catalogue and building its CLDR formatters costs, once per process.
#[test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
fn catalogue_parse_cost() {
    let mut total = std::time::Duration::ZERO;
    for lang in Lang::ALL {
        let started = std::time::Instant::now();
        let catalogue = Catalogue::parse(lang);
        let took = started.elapsed();
        total += took;
        assert_eq!(catalogue.language(), lang);
        println!("{:8} {:>8.2} ms", lang.tag(), took.as_secs_f64() * 1000.0);
    }
    println!("all 12  {:>8.2} ms", total.as_secs_f64() * 1000.0);
}
