//! Billing details the customer edits themselves: email, name, billing address and one
//! tax id, only the fields the project allows ([`BillingField`]).
//!
//! [`BillingForm`] holds the text as submitted (so a refused form re-renders with it),
//! [`BillingForm::validate`] turns it into [`BillingUpdate`] or a list of problems, one per
//! field, and [`save`] writes what changed to the Stripe customer.

use crate::ids::TaxIdId;
use crate::project::BillingField;
use crate::settings::is_email;
use crate::stripe::{
    AddressParams, Clearable, Customer, CustomerUpdate, CustomerView, Owned, StripeClient,
    StripeError, StripeKey, TaxId, TaxIdCreate,
};
/// Longest name or address line accepted.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest tax id value accepted.
pub const MAX_TAX_ID_CHARS: usize = 32;

/// Tax id types the page offers (Stripe's `type` values), the commonest first.
pub const TAX_ID_TYPES: [&str; 14] = [
    "eu_vat",
    "gb_vat",
    "us_ein",
    "ca_bn",
    "ca_gst_hst",
    "au_abn",
    "nz_gst",
    "ch_vat",
    "no_vat",
    "in_gst",
    "jp_cn",
    "br_cnpj",
    "mx_rfc",
    "za_vat",
];

/// ISO 3166-1 alpha-2 codes Stripe accepts as `address[country]`.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// Whether `code` is an ISO 3166-1 alpha-2 country code (upper case).
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && COUNTRIES.split(' ').any(|c| c == code)
}

/// Postal code shapes by country: `9` a digit, `A` a letter, anything else itself.
/// Countries not listed take any 2–10 letters, digits, spaces and hyphens.
fn postal_shapes(country: &str) -> Option<&'static [&'static str]> {
    Some(match country {
        "US" => &["99999", "99999-9999"],
        "CA" => &["A9A 9A9", "A9A9A9"],
        "DE" | "FR" | "ES" | "IT" | "FI" | "MX" => &["99999"],
        "NL" => &["9999 AA", "9999AA"],
        "AU" | "NZ" | "AT" | "BE" | "CH" | "DK" | "NO" | "ZA" => &["9999"],
        "SE" => &["999 99", "99999"],
        "PL" => &["99-999"],
        "PT" => &["9999-999"],
        "JP" => &["999-9999", "9999999"],
        "IN" => &["999999"],
        "BR" => &["99999-999", "99999999"],
        _ => return None,
    })
}

/// Countries without postal codes: the field may stay empty there.
const NO_POSTAL_CODE: &[&str] = &[
    "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK",
    "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "KI", "KM", "KN",
    "KP", "LC", "ML", "MO", "MR", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL", "SR", "ST", "SY",
    "TF", "TG", "TK", "TL", "TO", "TT", "TV", "UG", "VU", "YE", "ZW",
];

fn matches_shape(value: &str, shape: &str) -> bool {
    value.len() == shape.len()
        && value.bytes().zip(shape.bytes()).all(|(v, s)| match s {
            b'9' => v.is_ascii_digit(),
            b'A' => v.is_ascii_alphabetic(),
            _ => v == s,
        })
}

/// Whether `code` is a plausible postal code in `country` (upper case).
pub fn is_postal_code(country: &str, code: &str) -> bool {
    if country == "GB" {
        // Outward code (2–4) + space + inward code (digit, two letters).
        let (out, inw) = code.split_once(' ').unwrap_or(("", ""));
        return (2..=4).contains(&out.len())
            && out.bytes().all(|b| b.is_ascii_alphanumeric())
            && out.as_bytes()[0].is_ascii_alphabetic()
            && matches_shape(inw, "9AA");
    }
    match postal_shapes(country) {
        Some(shapes) => shapes.iter().any(|s| matches_shape(code, s)),
        None => {
            (2..=10).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
        }
    }
}

