//! Stripe's form encoding: typed parameters → `a[b][0]=c` pairs.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::StripeError;

/// A parameter that is either set or explicitly unset: Stripe unsets a field sent empty
/// (`cancel_at=`, `pause_collection=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clearable<T> {
    /// Send `""`: unset the field.
    Clear,
    /// Set the field.
    Set(T),
}

impl<T: Serialize> Serialize for Clearable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Clearable::Clear => s.serialize_str(""),
            Clearable::Set(v) => v.serialize(s),
        }
    }
}

/// No parameters (`POST /v1/subscription_schedules/{id}/release`).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct NoParams {}

/// `(key, value)` pairs of typed parameters; `null` becomes an empty value.
pub(super) fn pairs_of<P: Serialize + ?Sized>(
    params: &P,
) -> Result<Vec<(String, String)>, StripeError> {
    let value = serde_json::to_value(params).map_err(|e| StripeError::Encode(e.to_string()))?;
    Ok(pairs(&value))
}

/// Flattens a JSON object into `(key, value)` pairs with bracket notation.
fn pairs(params: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Value::Object(map) = params {
        for (k, v) in map {
            flatten(k.clone(), v, &mut out);
        }
    }
    out
}

fn flatten(key: String, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(format!("{key}[{k}]"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(format!("{key}[{i}]"), v, out);
            }
        }
        Value::Null => out.push((key, String::new())),
        Value::Bool(b) => out.push((key, b.to_string())),
        Value::Number(n) => out.push((key, n.to_string())),
        Value::String(s) => out.push((key, s.clone())),
    }
}

/// `application/x-www-form-urlencoded` body of `pairs`.
pub(super) fn encode(pairs: &[(String, String)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        ser.append_pair(k, v);
    }
    ser.finish()
}

/// `expand[i]` query pairs.
pub(super) fn expand(fields: &[&str]) -> Vec<(String, String)> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| (format!("expand[{i}]"), (*f).to_owned()))
        .collect()
}

/// Query pairs from borrowed strings.
pub(super) fn query(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forms_use_bracket_notation() {
        let body = encode(&pairs(&json!({
            "items": [{"price": "price_1", "quantity": 2}],
            "metadata": {"k": "v w"},
            "cancel_at_period_end": true,
            "description": null,
        })));
        assert_eq!(
            body,
            "cancel_at_period_end=true&description=&items%5B0%5D%5Bprice%5D=price_1\
             &items%5B0%5D%5Bquantity%5D=2&metadata%5Bk%5D=v+w"
        );
    }

    #[test]
    fn a_cleared_parameter_is_sent_empty() {
        #[derive(Serialize)]
        struct P {
            cancel_at: Clearable<i64>,
            pause_collection: Clearable<i64>,
        }
        let p = P {
            cancel_at: Clearable::Clear,
            pause_collection: Clearable::Set(5),
        };
        assert_eq!(
            pairs_of(&p).unwrap(),
            vec![
                ("cancel_at".to_owned(), String::new()),
                ("pause_collection".to_owned(), "5".to_owned())
            ]
        );
        assert!(pairs_of(&NoParams {}).unwrap().is_empty());
    }
}
