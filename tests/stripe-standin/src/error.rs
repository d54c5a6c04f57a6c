//! Stripe's error envelope: `{"error": {"type", "code", "message", "param"}}`.

use axum::http::StatusCode;
use serde_json::{json, Map, Value};

/// One API error, rendered in Stripe's shape with its HTTP status.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub code: Option<String>,
    pub message: String,
    pub param: Option<String>,
    pub decline_code: Option<String>,
    pub should_retry: Option<bool>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            kind,
            code: None,
            message: message.into(),
            param: None,
            decline_code: None,
            should_retry: None,
        }
    }

    /// 400 `invalid_request_error` naming the offending parameter.
    pub fn invalid(message: impl Into<String>, param: &str) -> Self {
        let mut e = Self::new(StatusCode::BAD_REQUEST, "invalid_request_error", message);
        e.param = Some(param.to_string());
        e
    }

    /// 400 without a parameter (a state conflict such as paying a void invoice).
    pub fn bad_state(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request_error", message)
    }

    pub fn missing(param: &str) -> Self {
        Self::invalid(format!("Missing required param: {param}."), param)
            .with_code("parameter_missing")
    }

    /// 404 for an object named in the path.
    pub fn no_such(kind: &str, id: &str) -> Self {
        let mut e = Self::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("No such {kind}: '{id}'"),
        )
        .with_code("resource_missing");
        e.param = Some("id".to_string());
        e
    }

    /// 400 for an object referenced by a parameter.
    pub fn no_such_param(kind: &str, id: &str, param: &str) -> Self {
        Self::invalid(format!("No such {kind}: '{id}'"), param).with_code("resource_missing")
    }

    pub fn unrecognized_url(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."),
        )
    }

    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_request_error", message)
    }

    pub fn idempotency(key: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "idempotency_error",
            format!("Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."),
        )
    }

    pub fn card_declined() -> Self {
        let mut e = Self::new(
            StatusCode::PAYMENT_REQUIRED,
            "card_error",
            "Your card was declined.",
        )
        .with_code("card_declined");
        e.decline_code = Some("generic_decline".to_string());
        e
    }

    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_string());
        self
    }

    pub fn body(&self) -> Value {
        let mut m = Map::new();
        m.insert("type".into(), json!(self.kind));
        m.insert("message".into(), json!(self.message));
        if let Some(c) = &self.code {
            m.insert("code".into(), json!(c));
            m.insert(
                "doc_url".into(),
                json!(format!(
                    "https://stripe.com/docs/error-codes/{}",
                    c.replace('_', "-")
                )),
            );
        }
        if let Some(p) = &self.param {
            m.insert("param".into(), json!(p));
        }
        if let Some(d) = &self.decline_code {
            m.insert("decline_code".into(), json!(d));
        }
        json!({ "error": Value::Object(m) })
    }
}

impl From<crate::form::FormError> for ApiError {
    fn from(e: crate::form::FormError) -> Self {
        ApiError::invalid(e.message, &e.param)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