/// Whether `value` is a plausible tax id of `kind` (already upper-cased, spaces kept).
pub fn is_tax_id(kind: &str, value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    let ok_chars = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'.' | b'/'));
    if !ok_chars || !(2..=MAX_TAX_ID_CHARS).contains(&value.len()) || compact.len() < 2 {
        return false;
    }
    let digits = |n: usize| compact.len() == n && compact.bytes().all(|b| b.is_ascii_digit());
    match kind {
        // Country prefix, then 2–13 letters or digits.
        "eu_vat" => {
            compact.as_bytes()[..2].iter().all(u8::is_ascii_alphabetic)
                && (4..=15).contains(&compact.len())
        }
        "gb_vat" => compact.starts_with("GB") && (11..=14).contains(&compact.len()),
        "us_ein" => digits(9),
        "au_abn" => digits(11),
        "ca_bn" => digits(9),
        "in_gst" => compact.len() == 15,
        "jp_cn" => digits(13),
        "br_cnpj" => digits(14),
        _ => true,
    }
}

/// A field of the billing details form, named as in the HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `email`.
    Email,
    /// `name`.
    Name,
    /// `line1`.
    Line1,
    /// `line2`.
    Line2,
    /// `city`.
    City,
    /// `state`.
    State,
    /// `postal_code`.
    PostalCode,
    /// `country`.
    Country,
    /// `tax_type`.
    TaxType,
    /// `tax_value`.
    TaxValue,
}

impl Field {
    /// The form field's `name` (and `id`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::Name => "name",
            Field::Line1 => "line1",
            Field::Line2 => "line2",
            Field::City => "city",
            Field::State => "state",
            Field::PostalCode => "postal_code",
            Field::Country => "country",
            Field::TaxType => "tax_type",
            Field::TaxValue => "tax_value",
        }
    }

    /// The project setting that allows this field.
    pub fn setting(self) -> BillingField {
        match self {
            Field::Email => BillingField::Email,
            Field::Name => BillingField::Name,
            Field::TaxType | Field::TaxValue => BillingField::TaxId,
            _ => BillingField::Address,
        }
    }

    /// The form field a Stripe error `param` points at.
    pub fn from_stripe_param(param: &str) -> Option<Field> {
        Some(match param {
            "email" => Field::Email,
            "name" => Field::Name,
            "address[line1]" => Field::Line1,
            "address[line2]" => Field::Line2,
            "address[city]" => Field::City,
            "address[state]" => Field::State,
            "address[postal_code]" => Field::PostalCode,
            "address[country]" | "address" => Field::Country,
            "type" => Field::TaxType,
            "value" => Field::TaxValue,
            _ => return None,
        })
    }
}

/// What is wrong with one field; the catalogue words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Required and empty.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Not an email address.
    InvalidEmail,
    /// Not a country code.
    InvalidCountry,
    /// Not a postal code of the country.
    InvalidPostalCode,
    /// Not a tax id type the page offers.
    InvalidTaxType,
    /// Not a tax id of the chosen type.
    InvalidTaxId,
    /// Stripe refused the value.
    Refused,
}

/// The form as submitted (trimmed), or as loaded from Stripe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillingForm {
    /// Email.
    pub email: String,
    /// Name.
    pub name: String,
    /// Address line 1.
    pub line1: String,
    /// Address line 2.
    pub line2: String,
    /// Town or city.
    pub city: String,
    /// State, county, province or region.
    pub state: String,
    /// Postal code.
    pub postal_code: String,
    /// Two-letter country code.
    pub country: String,
    /// Tax id type (`eu_vat`, …).
    pub tax_type: String,
    /// Tax id value.
    pub tax_value: String,
}

/// What the form changes, validated: only allowed fields are `Some`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingUpdate {
    /// New email.
    pub email: Option<String>,
    /// New name (`Some("")` clears it).
    pub name: Option<String>,
    /// New address, validated (`Some(None)` clears it).
    pub address: Option<Option<AddressParams>>,
    /// New tax id (`Some(None)` removes it).
    pub tax_id: Option<Option<(String, String)>>,
}

fn clean(s: &str) -> String {
    // Controls go first, so the spaces they hid at either end are trimmed too.
    let kept: String = s.chars().filter(|c| !c.is_control()).collect();
    kept.trim().to_owned()
}

