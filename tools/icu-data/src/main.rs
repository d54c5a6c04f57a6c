//! Writes the portal's ICU4X data (`shared/cldr-data/data`): the data markers that
//! `shared::i18n::format` uses, for the twelve shipped locales and the parents they fall
//! back to, as an ICU4X baked-data module.
//!
//! The source is ICU4X's own compiled data (the `icu_*_data` crates of the pinned
//! versions, CLDR 49), read through the crates' data macros: the output is the very data
//! the formatters used before, less the locales the portal does not ship. No CLDR download.
//!
//! Run from the repository root: `cargo xtask icu-data` (or
//! `cargo run --manifest-path tools/icu-data/Cargo.toml -- shared/cldr-data/data`).

extern crate alloc;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use icu_datetime::provider::names::{DatetimeNamesMonthGregorianV1, DatetimeNamesYearGregorianV1};
use icu_datetime::provider::semantic_skeletons::DatetimePatternsDateGregorianV1;
use icu_decimal::provider::{DecimalDigitsV1, DecimalSymbolsV1};
use icu_experimental::dimension::provider::currency::essentials::CurrencyEssentialsV1;
use icu_experimental::dimension::provider::currency::fractions::CurrencyFractionsV1;
use icu_experimental::dimension::provider::currency::no_currency::CurrencyPatternsNoCurrencyV1;
use icu_experimental::dimension::provider::currency::symbols::{
    CurrencyDecimalSymbolsV1, CurrencySymbolsV1,
};
use icu_experimental::dimension::provider::percent::DecimalPercentV1;
use icu_provider::prelude::*;
use icu_provider_export::baked_exporter::{self, BakedExporter};
use icu_provider_export::prelude::*;

/// The portal's locales (`shared::i18n::Lang::icu_locale`), exported with their fallback
/// ancestors (`pt` for `pt-BR`, `zh` for `zh-Hans`, `und`) but without their regional
/// descendants (`de-AT`, `en-GB`…): a request for one of those is resolved to one of these
/// twelve before anything is formatted.
const LOCALES: [&str; 12] = [
    "en", "es", "fr", "de", "it", "pt-BR", "nl", "pl", "ja", "zh-Hans", "ar", "he",
];

/// ICU4X's compiled data, as an exportable provider.
struct CompiledData;

#[allow(unused_imports)]
const _: () = {
    use icu_datetime_data::*;
    use icu_decimal_data::*;
    use icu_experimental_data::*;
    // The data macros name their types through the `icu` meta-crate.
    mod icu {
        pub use icu_datetime as datetime;
        pub use icu_decimal as decimal;
        pub use icu_experimental as experimental;
    }
    icu_decimal_data::make_provider!(CompiledData);
    impl_decimal_symbols_v1!(CompiledData, ITER);
    impl_decimal_digits_v1!(CompiledData, ITER);
    impl_datetime_patterns_date_gregorian_v1!(CompiledData, ITER);
    impl_datetime_names_year_gregorian_v1!(CompiledData, ITER);
    impl_datetime_names_month_gregorian_v1!(CompiledData, ITER);
    impl_decimal_percent_v1!(CompiledData, ITER);
    impl_currency_essentials_v1!(CompiledData, ITER);
    impl_currency_symbols_v1!(CompiledData, ITER);
    impl_currency_patterns_no_currency_v1!(CompiledData, ITER);
    impl_currency_decimal_symbols_v1!(CompiledData, ITER);
    // Not `(CompiledData, ITER)`: that arm of this singleton's macro names
    // `std::collections::BtreeSet` and does not compile (icu_experimental_data 0.7.0).
    impl_currency_fractions_v1!(CompiledData);
};

/// A singleton: its one identifier is the empty one (`und`, no attributes).
impl IterableDataProvider<CurrencyFractionsV1> for CompiledData {
    fn iter_ids(&self) -> Result<BTreeSet<DataIdentifierCow<'static>>, DataError> {
        Ok([Default::default()].into_iter().collect())
    }
}

icu_provider::export::make_exportable_provider!(
    CompiledData,
    [
        DecimalSymbolsV1,
        DecimalDigitsV1,
        DatetimePatternsDateGregorianV1,
        DatetimeNamesYearGregorianV1,
        DatetimeNamesMonthGregorianV1,
        DecimalPercentV1,
        CurrencyEssentialsV1,
        CurrencySymbolsV1,
        CurrencyPatternsNoCurrencyV1,
        CurrencyDecimalSymbolsV1,
        CurrencyFractionsV1,
    ]
);

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: icu-data <output directory, e.g. shared/cldr-data/data>");
        return ExitCode::from(2);
    };
    match export(out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("icu-data: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export(out: PathBuf) -> Result<(), DataError> {
    let families = LOCALES.iter().map(|tag| {
        let locale = DataLocale::try_from_str(tag).expect("a valid tag");
        DataLocaleFamily::without_descendants(locale)
    });
    let mut options = baked_exporter::Options::default();
    options.overwrite = true;
    options.pretty = true;
    options.use_separate_crates = true;
    let exporter = BakedExporter::new(out, options)?;
    ExportDriver::new(
        families,
        DeduplicationStrategy::Maximal.into(),
        LocaleFallbacker::new().static_to_owned(),
    )
    .with_markers(
        <CompiledData as icu_provider::export::ExportableProvider>::supported_markers(
            &CompiledData,
        ),
    )
    .export(&CompiledData, exporter)?;
    Ok(())
}
