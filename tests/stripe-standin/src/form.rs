//! Stripe's form encoding: `items[0][price]=p`, `metadata[k]=v`, `expand[]=x`.
//!
//! The parser turns pairs into a JSON tree whose leaves are strings; objects whose keys are
//! all decimal indices become arrays (Stripe accepts `items[0]`… as a list).

use serde_json::{Map, Value};

use crate::error::ApiError;

/// A malformed key such as `a[b` or a conflict like `a=1&a[b]=2`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FormError {
    pub message: String,
    pub param: String,
}

/// Splits `a[b][]` into `["a", "b", ""]`.
pub fn split_key(key: &str) -> Result<Vec<String>, FormError> {
    let bad = || FormError {
        message: format!("Invalid parameter name: {key}"),
        param: key.to_string(),
    };
    let (head, mut rest) = match key.find('[') {
        Some(i) => (&key[..i], &key[i..]),
        None => (key, ""),
    };
    if head.is_empty() || head.contains(']') {
        return Err(bad());
    }
    let mut segs = vec![head.to_string()];
    while !rest.is_empty() {
        if !rest.starts_with('[') {
            return Err(bad());
        }
        let close = rest.find(']').ok_or_else(bad)?;
        let seg = &rest[1..close];
        if seg.contains('[') {
            return Err(bad());
        }
        segs.push(seg.to_string());
        rest = &rest[close + 1..];
    }
    Ok(segs)
}

/// Parses an `application/x-www-form-urlencoded` string into a tree.
pub fn parse(input: &str) -> Result<Value, FormError> {
    let mut root = Value::Object(Map::new());
    for (k, v) in form_urlencoded::parse(input.as_bytes()) {
        let segs = split_key(&k)?;
        insert(&mut root, &segs, v.into_owned(), &k)?;
    }
    Ok(normalize(root))
}

fn conflict(key: &str) -> FormError {
    FormError {
        message: format!("Invalid value for {key}: conflicting types in parameter"),
        param: key.to_string(),
    }
}

fn insert(node: &mut Value, segs: &[String], value: String, key: &str) -> Result<(), FormError> {
    let Some((seg, rest)) = segs.split_first() else {
        return Ok(());
    };
    if seg.is_empty() {
        // `[]`: append; with trailing segments (`a[][b]`) start a new element when the
        // last one already has that key.
        let arr = match node {
            Value::Array(a) => a,
            Value::Object(m) if m.is_empty() => {
                *node = Value::Array(Vec::new());
                match node {
                    Value::Array(a) => a,
                    _ => return Err(conflict(key)),
                }
            }
            _ => return Err(conflict(key)),
        };
        if rest.is_empty() {
            arr.push(Value::String(value));
            return Ok(());
        }
        let reuse = match arr.last() {
            Some(Value::Object(m)) => !m.contains_key(&rest[0]) && !rest[0].is_empty(),
            _ => false,
        };
        if !reuse {
            arr.push(Value::Object(Map::new()));
        }
        let last = arr.last_mut().ok_or_else(|| conflict(key))?;
        return insert(last, rest, value, key);
    }
    let map = match node {
        Value::Object(m) => m,
        _ => return Err(conflict(key)),
    };
    if rest.is_empty() {
        if map.get(seg).is_some_and(|v| !v.is_string()) {
            return Err(conflict(key));
        }
        map.insert(seg.clone(), Value::String(value));
        return Ok(());
    }
    let child = map
        .entry(seg.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    if child.is_string() {
        // `metadata=` followed by `metadata[k]=v`: the nested form wins.
        if child.as_str() == Some("") {
            *child = Value::Object(Map::new());
        } else {
            return Err(conflict(key));
        }
    }
    insert(child, rest, value, key)
}

fn normalize(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let all_idx = !m.is_empty() && m.keys().all(|k| k.parse::<usize>().is_ok());
            if all_idx {
                let mut items: Vec<(usize, Value)> = m
                    .into_iter()
                    .filter_map(|(k, v)| k.parse::<usize>().ok().map(|i| (i, normalize(v))))
                    .collect();
                items.sort_by_key(|(i, _)| *i);
                Value::Array(items.into_iter().map(|(_, v)| v).collect())
            } else {
                Value::Object(m.into_iter().map(|(k, v)| (k, normalize(v))).collect())
            }
        }
        Value::Array(a) => Value::Array(a.into_iter().map(normalize).collect()),
        other => other,
    }
}

/// A JSON number for a decimal parameter: integral values print without a fraction (`25`, not `25.0`).
pub fn json_number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Value::from(f as i64)
    } else {
        Value::from(f)
    }
}