impl BillingForm {
    /// Reads the submitted form: only fields the project allows, the rest stay empty.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        allowed: &[BillingField],
    ) -> BillingForm {
        let mut form = BillingForm::default();
        for (k, v) in pairs {
            let field = match k {
                "email" => Field::Email,
                "name" => Field::Name,
                "line1" => Field::Line1,
                "line2" => Field::Line2,
                "city" => Field::City,
                "state" => Field::State,
                "postal_code" => Field::PostalCode,
                "country" => Field::Country,
                "tax_type" => Field::TaxType,
                "tax_value" => Field::TaxValue,
                _ => continue,
            };
            if allowed.contains(&field.setting()) {
                *form.slot(field) = clean(v);
            }
        }
        form
    }

    fn slot(&mut self, field: Field) -> &mut String {
        match field {
            Field::Email => &mut self.email,
            Field::Name => &mut self.name,
            Field::Line1 => &mut self.line1,
            Field::Line2 => &mut self.line2,
            Field::City => &mut self.city,
            Field::State => &mut self.state,
            Field::PostalCode => &mut self.postal_code,
            Field::Country => &mut self.country,
            Field::TaxType => &mut self.tax_type,
            Field::TaxValue => &mut self.tax_value,
        }
    }

    /// The value of one field.
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Email => &self.email,
            Field::Name => &self.name,
            Field::Line1 => &self.line1,
            Field::Line2 => &self.line2,
            Field::City => &self.city,
            Field::State => &self.state,
            Field::PostalCode => &self.postal_code,
            Field::Country => &self.country,
            Field::TaxType => &self.tax_type,
            Field::TaxValue => &self.tax_value,
        }
    }

    /// The form pre-filled from the Stripe customer.
    pub fn from_customer(c: &Customer) -> BillingForm {
        let a = c.address.clone().unwrap_or_default();
        let tax = c.tax_ids.as_ref().and_then(|l| l.data.first());
        BillingForm {
            email: c.email.clone().unwrap_or_default(),
            name: c.name.clone().unwrap_or_default(),
            line1: a.line1.unwrap_or_default(),
            line2: a.line2.unwrap_or_default(),
            city: a.city.unwrap_or_default(),
            state: a.state.unwrap_or_default(),
            postal_code: a.postal_code.unwrap_or_default(),
            country: a.country.unwrap_or_default(),
            tax_type: tax.map(|t| t.kind.clone()).unwrap_or_default(),
            tax_value: tax.map(|t| t.value.clone()).unwrap_or_default(),
        }
    }

    /// Checks every allowed field; all problems at once, in page order.
    pub fn validate(
        &self,
        allowed: &[BillingField],
    ) -> Result<BillingUpdate, Vec<(Field, Problem)>> {
        let mut problems = Vec::new();
        let long = |s: &str, max: usize| s.chars().count() > max;
        let mut update = BillingUpdate {
            email: None,
            name: None,
            address: None,
            tax_id: None,
        };
        if allowed.contains(&BillingField::Email) {
            if self.email.is_empty() {
                problems.push((Field::Email, Problem::Required));
            } else if !is_email(&self.email) {
                problems.push((Field::Email, Problem::InvalidEmail));
            } else {
                update.email = Some(self.email.clone());
            }
        }
        if allowed.contains(&BillingField::Name) {
            if long(&self.name, MAX_TEXT_CHARS) {
                problems.push((Field::Name, Problem::TooLong));
            } else {
                update.name = Some(self.name.clone());
            }
        }
        if allowed.contains(&BillingField::Address) {
            let before = problems.len();
            let country = self.country.to_ascii_uppercase();
            let postal = self.postal_code.to_ascii_uppercase();
            let parts = [
                (Field::Line1, &self.line1),
                (Field::Line2, &self.line2),
                (Field::City, &self.city),
                (Field::State, &self.state),
                (Field::PostalCode, &self.postal_code),
                (Field::Country, &self.country),
            ];
            if parts.iter().all(|(_, v)| v.is_empty()) {
                update.address = Some(None);
            } else {
                for (field, v) in parts {
                    if long(v, MAX_TEXT_CHARS) {
                        problems.push((field, Problem::TooLong));
                    }
                }
                let too_long = |f: Field| problems.iter().any(|(p, _)| *p == f);
                let mut more = Vec::new();
                if self.line1.is_empty() {
                    more.push((Field::Line1, Problem::Required));
                }
                if self.city.is_empty() {
                    more.push((Field::City, Problem::Required));
                }
                let country_ok = is_country(&country);
                if !too_long(Field::PostalCode) {
                    if postal.is_empty() {
                        if !country_ok || !NO_POSTAL_CODE.contains(&country.as_str()) {
                            more.push((Field::PostalCode, Problem::Required));
                        }
                    } else if country_ok && !is_postal_code(&country, &postal) {
                        more.push((Field::PostalCode, Problem::InvalidPostalCode));
                    }
                }
                if country.is_empty() {
                    more.push((Field::Country, Problem::Required));
                } else if !country_ok && !too_long(Field::Country) {
                    more.push((Field::Country, Problem::InvalidCountry));
                }
                problems.extend(more);
                if problems.len() == before {
                    update.address = Some(Some(AddressParams {
                        line1: self.line1.clone(),
                        line2: self.line2.clone(),
                        city: self.city.clone(),
                        state: self.state.clone(),
                        postal_code: postal,
                        country,
                    }));
                }
            }
        }
        if allowed.contains(&BillingField::TaxId) {
            let value = self.tax_value.to_ascii_uppercase();
            match (self.tax_type.as_str(), value.as_str()) {
                ("", "") => update.tax_id = Some(None),
                (kind, _) if !TAX_ID_TYPES.contains(&kind) => {
                    problems.push((Field::TaxType, Problem::InvalidTaxType));
                }
                (_, "") => problems.push((Field::TaxValue, Problem::Required)),
                (kind, v) if !is_tax_id(kind, v) => {
                    problems.push((Field::TaxValue, Problem::InvalidTaxId));
                }
                (kind, v) => update.tax_id = Some(Some((kind.to_owned(), v.to_owned()))),
            }
        }
        // Page order, so the summary reads top to bottom.
        let order = |f: &Field| Field::ALL.iter().position(|x| x == f);
        problems.sort_by_key(|(f, _)| order(f));
        if problems.is_empty() {
            Ok(update)
        } else {
            Err(problems)
        }
    }
}

