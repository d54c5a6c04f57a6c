//! The contract's bookkeeping: judging each reply against the spec and Stripe's
//! conventions, and collecting drifts so one run reports them all.

use super::client::{str_at, Reply, STRIPE_VERSION};
use super::openapi::spec;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Display;
use std::time::{SystemTime, UNIX_EPOCH};

/// Fields real Stripe always returns (null when unset) although the spec marks them
/// optional; the product reads them, so a stand-in that omits them would mislead it.
#[rustfmt::skip]
const ALWAYS_PRESENT: &[(&str, &[&str])] = &[
    ("customer", &["address", "balance", "currency", "default_source", "delinquent",
        "description", "discount", "email", "invoice_prefix", "invoice_settings", "metadata",
        "name", "next_invoice_sequence", "phone", "preferred_locales", "shipping", "tax_exempt",
        "test_clock"]),
    ("subscription", &["cancel_at", "canceled_at", "cancellation_details", "days_until_due",
        "default_payment_method", "description", "ended_at", "latest_invoice",
        "pause_collection", "payment_settings", "pending_update", "schedule", "test_clock",
        "trial_end", "trial_settings", "trial_start"]),
    ("subscription_item", &["price", "quantity", "current_period_start", "current_period_end"]),
    ("invoice", &["billing_reason", "customer_email", "customer_name", "default_payment_method",
        "description", "due_date", "effective_at", "ending_balance", "hosted_invoice_url",
        "invoice_pdf", "metadata", "next_payment_attempt", "number", "parent", "status",
        "test_clock"]),
    ("line_item", &["parent", "period", "pricing"]),
    ("price", &["custom_unit_amount", "lookup_key", "nickname", "recurring", "tax_behavior",
        "tiers_mode", "transform_quantity", "unit_amount", "unit_amount_decimal"]),
    ("product", &["default_price", "description", "package_dimensions", "shippable",
        "statement_descriptor", "tax_code", "unit_label", "url"]),
    ("payment_method", &["customer", "metadata"]),
    ("checkout.session", &["cancel_url", "currency", "customer", "metadata", "setup_intent",
        "status", "success_url", "url"]),
    ("setup_intent", &["cancellation_reason", "client_secret", "customer", "description",
        "last_setup_error", "metadata", "next_action", "payment_method"]),
    ("subscription_schedule", &["canceled_at", "completed_at", "current_phase", "metadata",
        "released_at", "released_subscription", "subscription", "test_clock"]),
    ("event", &["api_version", "request"]),
    ("tax_id", &["country", "customer"]),
    ("webhook_endpoint", &["api_version", "application", "description"]),
    ("coupon", &["amount_off", "currency", "duration_in_months", "max_redemptions", "metadata",
        "name", "percent_off", "redeem_by"]),
    ("promotion_code", &["customer", "expires_at", "max_redemptions", "metadata"]),
    ("discount", &["customer", "end", "invoice", "invoice_item", "promotion_code",
        "subscription", "subscription_item"]),
    ("tax_rate", &["country", "description", "jurisdiction", "metadata", "state", "tax_type"]),
    ("billing.meter", &["event_time_window"]),
];

/// Collects drifts from the spec and which operations were answered successfully.
#[derive(Default)]
pub struct Contract {
    /// Drift lines with array indices folded (`[*]`), and how often each was seen.
    pub drifts: Vec<(String, usize)>,
    pub covered: BTreeSet<String>,
    /// How many replies were validated against the spec.
    pub checked: usize,
    pub error_statuses: BTreeSet<u16>,
}

impl Contract {
    /// Records one drift (repeats over list items are counted, not repeated).
    pub fn drift(&mut self, step: &str, what: impl Display) {
        let line = fold_indices(&format!("{step}: {what}"));
        match self.drifts.iter_mut().find(|(l, _)| *l == line) {
            Some((_, n)) => *n += 1,
            None => self.drifts.push((line, 1)),
        }
    }

