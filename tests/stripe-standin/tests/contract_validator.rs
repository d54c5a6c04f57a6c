//! Unit tests of the OpenAPI validator itself: a validator that cannot fail proves nothing.

mod support;

use serde_json::{json, Value};
use support::openapi::{spec, Spec, Violation};

/// A customer shaped like the spec's `customer` schema (2026-08-26.dahlia).
fn valid_customer() -> Value {
    json!({
        "id": "cus_Q1",
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": 1_767_225_600,
        "currency": null,
        "default_source": null,
        "delinquent": false,
        "description": null,
        "discount": null,
        "email": "ada@example.com",
        "invoice_prefix": "ABCD1234",
        "invoice_settings": {
            "custom_fields": null,
            "default_payment_method": "pm_1",
            "footer": null,
            "rendering_options": null
        },
        "livemode": false,
        "metadata": {"plan": "pro", "odd key": "x"},
        "name": "Ada Lovelace",
        "next_invoice_sequence": 1,
        "phone": null,
        "preferred_locales": ["en"],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null
    })
}

fn messages(v: &[Violation]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

fn assert_single_violation(violations: &[Violation], path: &str, needle: &str) {
    assert!(
        violations
            .iter()
            .any(|v| v.path == path && v.message.contains(needle)),
        "expected a violation at {path} containing {needle:?}, got {:#?}",
        messages(violations)
    );
}

#[test]
fn spec_is_the_pinned_dahlia_version() {
    assert_eq!(spec().version(), Some("2026-08-26.dahlia"));
}

#[test]
fn a_valid_customer_passes() {
    let violations = spec().validate_component("customer", &valid_customer());
    assert!(violations.is_empty(), "{:#?}", messages(&violations));
}

#[test]
fn a_missing_required_field_fails() {
    let mut customer = valid_customer();
    customer.as_object_mut().unwrap().remove("created");
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.created", "missing required property");
}

#[test]
fn a_value_outside_the_enum_fails() {
    let mut customer = valid_customer();
    customer["tax_exempt"] = json!("sometimes");
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.tax_exempt", "\"sometimes\" not in enum");
}

#[test]
fn null_on_a_nullable_enum_passes_but_null_on_a_plain_field_fails() {
    let mut customer = valid_customer();
    customer["tax_exempt"] = Value::Null;
    assert!(spec().validate_component("customer", &customer).is_empty());
    customer["livemode"] = Value::Null;
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.livemode", "not nullable");
}

#[test]
fn a_wrong_type_fails() {
    let mut customer = valid_customer();
    customer["balance"] = json!("0");
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.balance", "expected integer, got string");
    customer["balance"] = json!(1.5);
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.balance", "expected integer, got number");
}

#[test]
fn an_unknown_property_fails_but_metadata_keys_are_free() {
    let mut customer = valid_customer();
    customer["plan"] = json!("pro");
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.plan", "unknown property");
    assert_eq!(violations.len(), 1, "{:#?}", messages(&violations));

    let mut customer = valid_customer();
    customer["metadata"]["seats"] = json!(3);
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.metadata.seats", "expected string");
}

#[test]
fn milliseconds_are_not_a_unix_time() {
    let mut customer = valid_customer();
    customer["created"] = json!(1_767_225_600_000_i64);
    let violations = spec().validate_component("customer", &customer);
    assert_single_violation(&violations, "$.created", "unix time in seconds");
}

#[test]
fn an_expandable_field_accepts_the_id_and_the_expanded_object() {
    let subscription_customer =
        &spec().component("subscription").unwrap()["properties"]["customer"];
    assert!(spec()
        .validate(subscription_customer, &json!("cus_Q1"))
        .is_empty());
    let expanded = spec().validate(subscription_customer, &valid_customer());
    assert!(expanded.is_empty(), "{:#?}", messages(&expanded));
    let deleted = json!({"id": "cus_Q1", "object": "customer", "deleted": true});
    assert!(spec().validate(subscription_customer, &deleted).is_empty());
}

#[test]
fn an_expanded_object_is_checked_as_the_full_schema() {
    let subscription_customer =
        &spec().component("subscription").unwrap()["properties"]["customer"];
    let mut customer = valid_customer();
    customer["tax_exempt"] = json!("sometimes");
    customer["invented"] = json!(true);
    let violations = spec().validate(subscription_customer, &customer);
    assert_single_violation(&violations, "$.tax_exempt", "not in enum");
    assert_single_violation(&violations, "$.invented", "unknown property");

    let violations = spec().validate(subscription_customer, &json!(42));
    assert_single_violation(&violations, "$", "matches none of anyOf");
}