impl Field {
    /// Every field, in page order.
    pub const ALL: [Field; 10] = [
        Field::Email,
        Field::Name,
        Field::Line1,
        Field::Line2,
        Field::City,
        Field::State,
        Field::PostalCode,
        Field::Country,
        Field::TaxType,
        Field::TaxValue,
    ];
}

/// A Stripe refusal of one field's value, or any other failure.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Stripe refused a value (400 naming a parameter): show it next to the field.
    #[error("Stripe refused the value of {0:?}")]
    Refused(Field),
    /// Anything else, and Stripe is as it was: nothing to show but "try again".
    #[error(transparent)]
    Stripe(#[from] StripeError),
    /// A step failed and putting the customer back failed too: part may be saved.
    #[error("a failed save could not be undone: {0}")]
    MaybeSaved(StripeError),
}

fn refused(e: StripeError) -> SaveError {
    if let StripeError::Api { status: 400, error } = &e {
        if let Some(field) = error.param.as_deref().and_then(Field::from_stripe_param) {
            return SaveError::Refused(field);
        }
    }
    SaveError::Stripe(e)
}

/// The customer update for what changed (empty: nothing to send).
pub fn customer_update(update: &BillingUpdate, current: &Customer) -> CustomerUpdate {
    let mut params = CustomerUpdate::default();
    if let Some(email) = &update.email {
        if current.email.as_deref() != Some(email.as_str()) {
            params.email = Some(email.clone());
        }
    }
    if let Some(name) = &update.name {
        if current.name.as_deref().unwrap_or_default() != name {
            // Stripe unsets a field sent empty.
            params.name = Some(name.clone());
        }
    }
    if let Some(address) = &update.address {
        let now = current.address.clone().unwrap_or_default();
        let same = match address {
            None => [&now.line1, &now.city, &now.postal_code, &now.country]
                .iter()
                .all(|v| v.as_deref().unwrap_or_default().is_empty()),
            Some(a) => {
                let eq = |x: &Option<String>, y: &str| x.as_deref().unwrap_or_default() == y;
                eq(&now.line1, &a.line1)
                    && eq(&now.line2, &a.line2)
                    && eq(&now.city, &a.city)
                    && eq(&now.state, &a.state)
                    && eq(&now.postal_code, &a.postal_code)
                    && eq(&now.country, &a.country)
            }
        };
        if !same {
            params.address = Some(match address {
                None => Clearable::Clear,
                Some(a) => Clearable::Set(a.clone()),
            });
        }
    }
    params
}