    /// Records a behavioural drift unless `ok`.
    pub fn ensure(&mut self, step: &str, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.drift(step, what());
        }
    }

    /// Judges one reply: status, content type, `Stripe-Version` echo, and the body
    /// against the spec's schema for this operation and the status actually returned.
    pub fn check(&mut self, step: &str, reply: &Reply, expected: u16) -> Value {
        let label = match spec().operation(&reply.method, &reply.path) {
            Ok((template, _)) => format!("{} {template}", reply.method),
            Err(e) => {
                self.drift(step, e);
                format!("{} {}", reply.method, reply.path)
            }
        };
        if reply.status != expected {
            let body = match &reply.json {
                Some(json) => json.to_string(),
                None => String::from_utf8_lossy(&reply.body).into_owned(),
            };
            self.drift(
                step,
                format!(
                    "{label} answered {} (expected {expected}): {}",
                    reply.status,
                    body.chars().take(300).collect::<String>()
                ),
            );
        }
        let content_type = reply.header("content-type").unwrap_or("");
        self.ensure(step, content_type.starts_with("application/json"), || {
            format!("{label}: content-type {content_type:?}, Stripe answers application/json")
        });
        let version = reply.header("stripe-version");
        self.ensure(step, version == Some(STRIPE_VERSION), || {
            format!(
                "{label}: Stripe-Version header {version:?}, expected it echoed ({STRIPE_VERSION})"
            )
        });
        self.checked += 1;
        let Some(body) = reply.json.clone() else {
            self.drift(
                step,
                format!("{label} -> {}: body is not JSON", reply.status),
            );
            return Value::Null;
        };
        for v in spec().validate_response(&reply.method, &reply.path, reply.status, &body) {
            self.drift(step, format!("{label} -> {}: {v}", reply.status));
        }
        let mut breaches = Vec::new();
        stripe_conventions(&body, "$", &mut breaches);
        for breach in breaches {
            self.drift(step, format!("{label} -> {}: {breach}", reply.status));
        }
        // The scenario itself must speak documented Stripe: a success path with an invented
        // parameter would test a stand-in extension, not the contract.
        if (200..300).contains(&expected) {
            let documented = spec()
                .parameter_names(&reply.method, &reply.path)
                .unwrap_or_default();
            for name in &reply.params {
                let root = name.split('[').next().unwrap_or(name);
                self.ensure(step, documented.iter().any(|d| d == root), || {
                    format!("{label}: the test sends {name:?}, which the spec does not document")
                });
            }
        }
        if reply.status == expected {
            if (200..300).contains(&expected) {
                self.covered.insert(label);
            } else {
                self.error_statuses.insert(expected);
            }
        }
        body
    }

    /// Like `check` for an error reply, and also its `error.type` (and `error.code`).
    pub fn check_error(
        &mut self,
        step: &str,
        reply: &Reply,
        status: u16,
        kind: &str,
        code: Option<&str>,
    ) -> Value {
        let body = self.check(step, reply, status);
        let actual = body.pointer("/error/type").and_then(Value::as_str);
        self.ensure(step, actual == Some(kind), || {
            format!("error.type is {actual:?}, Stripe answers {kind:?}")
        });
        if let Some(code) = code {
            let actual = body.pointer("/error/code").and_then(Value::as_str);
            self.ensure(step, actual == Some(code), || {
                format!("error.code is {actual:?}, Stripe answers {code:?}")
            });
        }
        let message = body.pointer("/error/message").and_then(Value::as_str);
        self.ensure(step, message.is_some_and(|m| !m.is_empty()), || {
            "error.message is missing: Stripe always explains the error".into()
        });
        body
    }

    /// Validates an object embedded somewhere else (event payloads) as a component.
    pub fn check_component(&mut self, step: &str, name: &str, value: &Value) {
        if spec().component(name).is_none() {
            self.drift(step, format!("no schema named {name:?} in the spec"));
            return;
        }
        for v in spec().validate_component(name, value) {
            self.drift(step, format!("as {name}: {v}"));
        }
    }

    /// Checks that `pointer` in `body` is an expanded object, not an id.
    pub fn ensure_expanded(&mut self, step: &str, body: &Value, pointer: &str) {
        let value = body.pointer(pointer);
        self.ensure(step, value.is_some_and(Value::is_object), || {
            format!(
                "expand of {pointer} returned {}, expected the object",
                short(value)
            )
        });
    }

    /// Checks that `pointer` in `body` equals `expected`.
    pub fn ensure_eq(&mut self, step: &str, body: &Value, pointer: &str, expected: Value) {
        let value = body.pointer(pointer);
        self.ensure(step, value == Some(&expected), || {
            format!("{pointer} is {}, expected {expected}", short(value))
        });
    }

    /// Every drift, and every operation of `required` never answered successfully.
    pub fn report(&self, required: &[&str]) -> String {
        let missing: Vec<&&str> = required
            .iter()
            .filter(|op| !self.covered.contains(**op))
            .collect();
        let mut text = String::new();
        for (line, n) in &self.drifts {
            match n {
                1 => text.push_str(&format!("  - {line}\n")),
                n => text.push_str(&format!("  - {line} (x{n})\n")),
            }
        }
        for op in &missing {
            text.push_str(&format!("  - never answered successfully: {op}\n"));
        }
        text
    }
}

