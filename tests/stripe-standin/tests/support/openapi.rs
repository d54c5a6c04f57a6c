//! A small OpenAPI 3.0 validator for Stripe's published spec.
//!
//! It checks what the contract test needs — `$ref`, `type`, `nullable`, `enum`,
//! `anyOf`/`oneOf`/`allOf`, `properties`/`required`/`additionalProperties`, `items`,
//! `maxLength`, `pattern` and Stripe's formats — and reports every violation with a
//! JSON path, so one run lists all drifts. Unknown properties are errors unless the
//! schema allows them (`additionalProperties`), so the stand-in cannot invent fields.

use serde_json::Value;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

/// Where the pinned spec lives: the `shared/` folder beside the repository clone.
pub const SPEC_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/stripe-openapi/spec3.json"
);

/// `$ref` cycles never consume input, so a deep stack means a broken schema.
const MAX_DEPTH: usize = 256;

/// Unix times beyond this are almost surely milliseconds, not seconds (year 2286).
const MAX_UNIX_SECONDS: i64 = 10_000_000_000;

/// One place where a value disagrees with its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON path of the offending value, e.g. `$.items.data[0].price`.
    pub path: String,
    /// What the schema wants.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The parsed spec.
pub struct Spec {
    doc: Value,
}

static SPEC: OnceLock<Spec> = OnceLock::new();

/// The pinned spec, parsed once per test binary; panics with a clear message when missing.
pub fn spec() -> &'static Spec {
    SPEC.get_or_init(|| Spec::load(Path::new(SPEC_PATH)).unwrap_or_else(|e| panic!("{e}")))
}

/// A `$ref` value pointing at a component schema.
pub fn schema_ref(name: &str) -> Value {
    serde_json::json!({ "$ref": format!("#/components/schemas/{name}") })
}