/// Writes what changed to the signed-in customer: a new tax id first (the value Stripe
/// is likeliest to refuse), then the customer, then the old tax ids go. Every write
/// carries `idempotency_base` plus its own suffix, so a resubmitted form changes nothing
/// twice. All or nothing: if any step fails, the customer is put back as `current` was
/// (its fields, and a tax id of each kind and value it had), so Stripe ends as it was or
/// fully changed. Returns whether anything was written.
pub async fn save(
    stripe: &StripeClient,
    key: &StripeKey,
    current: &Owned<Customer>,
    update: &BillingUpdate,
    idempotency_base: &str,
) -> Result<bool, SaveError> {
    let plan = plan_save(update, current);
    if plan.is_empty() {
        return Ok(false);
    }
    match apply(stripe, key, current.customer(), &plan, idempotency_base).await {
        Ok(()) => Ok(true),
        Err(failed) => {
            let restore = format!("{idempotency_base}-restore");
            match put_back(stripe, key, current, &restore).await {
                Ok(()) => Err(failed),
                Err(e) => {
                    tracing::warn!(error = %e, "a failed billing details save could not be undone");
                    Err(SaveError::MaybeSaved(e))
                }
            }
        }
    }
}

/// The writes a save makes, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SavePlan {
    create: Vec<TaxIdCreate>,
    customer: CustomerUpdate,
    remove: Vec<TaxIdId>,
}

impl SavePlan {
    fn is_empty(&self) -> bool {
        self.create.is_empty() && self.customer.is_empty() && self.remove.is_empty()
    }
}

/// What `update` changes on `current`: the one tax id the form manages replaces the
/// customer's (the first kept if it is the same; any others go).
fn plan_save(update: &BillingUpdate, current: &Customer) -> SavePlan {
    let existing: Vec<&TaxId> = current
        .tax_ids
        .as_ref()
        .map(|l| l.data.iter().collect())
        .unwrap_or_default();
    let (create, remove) = match &update.tax_id {
        None => (Vec::new(), Vec::new()),
        Some(None) => (Vec::new(), existing),
        Some(Some((kind, value))) => match existing.first() {
            Some(t) if t.kind == *kind && t.value == *value => {
                (Vec::new(), existing.into_iter().skip(1).collect())
            }
            _ => (
                vec![TaxIdCreate {
                    kind: kind.clone(),
                    value: value.clone(),
                }],
                existing,
            ),
        },
    };
    SavePlan {
        create,
        customer: customer_update(update, current),
        remove: remove.into_iter().map(|t| t.id.clone()).collect(),
    }
}

async fn apply(
    stripe: &StripeClient,
    key: &StripeKey,
    customer: &crate::ids::CustomerId,
    plan: &SavePlan,
    base: &str,
) -> Result<(), SaveError> {
    for (i, tax) in plan.create.iter().enumerate() {
        let idem = match i {
            0 => format!("{base}-tax-create"),
            _ => format!("{base}-tax-create-{i}"),
        };
        stripe
            .create_tax_id(key, customer, tax, &idem)
            .await
            .map_err(refused)?;
    }
    if !plan.customer.is_empty() {
        let idem = format!("{base}-customer");
        stripe
            .update_customer(key, customer, &plan.customer, &idem)
            .await
            .map_err(refused)?;
    }
    for old in &plan.remove {
        let idem = format!("{base}-tax-delete-{old}");
        stripe.delete_tax_id(key, customer, old, &idem).await?;
    }
    Ok(())
}

