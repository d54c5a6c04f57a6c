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
        assert!(unused.is_empty(), "{}: not used by the code: {unused:?}", lang.tag());
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

#[test]
fn print_formats() {
    for lang in Lang::ALL {
        let t = Catalogue::of(lang);
        println!(
            "{} | {} | {} | {} | {} | {} | {} | {}",
            lang.tag(),
            t.format_money(2900, "usd"),
            t.format_money(2900, "eur"),
            t.format_money(2900, "jpy"),
            t.format_money(-123_456_789, "usd"),
            t.format_date(1_798_372_800),
            t.format_percent(8.25),
            t.format_number(1234.5),
        );
    }
}