#[test]
fn nested_paths_name_the_offending_value() {
    let price = json!({
        "id": "price_1",
        "object": "price",
        "active": true,
        "billing_scheme": "per_unit",
        "created": 1_767_225_600,
        "currency": "usd",
        "custom_unit_amount": null,
        "livemode": false,
        "lookup_key": null,
        "metadata": {},
        "nickname": null,
        "product": "prod_1",
        "recurring": {"interval": "mnth", "interval_count": 1, "meter": null, "usage_type": "licensed"},
        "tax_behavior": "unspecified",
        "tiers_mode": null,
        "transform_quantity": null,
        "type": "recurring",
        "unit_amount": 1000,
        "unit_amount_decimal": "1000"
    });
    let list = json!({"object": "list", "url": "/v1/prices", "has_more": false, "data": [price]});
    let violations = spec().validate_response("GET", "/v1/prices", 200, &list);
    assert_eq!(
        messages(&violations),
        vec![
            "$.data[0].recurring.interval: \"mnth\" not in enum [\"day\",\"month\",\"week\",\"year\"]"
                .to_string()
        ]
    );
}

#[test]
fn a_list_url_must_match_the_spec_pattern_and_currency_must_be_lowercase() {
    let list = json!({"object": "list", "url": "/v2/prices", "has_more": false, "data": []});
    let violations = spec().validate_response("GET", "/v1/prices", 200, &list);
    assert_single_violation(&violations, "$.url", "does not match pattern ^/v1/prices");

    let schema = json!({"type": "string", "format": "currency"});
    assert!(spec().validate(&schema, &json!("eur")).is_empty());
    assert!(!spec().validate(&schema, &json!("EUR")).is_empty());
}

#[test]
fn literal_path_segments_win_over_parameters() {
    let (template, _) = spec()
        .operation("POST", "/v1/invoices/create_preview")
        .unwrap();
    assert_eq!(template, "/v1/invoices/create_preview");
    let (template, _) = spec()
        .operation("GET", "/v1/customers/cus_123?expand[]=x")
        .unwrap();
    assert_eq!(template, "/v1/customers/{customer}");
    let (template, _) = spec().operation("GET", "/v1/customers/search").unwrap();
    assert_eq!(template, "/v1/customers/search");
    let (template, _) = spec()
        .operation("POST", "/v1/test_helpers/test_clocks/clock_1/advance")
        .unwrap();
    assert_eq!(
        template,
        "/v1/test_helpers/test_clocks/{test_clock}/advance"
    );
    assert!(spec().operation("GET", "/v1/not_a_resource").is_err());
    assert!(spec().operation("PATCH", "/v1/customers").is_err());
}

#[test]
fn error_statuses_resolve_to_the_error_schema() {
    let body = json!({"error": {"type": "invalid_request_error", "code": "resource_missing",
        "message": "No such customer: 'cus_x'", "param": "id", "doc_url": "https://stripe.com/docs/error-codes/resource-missing"}});
    assert!(spec()
        .validate_response("GET", "/v1/customers/cus_x", 404, &body)
        .is_empty());
    let bad = json!({"error": {"type": "not_a_type", "message": "x"}});
    let violations = spec().validate_response("GET", "/v1/customers/cus_x", 404, &bad);
    assert_single_violation(&violations, "$.error.type", "not in enum");
    let violations = spec().validate_response("GET", "/v1/customers/cus_x", 201, &body);
    assert_single_violation(&violations, "$", "documents no 201 response");
}

#[test]
fn one_of_rejects_a_value_matching_two_branches() {
    let doc = json!({"components": {"schemas": {}}, "paths": {}});
    let tiny = Spec::from_value(doc).unwrap();
    let schema = json!({"oneOf": [{"type": "integer"}, {"type": "number"}]});
    assert!(tiny.validate(&schema, &json!(1.5)).is_empty());
    assert_single_violation(
        &tiny.validate(&schema, &json!(1)),
        "$",
        "matches 2 oneOf branches",
    );
}

#[test]
fn a_missing_spec_file_fails_with_a_clear_message() {
    let Err(message) = Spec::load(std::path::Path::new("/nonexistent/spec3.json")) else {
        panic!("loading a missing spec must fail");
    };
    assert!(
        message.contains("shared/stripe-openapi/spec3.json"),
        "{message}"
    );
}

#[test]
fn all_of_items_max_length_and_closed_objects_are_enforced() {
    let doc = json!({"components": {"schemas": {
        "thing": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"],
                  "additionalProperties": false}
    }}, "paths": {}});
    let tiny = Spec::from_value(doc).unwrap();
    let schema = json!({"type": "array", "items": {"allOf": [
        {"$ref": "#/components/schemas/thing"},
        {"type": "object", "properties": {"n": {"type": "integer"}, "tag": {"type": "string", "maxLength": 3}}}
    ]}});
    assert!(tiny.validate(&schema, &json!([{"n": 1}])).is_empty());
    let violations = tiny.validate(&schema, &json!([{"n": 1}, {"tag": "long"}]));
    assert_single_violation(&violations, "$[1].n", "missing required property");
    assert_single_violation(&violations, "$[1].tag", "additionalProperties: false");
    assert_single_violation(&violations, "$[1].tag", "exceeds maxLength 3");
    let dangling = json!({"$ref": "#/components/schemas/nothing"});
    assert_single_violation(
        &tiny.validate(&dangling, &json!(1)),
        "$",
        "unresolvable $ref",
    );
}