/// The writes that make the customer as Stripe has it now (`now`) what it was
/// (`before`): its fields back, tax ids it did not have removed, tax ids it had (by kind
/// and value) made again.
fn plan_restore(before: &Customer, now: &Customer) -> SavePlan {
    let ids = |c: &Customer| -> Vec<TaxId> {
        c.tax_ids
            .as_ref()
            .map(|l| l.data.clone())
            .unwrap_or_default()
    };
    let (had, has) = (ids(before), ids(now));
    let same = |a: &TaxId, b: &TaxId| a.kind == b.kind && a.value == b.value;
    let remove = has
        .iter()
        .filter(|t| !had.iter().any(|h| same(h, t)))
        .map(|t| t.id.clone())
        .collect();
    let create = had
        .iter()
        .filter(|h| !has.iter().any(|t| same(h, t)))
        .map(|t| TaxIdCreate {
            kind: t.kind.clone(),
            value: t.value.clone(),
        })
        .collect();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut customer = CustomerUpdate::default();
    if now.email != before.email {
        customer.email = Some(text(&before.email));
    }
    if now.name != before.name {
        customer.name = Some(text(&before.name));
    }
    if now.address != before.address {
        customer.address = Some(match &before.address {
            None => Clearable::Clear,
            Some(a) => Clearable::Set(AddressParams {
                line1: text(&a.line1),
                line2: text(&a.line2),
                city: text(&a.city),
                state: text(&a.state),
                postal_code: text(&a.postal_code),
                country: text(&a.country),
            }),
        });
    }
    SavePlan {
        create,
        customer,
        remove,
    }
}

