//! The billing details form: the body read by the portal's `request::Form`, then
//! `BillingForm::from_pairs` and `BillingForm::validate` under every single allowed field
//! and all four, then `customer_update`.
//!
//! Checked: only allowed fields are read; values are trimmed and free of control
//! characters; an accepted form holds only valid values; validating what was accepted
//! accepts the same again; and saving it onto a customer that already has it sends
//! nothing. Input: the form body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use portal::fuzzing::Form;
use serde_json::json;
use shared::billing_details::{
    customer_update, is_country, is_postal_code, is_tax_id, BillingForm, BillingUpdate, Field,
    MAX_TEXT_CHARS, TAX_ID_TYPES,
};
use shared::project::BillingField;
use shared::settings::is_email;
use shared::stripe::Customer;

fn clean(v: &str) -> bool {
    v.trim() == v && !v.chars().any(char::is_control)
}

/// The form a customer would submit to say `update` again.
fn resubmitted(u: &BillingUpdate) -> BillingForm {
    let mut f = BillingForm::default();
    if let Some(e) = &u.email {
        f.email = e.clone();
    }
    if let Some(n) = &u.name {
        f.name = n.clone();
    }
    if let Some(Some(a)) = &u.address {
        f.line1 = a.line1.clone();
        f.line2 = a.line2.clone();
        f.city = a.city.clone();
        f.state = a.state.clone();
        f.postal_code = a.postal_code.clone();
        f.country = a.country.clone();
    }
    if let Some(Some((kind, value))) = &u.tax_id {
        f.tax_type = kind.clone();
        f.tax_value = value.clone();
    }
    f
}

/// A Stripe customer that already holds `update`.
fn customer_with(u: &BillingUpdate) -> Customer {
    let address = match &u.address {
        Some(Some(a)) => json!({"line1": a.line1, "line2": a.line2, "city": a.city,
            "state": a.state, "postal_code": a.postal_code, "country": a.country}),
        _ => json!(null),
    };
    serde_json::from_value(json!({
        "id": "cus_1", "email": u.email, "name": u.name, "address": address,
    }))
    .expect("a valid customer")
}

fn check(form: &BillingForm, allowed: &[BillingField]) {
    for field in Field::ALL {
        let v = form.value(field);
        assert!(clean(v), "{field:?} kept {v:?}");
        if !allowed.contains(&field.setting()) {
            assert!(v.is_empty(), "{field:?} read although not allowed");
        }
    }
    match form.validate(allowed) {
        Ok(update) => {
            assert_eq!(
                update.email.is_some(),
                allowed.contains(&BillingField::Email)
            );
            assert_eq!(update.name.is_some(), allowed.contains(&BillingField::Name));
            assert_eq!(
                update.address.is_some(),
                allowed.contains(&BillingField::Address)
            );
            assert_eq!(
                update.tax_id.is_some(),
                allowed.contains(&BillingField::TaxId)
            );
            if let Some(e) = &update.email {
                assert!(is_email(e));
            }
            if let Some(n) = &update.name {
                assert!(n.chars().count() <= MAX_TEXT_CHARS);
            }
            if let Some(Some(a)) = &update.address {
                assert!(!a.line1.is_empty() && !a.city.is_empty());
                assert!(is_country(&a.country), "country {:?}", a.country);
                assert!(
                    is_postal_code(&a.country, &a.postal_code) || a.postal_code.is_empty(),
                    "postal code {:?} in {:?}",
                    a.postal_code,
                    a.country
                );
            }
            if let Some(Some((kind, value))) = &update.tax_id {
                assert!(TAX_ID_TYPES.contains(&kind.as_str()));
                assert!(is_tax_id(kind, value));
            }
            // Accepted once, accepted again as the same update.
            let again = resubmitted(&update).validate(allowed);
            assert_eq!(
                again.as_ref(),
                Ok(&update),
                "resubmitting changed the answer"
            );
            // Saved onto a customer that already has it: nothing to send.
            let current = customer_with(&update);
            let params = customer_update(&update, &current);
            assert!(params.is_empty(), "a no-op save sends {params:?}");
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            let order: Vec<usize> = problems
                .iter()
                .map(|(f, _)| Field::ALL.iter().position(|x| x == f).expect("a field"))
                .collect();
            assert!(
                order.windows(2).all(|w| w[0] <= w[1]),
                "problems out of page order"
            );
            for (f, _) in &problems {
                assert!(
                    allowed.contains(&f.setting()),
                    "{f:?} judged although not allowed"
                );
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let form = Form::of(data);
    let all = BillingField::ALL;
    let mut choices: Vec<Vec<BillingField>> = all.iter().map(|f| vec![*f]).collect();
    choices.push(all.to_vec());
    for allowed in &choices {
        check(&BillingForm::from_pairs(form.pairs(), allowed), allowed);
    }
});