/// Typed access to parsed parameters, with Stripe's error messages naming the parameter.
#[derive(Debug, Clone)]
pub struct Params {
    value: Value,
    prefix: String,
}

impl Params {
    pub fn new(value: Value) -> Self {
        Params {
            value,
            prefix: String::new(),
        }
    }

    pub fn from_value(value: Value, prefix: &str) -> Self {
        Params {
            value,
            prefix: prefix.to_string(),
        }
    }

    pub fn raw(&self) -> &Value {
        &self.value
    }

    /// The full bracketed name of `key`, for error messages.
    pub fn name(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}[{key}]", self.prefix)
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.value.get(key).is_some()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }

    /// Rejects parameters outside `allowed` like Stripe does (`expand` is always allowed).
    pub fn allow(&self, allowed: &[&str]) -> Result<(), ApiError> {
        if let Value::Object(m) = &self.value {
            for k in m.keys() {
                if k != "expand" && !allowed.contains(&k.as_str()) {
                    let name = self.name(k);
                    return Err(ApiError::invalid(
                        format!("Received unknown parameter: {name}"),
                        &name,
                    )
                    .with_code("parameter_unknown"));
                }
            }
        }
        Ok(())
    }

    pub fn str(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.value.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::invalid(
                format!("Invalid string: {{...}} for {}", self.name(key)),
                &self.name(key),
            )),
        }
    }

    /// A string where an empty value means "unset" (Stripe's `param=` convention).
    pub fn nullable_str(&self, key: &str) -> Result<Option<Value>, ApiError> {
        Ok(self.str(key)?.map(|s| {
            if s.is_empty() {
                Value::Null
            } else {
                Value::String(s)
            }
        }))
    }

    pub fn req_str(&self, key: &str) -> Result<String, ApiError> {
        match self.str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(ApiError::missing(&self.name(key))),
        }
    }

    pub fn int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        match self.str(key)? {
            None => Ok(None),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) => s.trim().parse::<i64>().map(Some).map_err(|_| {
                ApiError::invalid(format!("Invalid integer: {s}"), &self.name(key))
                    .with_code("parameter_invalid_integer")
            }),
        }
    }

    /// A decimal number such as `percent_off=12.5` (`""` means absent).
    pub fn number(&self, key: &str) -> Result<Option<f64>, ApiError> {
        match self.str(key)? {
            None => Ok(None),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) => match s.trim().parse::<f64>() {
                Ok(f) if f.is_finite() => Ok(Some(f)),
                _ => Err(ApiError::invalid(
                    format!("Invalid decimal: {s}"),
                    &self.name(key),
                )),
            },
        }
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.str(key)?.as_deref() {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(s) => Err(ApiError::invalid(
                format!("Invalid boolean: {s}"),
                &self.name(key),
            )),
        }
    }

    /// A nested hash such as `invoice_settings[...]`.
    pub fn obj(&self, key: &str) -> Result<Option<Params>, ApiError> {
        match self.value.get(key) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => Ok(Some(Params::from_value(v.clone(), &self.name(key)))),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(_) => Err(ApiError::invalid(
                format!("Invalid object for {}", self.name(key)),
                &self.name(key),
            )),
        }
    }

    /// A list such as `items[0][...]` as nested params.
    pub fn list(&self, key: &str) -> Result<Option<Vec<Params>>, ApiError> {
        match self.value.get(key) {
            None => Ok(None),
            Some(Value::Array(a)) => Ok(Some(
                a.iter()
                    .enumerate()
                    .map(|(i, v)| {
                        Params::from_value(v.clone(), &format!("{}[{i}]", self.name(key)))
                    })
                    .collect(),
            )),
            Some(Value::String(s)) if s.is_empty() => Ok(Some(Vec::new())),
            Some(_) => Err(ApiError::invalid(
                format!("Invalid array for {}", self.name(key)),
                &self.name(key),
            )),
        }
    }

    /// A list of strings such as `expand[]` or `enabled_events[]`.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, ApiError> {
        match self.value.get(key) {
            None => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str().map(str::to_string).ok_or_else(|| {
                        ApiError::invalid(
                            format!("Invalid array for {}", self.name(key)),
                            &self.name(key),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(Value::String(s)) if s.is_empty() => Ok(Some(Vec::new())),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(_) => Err(ApiError::invalid(
                format!("Invalid array for {}", self.name(key)),
                &self.name(key),
            )),
        }
    }

    /// `metadata[...]` merged into `current`: empty values delete keys, `metadata=` clears all.
    pub fn metadata(&self, current: Option<&Value>) -> Result<Option<Value>, ApiError> {
        let mut out = match current {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        };
        match self.value.get("metadata") {
            None => return Ok(None),
            Some(Value::String(s)) if s.is_empty() => return Ok(Some(Value::Object(Map::new()))),
            Some(Value::Object(m)) => {
                for (k, v) in m {
                    match v {
                        Value::String(s) if s.is_empty() => {
                            out.remove(k);
                        }
                        Value::String(s) => {
                            out.insert(k.clone(), Value::String(s.clone()));
                        }
                        _ => {
                            return Err(ApiError::invalid(
                                format!("Invalid value for metadata[{k}]"),
                                &self.name("metadata"),
                            ))
                        }
                    }
                }
            }
            Some(_) => {
                return Err(ApiError::invalid(
                    "Invalid object".to_string(),
                    &self.name("metadata"),
                ))
            }
        }
        Ok(Some(Value::Object(out)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn nested_items_become_arrays_of_objects() {
        let v = parse("items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2").unwrap();
        assert_eq!(
            v,
            json!({"items": [{"price": "p1", "quantity": "2"}, {"price": "p2"}]})
        );
    }

    #[test]
    fn empty_brackets_append_to_a_list() {
        let v = parse("expand[]=customer&expand[]=latest_invoice").unwrap();
        assert_eq!(v, json!({"expand": ["customer", "latest_invoice"]}));
    }

    #[test]
    fn percent_encoded_brackets_are_decoded_first() {
        let v =
            parse("metadata%5Border%5D=a%20b&invoice_settings%5Bdefault_payment_method%5D=pm_1")
                .unwrap();
        assert_eq!(
            v,
            json!({"metadata": {"order": "a b"}, "invoice_settings": {"default_payment_method": "pm_1"}})
        );
    }

    #[test]
    fn indices_out_of_order_keep_numeric_order() {
        let v = parse("a[10]=x&a[2]=y").unwrap();
        assert_eq!(v, json!({"a": ["y", "x"]}));
    }

    #[test]
    fn scalar_then_nested_conflicts() {
        let e = parse("a=1&a[b]=2").unwrap_err();
        assert_eq!(e.param, "a[b]");
    }

    #[test]
    fn unbalanced_brackets_are_rejected() {
        assert!(parse("a[b=1").is_err());
        assert!(parse("[b]=1").is_err());
        assert!(parse("a]b=1").is_err());
    }

    #[test]
    fn deep_nesting_works() {
        let v =
            parse("subscription_details[items][0][price]=p&subscription_details[proration_date]=5")
                .unwrap();
        assert_eq!(
            v,
            json!({"subscription_details": {"items": [{"price": "p"}], "proration_date": "5"}})
        );
    }

    fn encode(pairs: &[(String, String)]) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            s.append_pair(k, v);
        }
        s.finish()
    }

    proptest! {
        #[test]
        fn any_flat_key_roundtrips(key in "[a-z_]{1,12}", value in ".{0,40}") {
            let v = parse(&encode(&[(key.clone(), value.clone())])).unwrap();
            prop_assert_eq!(v.get(&key).and_then(Value::as_str), Some(value.as_str()));
        }

        #[test]
        fn metadata_hash_roundtrips(entries in proptest::collection::btree_map("[a-z]{1,8}", "[ -~]{1,20}", 0..8)) {
            let pairs: Vec<(String, String)> = entries.iter().map(|(k, v)| (format!("metadata[{k}]"), v.clone())).collect();
            let v = parse(&encode(&pairs)).unwrap();
            for (k, val) in &entries {
                prop_assert_eq!(v["metadata"][k].as_str(), Some(val.as_str()));
            }
        }

        #[test]
        fn list_of_items_keeps_length_and_order(prices in proptest::collection::vec("[a-z0-9_]{1,10}", 1..20)) {
            let pairs: Vec<(String, String)> = prices.iter().enumerate().map(|(i, p)| (format!("items[{i}][price]"), p.clone())).collect();
            let v = parse(&encode(&pairs)).unwrap();
            let arr = v["items"].as_array().unwrap();
            prop_assert_eq!(arr.len(), prices.len());
            for (i, p) in prices.iter().enumerate() {
                prop_assert_eq!(arr[i]["price"].as_str(), Some(p.as_str()));
            }
        }

        #[test]
        fn parser_never_panics(input in ".{0,80}") {
            let _ = parse(&input);
        }
    }
}