/// Puts the customer back as `before` was, from a fresh read.
async fn put_back(
    stripe: &StripeClient,
    key: &StripeKey,
    before: &Owned<Customer>,
    base: &str,
) -> Result<(), StripeError> {
    let customer = before.customer();
    let now = stripe
        .customer(key, customer, CustomerView::WithTaxIds)
        .await?;
    let plan = plan_restore(before, &now);
    // Keys of their own: a restore is computed from what Stripe has now, so a replay of an
    // earlier one must not stand in for it.
    let once = crate::clock::random_base62(&crate::clock::OsRandom, 12)
        .map_err(|e| StripeError::Encode(e.to_string()))?;
    apply(stripe, key, customer, &plan, &format!("{base}-{once}"))
        .await
        .map_err(|e| match e {
            SaveError::Stripe(e) | SaveError::MaybeSaved(e) => e,
            SaveError::Refused(f) => StripeError::Decode(format!("restoring {f:?} was refused")),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [BillingField; 4] = BillingField::ALL;

    fn form(pairs: &[(&str, &str)]) -> BillingForm {
        BillingForm::from_pairs(pairs.iter().copied(), &ALL)
    }

    fn problems(f: &BillingForm) -> Vec<(Field, Problem)> {
        f.validate(&ALL).unwrap_err()
    }

    fn ok() -> Vec<(&'static str, &'static str)> {
        vec![
            ("email", "jo@example.test"),
            ("name", "Jo Bloggs"),
            ("line1", "1 Main St"),
            ("city", "Springfield"),
            ("postal_code", "12345"),
            ("country", "us"),
        ]
    }

    #[test]
    fn a_complete_form_validates_and_normalises() {
        let u = form(&ok()).validate(&ALL).unwrap();
        assert_eq!(u.email.as_deref(), Some("jo@example.test"));
        let a = u.address.unwrap().unwrap();
        assert_eq!(a.country, "US");
        assert_eq!(a.postal_code, "12345");
        assert_eq!(u.tax_id, Some(None));
    }

    #[test]
    fn control_characters_never_leave_spaces_at_either_end() {
        // Found by fuzzing (`fuzz/fuzz_targets/billing_details.rs`): trimming before the
        // controls went kept the space behind one.
        let mut p = ok();
        p[1] = ("name", "\u{1} Jo Bloggs \u{7f}");
        p[4] = ("postal_code", "\u{0} 12345");
        let f = form(&p);
        assert_eq!(f.name, "Jo Bloggs");
        assert_eq!(f.postal_code, "12345");
        let u = f.validate(&ALL).unwrap();
        assert_eq!(u.name.as_deref(), Some("Jo Bloggs"));
        assert_eq!(u.address.unwrap().unwrap().postal_code, "12345");
    }

    #[test]
    fn a_missing_email_is_required_and_a_bad_one_is_invalid() {
        let mut p = ok();
        p.retain(|(k, _)| *k != "email");
        assert_eq!(problems(&form(&p)), vec![(Field::Email, Problem::Required)]);
        for bad in [
            "jo",
            "jo@",
            "@x.test",
            "jo@x",
            "jo @x.test",
            "jo@x..test",
            "a@b@c.test",
        ] {
            let mut p = ok();
            p[0] = ("email", bad);
            assert_eq!(
                problems(&form(&p)),
                vec![(Field::Email, Problem::InvalidEmail)],
                "{bad}"
            );
        }
    }

    #[test]
    fn an_address_needs_line1_city_postal_code_and_a_real_country() {
        let f = form(&[("email", "jo@example.test"), ("line2", "Flat 2")]);
        assert_eq!(
            problems(&f),
            vec![
                (Field::Line1, Problem::Required),
                (Field::City, Problem::Required),
                (Field::PostalCode, Problem::Required),
                (Field::Country, Problem::Required),
            ]
        );
        let mut p = ok();
        p[5] = ("country", "XX");
        assert_eq!(
            problems(&form(&p)),
            vec![(Field::Country, Problem::InvalidCountry)]
        );
    }

    #[test]
    fn postal_codes_follow_the_country() {
        let mut p = ok();
        p[4] = ("postal_code", "1234");
        assert_eq!(
            problems(&form(&p)),
            vec![(Field::PostalCode, Problem::InvalidPostalCode)]
        );
        assert!(is_postal_code("US", "12345-6789"));
        assert!(is_postal_code("GB", "SW1A 1AA"));
        assert!(!is_postal_code("GB", "12345"));
        assert!(is_postal_code("CA", "K1A 0B1"));
        assert!(is_postal_code("DE", "10115"));
        assert!(!is_postal_code("DE", "1011"));
        assert!(is_postal_code("LU", "L-1234"));
        assert!(!is_postal_code("LU", "<b>"));
        // Ireland has no mandatory postal code.
        let mut p = ok();
        p[4] = ("postal_code", "");
        p[5] = ("country", "IE");
        assert!(form(&p).validate(&ALL).is_ok());
    }

    #[test]
    fn an_empty_address_clears_it() {
        let u = form(&[("email", "jo@example.test")])
            .validate(&ALL)
            .unwrap();
        assert_eq!(u.address, Some(None));
    }

    #[test]
    fn tax_ids_need_an_offered_type_and_a_plausible_value() {
        let with = |t: &str, v: &str| {
            let mut p = ok();
            p.push(("tax_type", t));
            p.push(("tax_value", v));
            form(&p)
        };
        assert_eq!(
            with("eu_vat", "de123456789").validate(&ALL).unwrap().tax_id,
            Some(Some(("eu_vat".to_owned(), "DE123456789".to_owned())))
        );
        assert_eq!(
            problems(&with("xx_bogus", "1")),
            vec![(Field::TaxType, Problem::InvalidTaxType)]
        );
        assert_eq!(
            problems(&with("eu_vat", "")),
            vec![(Field::TaxValue, Problem::Required)]
        );
        assert_eq!(
            problems(&with("us_ein", "12-34")),
            vec![(Field::TaxValue, Problem::InvalidTaxId)]
        );
        assert!(with("us_ein", "12-3456789").validate(&ALL).is_ok());
        assert_eq!(
            problems(&with("eu_vat", "DE<script>")),
            vec![(Field::TaxValue, Problem::InvalidTaxId)]
        );
    }

    #[test]
    fn fields_the_project_does_not_allow_are_not_read() {
        let allowed = [BillingField::Address];
        let mut p = ok();
        p.push(("tax_type", "nonsense"));
        let f = BillingForm::from_pairs(p.iter().copied(), &allowed);
        assert_eq!(f.email, "");
        assert_eq!(f.tax_type, "");
        let u = f.validate(&allowed).unwrap();
        assert_eq!(u.email, None);
        assert_eq!(u.name, None);
        assert_eq!(u.tax_id, None);
        assert!(u.address.is_some());
    }

    #[test]
    fn too_long_values_are_refused() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let mut p = ok();
        p[1] = ("name", &long);
        assert_eq!(problems(&form(&p)), vec![(Field::Name, Problem::TooLong)]);
    }

    #[test]
    fn only_changed_values_are_sent() {
        let current: Customer = serde_json::from_value(serde_json::json!({
            "id": "cus_1", "email": "jo@example.test", "name": "Jo Bloggs",
            "address": {"line1": "1 Main St", "line2": null, "city": "Springfield",
                        "state": null, "postal_code": "12345", "country": "US"}
        }))
        .unwrap();
        let u = form(&ok()).validate(&ALL).unwrap();
        assert!(customer_update(&u, &current).is_empty());
        let mut p = ok();
        p[3] = ("city", "Shelbyville");
        let u = form(&p).validate(&ALL).unwrap();
        let params = customer_update(&u, &current);
        let Some(Clearable::Set(address)) = &params.address else {
            panic!("no address in {params:?}");
        };
        assert_eq!(address.city, "Shelbyville");
        assert!(params.email.is_none());
    }

    fn customer(tax: &[(&str, &str, &str)]) -> Customer {
        let data: Vec<serde_json::Value> = tax
            .iter()
            .map(|(id, kind, value)| serde_json::json!({"id": id, "type": kind, "value": value}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "cus_1", "email": "jo@example.test", "name": "Jo",
            "address": {"line1": "1 Main St", "city": "Springfield", "postal_code": "12345",
                        "country": "US"},
            "tax_ids": {"data": data, "has_more": false}
        }))
        .unwrap()
    }

    #[test]
    fn a_save_creates_the_new_tax_id_first_and_removes_the_old_last() {
        let before = customer(&[("txi_old", "eu_vat", "DE123456789")]);
        let mut p = ok();
        p.push(("tax_type", "gb_vat"));
        p.push(("tax_value", "GB123456789"));
        let u = form(&p).validate(&ALL).unwrap();
        let plan = plan_save(&u, &before);
        assert_eq!(plan.create.len(), 1);
        assert_eq!(plan.create[0].kind, "gb_vat");
        assert_eq!(
            plan.remove.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            ["txi_old"]
        );
        // The same tax id again: nothing to create or remove.
        let same = customer(&[("txi_gb", "gb_vat", "GB123456789")]);
        let plan = plan_save(&u, &same);
        assert!(plan.create.is_empty() && plan.remove.is_empty());
    }

    #[test]
    fn a_restore_puts_back_the_fields_and_the_tax_ids_by_kind_and_value() {
        let before = customer(&[("txi_old", "eu_vat", "DE123456789")]);
        // Half-saved: new email, a new tax id, the old one gone.
        let mut now = customer(&[("txi_new", "gb_vat", "GB123456789")]);
        now.email = Some("new@example.test".to_owned());
        now.address = None;
        let plan = plan_restore(&before, &now);
        assert_eq!(plan.customer.email.as_deref(), Some("jo@example.test"));
        assert!(matches!(plan.customer.address, Some(Clearable::Set(_))));
        assert!(
            plan.customer.name.is_none(),
            "unchanged fields are not sent"
        );
        assert_eq!(
            plan.remove.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
            ["txi_new"]
        );
        assert_eq!(plan.create.len(), 1);
        assert_eq!(
            (plan.create[0].kind.as_str(), plan.create[0].value.as_str()),
            ("eu_vat", "DE123456789")
        );
        // Nothing changed: nothing to do.
        assert!(plan_restore(&before, &before).is_empty());
    }

    #[test]
    fn stripe_params_map_back_to_fields() {
        assert_eq!(
            Field::from_stripe_param("address[postal_code]"),
            Some(Field::PostalCode)
        );
        assert_eq!(Field::from_stripe_param("value"), Some(Field::TaxValue));
        assert_eq!(Field::from_stripe_param("metadata"), None);
    }
}