/// Id prefixes of Stripe's objects (the product parses some of them, e.g. `cus_`).
const ID_PREFIXES: &[(&str, &[&str])] = &[
    ("customer", &["cus_"]),
    ("subscription", &["sub_"]),
    ("subscription_item", &["si_"]),
    ("subscription_schedule", &["sub_sched_"]),
    ("invoice", &["in_", "upcoming_in"]),
    ("line_item", &["il_"]),
    ("price", &["price_"]),
    ("product", &["prod_"]),
    ("payment_method", &["pm_"]),
    ("checkout.session", &["cs_test_"]),
    ("setup_intent", &["seti_"]),
    ("event", &["evt_"]),
    ("tax_id", &["txi_"]),
    ("webhook_endpoint", &["we_"]),
    ("test_helpers.test_clock", &["clock_"]),
    ("discount", &["di_"]),
    ("promotion_code", &["promo_"]),
    ("tax_rate", &["txr_"]),
    ("billing.meter", &["mtr_"]),
];

/// Stripe's conventions the spec cannot express, anywhere in `value`: fields Stripe always
/// returns (`ALWAYS_PRESENT`), id prefixes, and test mode (`livemode: false`). Deleted
/// objects and events' partial `previous_attributes` are exempt.
fn stripe_conventions(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            let kind = object.get("object").and_then(Value::as_str);
            let deleted = object.get("deleted") == Some(&Value::Bool(true));
            if let (Some(kind), false) = (kind, deleted) {
                let fields = ALWAYS_PRESENT.iter().find(|(k, _)| *k == kind);
                // A metered item has no quantity, and the spec's `quantity` cannot be null.
                let metered = kind == "subscription_item"
                    && object
                        .get("price")
                        .and_then(|p| p.pointer("/recurring/usage_type"))
                        == Some(&Value::from("metered"));
                for field in fields.map_or(&[][..], |(_, f)| f) {
                    if metered && *field == "quantity" {
                        continue;
                    }
                    if !object.contains_key(*field) {
                        out.push(format!(
                            "{path}.{field}: missing (Stripe always returns it, null when unset)"
                        ));
                    }
                }
            }
            if let (Some(kind), Some(id)) = (kind, object.get("id").and_then(Value::as_str)) {
                if let Some((_, prefixes)) = ID_PREFIXES.iter().find(|(k, _)| *k == kind) {
                    if !prefixes.iter().any(|p| id.starts_with(p)) {
                        out.push(format!(
                            "{path}.id: {id:?} does not start with {prefixes:?}"
                        ));
                    }
                }
            }
            if object
                .get("livemode")
                .is_some_and(|l| l != &Value::Bool(false))
            {
                out.push(format!(
                    "{path}.livemode: a test key must see livemode false"
                ));
            }
            for (key, child) in object {
                if key != "previous_attributes" {
                    stripe_conventions(child, &format!("{path}.{key}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                stripe_conventions(item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// `$.data[3].x` → `$.data[*].x`, so one drift repeated over a list is reported once.
fn fold_indices(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(']') {
            out.push('*');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// A value, shortened for a message.
pub fn short(value: Option<&Value>) -> String {
    match value {
        None => "absent".into(),
        Some(v) => v.to_string().chars().take(120).collect(),
    }
}

/// The wall clock in Unix seconds.
pub fn now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    i64::try_from(secs).expect("seconds fit i64")
}

/// The ids in a list object's `data`.
pub fn ids(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .map(|a| a.iter().map(|o| str_at(o, "/id")).collect())
        .unwrap_or_default()
}