impl Spec {
    /// Reads and parses a spec file.
    pub fn load(path: &Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read Stripe's OpenAPI spec at {}: {e}. The contract test needs \
                 `shared/stripe-openapi/spec3.json` in the folder beside the repository clone",
                path.display()
            )
        })?;
        let doc: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not valid JSON: {e}", path.display()))?;
        Spec::from_value(doc)
    }

    /// Wraps an already parsed document (unit tests use tiny hand-made specs).
    pub fn from_value(doc: Value) -> Result<Spec, String> {
        if !doc
            .pointer("/components/schemas")
            .is_some_and(Value::is_object)
        {
            return Err("the OpenAPI document has no components.schemas".into());
        }
        Ok(Spec { doc })
    }

    /// `info.version` (the Stripe API version the spec describes).
    pub fn version(&self) -> Option<&str> {
        self.doc.pointer("/info/version").and_then(Value::as_str)
    }

    /// A component schema by name.
    pub fn component(&self, name: &str) -> Option<&Value> {
        self.doc.get("components")?.get("schemas")?.get(name)
    }

    /// Validates `value` against a component schema.
    pub fn validate_component(&self, name: &str, value: &Value) -> Vec<Violation> {
        self.validate(&schema_ref(name), value)
    }

    /// Validates `value` against `schema`; empty means valid.
    pub fn validate(&self, schema: &Value, value: &Value) -> Vec<Violation> {
        let mut out = Vec::new();
        self.check(schema, value, "$", 0, &mut out);
        out
    }

    /// The spec's path template and operation object for a method and a concrete path.
    ///
    /// Literal segments win over parameters (`/v1/invoices/create_preview` is not
    /// `/v1/invoices/{invoice}`), earlier segments first.
    pub fn operation(&self, method: &str, path: &str) -> Result<(&str, &Value), String> {
        let method = method.to_ascii_lowercase();
        let path = path.split('?').next().unwrap_or(path);
        let wanted: Vec<&str> = path.split('/').collect();
        let paths = self
            .doc
            .get("paths")
            .and_then(Value::as_object)
            .ok_or("the OpenAPI document has no paths")?;
        let mut best: Option<(Vec<bool>, &str, &Value)> = None;
        for (template, item) in paths {
            let segments: Vec<&str> = template.split('/').collect();
            if segments.len() != wanted.len() {
                continue;
            }
            let mut literal = Vec::with_capacity(segments.len());
            let matches = segments.iter().zip(&wanted).all(|(t, w)| {
                let is_param = t.starts_with('{') && t.ends_with('}');
                literal.push(!is_param);
                if is_param {
                    !w.is_empty()
                } else {
                    t == w
                }
            });
            let Some(op) = item.get(&method) else {
                continue;
            };
            if matches && best.as_ref().is_none_or(|(score, _, _)| literal > *score) {
                best = Some((literal, template.as_str(), op));
            }
        }
        best.map(|(_, t, op)| (t, op))
            .ok_or_else(|| format!("the spec has no operation {} {path}", method.to_uppercase()))
    }

    /// The top-level parameter names an operation documents (query, path, form body).
    pub fn parameter_names(&self, method: &str, path: &str) -> Result<Vec<String>, String> {
        let (_, op) = self.operation(method, path)?;
        let mut names: Vec<String> = op
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        let body = op
            .pointer("/requestBody/content/application~1x-www-form-urlencoded/schema/properties")
            .and_then(Value::as_object);
        names.extend(body.into_iter().flat_map(|p| p.keys().cloned()));
        Ok(names)
    }

    /// The JSON schema of the response to `method path` with `status`
    /// (`200` → the success schema, an error status → `default`, Stripe's `error`).
    pub fn response_schema(&self, method: &str, path: &str, status: u16) -> Result<&Value, String> {
        let (template, op) = self.operation(method, path)?;
        let responses = op
            .get("responses")
            .ok_or_else(|| format!("{method} {template} has no responses"))?;
        let response = match responses.get(status.to_string()) {
            Some(r) => r,
            None if status >= 400 => responses
                .get("default")
                .ok_or_else(|| format!("{method} {template} has no default response"))?,
            None => {
                return Err(format!(
                    "{method} {template} documents no {status} response (only {:?})",
                    responses.as_object().map(|o| o.keys().collect::<Vec<_>>())
                ))
            }
        };
        response
            .pointer("/content/application~1json/schema")
            .ok_or_else(|| format!("{method} {template} {status} has no application/json schema"))
    }

    /// Validates a response body for `method path` answered with `status`.
    pub fn validate_response(
        &self,
        method: &str,
        path: &str,
        status: u16,
        body: &Value,
    ) -> Vec<Violation> {
        match self.response_schema(method, path, status) {
            Ok(schema) => self.validate(schema, body),
            Err(message) => vec![Violation {
                path: "$".into(),
                message,
            }],
        }
    }

    fn resolve(&self, reference: &str) -> Option<&Value> {
        self.doc.pointer(reference.strip_prefix('#')?)
    }

    fn check(
        &self,
        schema: &Value,
        value: &Value,
        path: &str,
        depth: usize,
        out: &mut Vec<Violation>,
    ) {
        let fail = |out: &mut Vec<Violation>, message: String| push(out, path, message);
        if depth > MAX_DEPTH {
            fail(
                out,
                "validator: schema nesting too deep (a $ref cycle?)".into(),
            );
            return;
        }
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                fail(out, "the schema allows no value here".into());
                return;
            }
            Value::Object(o) => o,
            _ => {
                fail(out, format!("validator: not a schema: {}", snippet(schema)));
                return;
            }
        };
        let nullable = schema.get("nullable").and_then(Value::as_bool) == Some(true);
        if value.is_null() && nullable {
            return;
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match self.resolve(reference) {
                Some(target) => self.check(target, value, path, depth + 1, out),
                None => fail(out, format!("validator: unresolvable $ref {reference}")),
            }
            return;
        }
        let combinators = ["anyOf", "oneOf", "allOf"]
            .iter()
            .any(|k| schema.contains_key(*k));
        if value.is_null() {
            if schema.contains_key("type") || schema.contains_key("enum") {
                fail(out, "null, but the schema is not nullable".into());
                return;
            }
            if !combinators {
                // An empty schema accepts anything; otherwise the branches decide.
                return;
            }
        }

        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                fail(
                    out,
                    format!("{} not in enum {}", snippet(value), snippet_all(allowed)),
                );
            }
        }
        if let Some(ty) = schema.get("type").and_then(Value::as_str) {
            if !kind_matches(ty, value) {
                fail(
                    out,
                    format!("expected {ty}, got {} {}", kind(value), snippet(value)),
                );
                return;
            }
        }
        match value {
            Value::String(s) => self.check_string(schema, s, path, out),
            Value::Number(_) => check_number(schema, value, path, out),
            Value::Object(_) => self.check_object(schema, value, path, depth, out),
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &format!("{path}[{i}]"), depth + 1, out);
                    }
                }
            }
            _ => {}
        }

        if let Some(branches) = schema.get("allOf").and_then(Value::as_array) {
            for branch in branches {
                self.check(branch, value, path, depth + 1, out);
            }
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            self.check_alternatives("anyOf", branches, value, path, depth, out);
        }
        if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
            self.check_alternatives("oneOf", branches, value, path, depth, out);
        }
    }

    fn check_string(
        &self,
        schema: &serde_json::Map<String, Value>,
        s: &str,
        path: &str,
        out: &mut Vec<Violation>,
    ) {
        let mut fail = |message: String| push(out, path, message);
        if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
            let len = s.chars().count() as u64;
            if len > max {
                fail(format!("string of {len} chars exceeds maxLength {max}"));
            }
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
            match prefix_pattern_matches(pattern, s) {
                Some(true) => {}
                Some(false) => fail(format!(
                    "{} does not match pattern {pattern}",
                    snippet_str(s)
                )),
                None => fail(format!("validator: unsupported pattern {pattern}")),
            }
        }
        match schema.get("format").and_then(Value::as_str) {
            Some("currency") if !(s.len() == 3 && s.bytes().all(|b| b.is_ascii_lowercase())) => {
                fail(format!(
                    "{} is not a lowercase ISO currency code",
                    snippet_str(s)
                ));
            }
            Some("decimal")
                if s.is_empty()
                    || !s
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                    || s.parse::<f64>().is_err() =>
            {
                fail(format!("{} is not a decimal string", snippet_str(s)));
            }
            _ => {}
        }
    }

    fn check_object(
        &self,
        schema: &serde_json::Map<String, Value>,
        value: &Value,
        path: &str,
        depth: usize,
        out: &mut Vec<Violation>,
    ) {
        let Some(object) = value.as_object() else {
            return;
        };
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(name) {
                    out.push(Violation {
                        path: child(path, name),
                        message: "missing required property".into(),
                    });
                }
            }
        }
        let additional = schema.get("additionalProperties");
        for (key, item) in object {
            let at = child(path, key);
            match (properties.and_then(|p| p.get(key)), additional) {
                (Some(prop), _) => self.check(prop, item, &at, depth + 1, out),
                (None, Some(Value::Bool(true))) => {}
                (None, Some(Value::Bool(false))) => out.push(Violation {
                    path: at,
                    message: "property not allowed (additionalProperties: false)".into(),
                }),
                (None, Some(extra)) => self.check(extra, item, &at, depth + 1, out),
                // Stripe lists every property of its objects, so an unlisted one is invented.
                (None, None) if properties.is_some() => out.push(Violation {
                    path: at,
                    message: format!(
                        "unknown property (not in the schema{})",
                        schema
                            .get("title")
                            .and_then(Value::as_str)
                            .map(|t| format!(" {t}"))
                            .unwrap_or_default()
                    ),
                }),
                (None, None) => {}
            }
        }
    }

    fn check_alternatives(
        &self,
        keyword: &str,
        branches: &[Value],
        value: &Value,
        path: &str,
        depth: usize,
        out: &mut Vec<Violation>,
    ) {
        let results: Vec<Vec<Violation>> = branches
            .iter()
            .map(|b| {
                let mut v = Vec::new();
                self.check(b, value, path, depth + 1, &mut v);
                v
            })
            .collect();
        let valid = results.iter().filter(|r| r.is_empty()).count();
        if keyword == "oneOf" && valid > 1 {
            out.push(Violation {
                path: path.to_string(),
                message: format!("matches {valid} oneOf branches, expected exactly one"),
            });
            return;
        }
        if valid > 0 {
            return;
        }
        // Report the branch the value was most likely meant for: the right JSON kind,
        // the right `object` discriminator, then the fewest violations.
        let best = branches
            .iter()
            .zip(&results)
            .filter(|(b, _)| self.shallow_kind_ok(b, value, depth))
            .min_by_key(|(b, r)| (!self.discriminator_matches(b, value), r.len()));
        match best {
            Some((_, violations)) => out.extend(violations.iter().cloned()),
            None => out.push(Violation {
                path: path.to_string(),
                message: format!(
                    "{} {} matches none of {keyword} [{}]",
                    kind(value),
                    snippet(value),
                    branches
                        .iter()
                        .map(|b| self.describe(b))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    fn deref<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..MAX_DEPTH {
            match schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.resolve(r))
            {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn shallow_kind_ok(&self, schema: &Value, value: &Value, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let schema = self.deref(schema);
        if value.is_null() && schema.get("nullable").and_then(Value::as_bool) == Some(true) {
            return true;
        }
        if let Some(ty) = schema.get("type").and_then(Value::as_str) {
            return kind_matches(ty, value);
        }
        let nested: Vec<&Value> = ["anyOf", "oneOf", "allOf"]
            .iter()
            .filter_map(|k| schema.get(*k).and_then(Value::as_array))
            .flatten()
            .collect();
        nested.is_empty()
            || nested
                .iter()
                .any(|b| self.shallow_kind_ok(b, value, depth + 1))
    }

    fn discriminator_matches(&self, schema: &Value, value: &Value) -> bool {
        let Some(object) = value.get("object") else {
            return true;
        };
        match self
            .deref(schema)
            .pointer("/properties/object/enum")
            .and_then(Value::as_array)
        {
            Some(allowed) => allowed.contains(object),
            None => true,
        }
    }

    fn describe(&self, schema: &Value) -> String {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            return r.rsplit('/').next().unwrap_or(r).to_string();
        }
        match schema.get("type").and_then(Value::as_str) {
            Some(t) => t.to_string(),
            None => "schema".into(),
        }
    }
}

fn push(out: &mut Vec<Violation>, path: &str, message: String) {
    out.push(Violation {
        path: path.to_string(),
        message,
    });
}

fn check_number(
    schema: &serde_json::Map<String, Value>,
    value: &Value,
    path: &str,
    out: &mut Vec<Violation>,
) {
    if schema.get("format").and_then(Value::as_str) == Some("unix-time") {
        let ok = value
            .as_i64()
            .is_some_and(|t| (0..MAX_UNIX_SECONDS).contains(&t));
        if !ok {
            out.push(Violation {
                path: path.to_string(),
                message: format!("{} is not a unix time in seconds", snippet(value)),
            });
        }
    }
}

fn kind_matches(ty: &str, value: &Value) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        // An unknown type name is the validator's gap, not the stand-in's: say so loudly.
        _ => false,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Matches the only pattern shapes Stripe's spec uses: `^` then literals and `[^/]+`.
/// `None` means the pattern uses something else.
fn prefix_pattern_matches(pattern: &str, s: &str) -> Option<bool> {
    let mut rest = pattern.strip_prefix('^')?;
    let mut input = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[^/]+") {
            let taken = input.find('/').unwrap_or(input.len());
            if taken == 0 {
                return Some(false);
            }
            input = &input[taken..];
            rest = after;
            continue;
        }
        let c = rest.chars().next()?;
        if "\\.[]()*+?{}|$".contains(c) {
            return None;
        }
        match input.strip_prefix(c) {
            Some(after) => input = after,
            None => return Some(false),
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(true)
}

/// `$.a.b` for identifier-like keys, `$["odd key"]` otherwise.
fn child(path: &str, key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", Value::String(key.to_string()))
    }
}

fn snippet(value: &Value) -> String {
    let text = value.to_string();
    truncate(text, 80)
}

fn snippet_str(s: &str) -> String {
    snippet(&Value::String(s.to_string()))
}

fn snippet_all(values: &[Value]) -> String {
    truncate(Value::Array(values.to_vec()).to_string(), 160)
}

fn truncate(mut text: String, max: usize) -> String {
    if text.chars().count() > max {
        text = text.chars().take(max).collect::<String>() + "…";
    }
    text
}
