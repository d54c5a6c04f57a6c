//! The one place that maps errors to HTTP responses, in Stripe's JSON error shape:
//! `{"error":{"type":…,"code":…,"param":…,"message":…}}`.

use http::{header, HeaderValue, Response, StatusCode};
use serde_json::json;

/// An error a tenant-facing HTTP endpoint answers with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A required parameter is absent (400 `parameter_missing`).
    #[error("Missing required param: {param}.")]
    ParameterMissing {
        /// The parameter's name.
        param: String,
    },
    /// A parameter has a bad value (400 `parameter_invalid`).
    #[error("{message}")]
    ParameterInvalid {
        /// The parameter's name.
        param: String,
        /// What is wrong, safe to show.
        message: String,
    },
    /// The body names a parameter the endpoint does not know (400 `parameter_unknown`).
    #[error("Received unknown parameter: {param}")]
    ParameterUnknown {
        /// The parameter's name.
        param: String,
    },
    /// The body is not valid JSON, or not a JSON object (400 `json_invalid`).
    #[error("Invalid JSON body: {0}")]
    InvalidJson(String),
    /// The `Idempotency-Key` was used with different parameters (400 `idempotency_error`).
    #[error("Keys for idempotent requests can only be used with the same parameters they were first used with.")]
    IdempotencyConflict,
    /// A request with the same `Idempotency-Key` is still being processed (409).
    #[error("There is currently another in-progress request using this Idempotency-Key. Please retry later.")]
    IdempotencyInFlight,
    /// Missing, malformed, unknown or revoked API key (401 `authentication_error`).
    #[error("{0}")]
    Authentication(String),
    /// A named resource does not exist for this project (404 `resource_missing`).
    #[error("No such {kind}: '{id}'")]
    ResourceMissing {
        /// What is missing (`customer`, `subscription`).
        kind: &'static str,
        /// The parameter that named it.
        param: String,
        /// The id as given.
        id: String,
    },
    /// Wrong HTTP method (405); `allow` lists the accepted ones.
    #[error("Method not allowed. Use {allow}.")]
    MethodNotAllowed {
        /// Value of the `Allow` header.
        allow: &'static str,
    },
    /// Wrong path (404 `resource_missing`).
    #[error("Unrecognized request URL ({method}: {path}).")]
    UnknownRoute {
        /// The request method.
        method: String,
        /// The request path.
        path: String,
    },
    /// Body over the limit (413).
    #[error("Request body too large: at most {limit} bytes.")]
    PayloadTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not `application/json` (415).
    #[error("Content-Type must be application/json.")]
    UnsupportedMediaType,
    /// Too many requests for this project (429 `rate_limit_error`).
    #[error("Too many requests. Retry after {retry_after} seconds.")]
    RateLimited {
        /// Seconds until the window resets.
        retry_after: u64,
    },
    /// Stripe could not be reached or answered unusably (502 `api_error`).
    #[error("{0}")]
    StripeUnavailable(String),
    /// Anything unexpected: 500 with an opaque message; the cause chain is logged.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        use ApiError::*;
        match self {
            ParameterMissing { .. }
            | ParameterInvalid { .. }
            | ParameterUnknown { .. }
            | InvalidJson(_)
            | IdempotencyConflict => StatusCode::BAD_REQUEST,
            IdempotencyInFlight => StatusCode::CONFLICT,
            Authentication(_) => StatusCode::UNAUTHORIZED,
            ResourceMissing { .. } | UnknownRoute { .. } => StatusCode::NOT_FOUND,
            MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            StripeUnavailable(_) => StatusCode::BAD_GATEWAY,
            Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stripe's error `type`.
    pub fn error_type(&self) -> &'static str {
        use ApiError::*;
        match self {
            IdempotencyConflict => "idempotency_error",
            Authentication(_) => "authentication_error",
            RateLimited { .. } => "rate_limit_error",
            StripeUnavailable(_) | Unexpected(_) => "api_error",
            _ => "invalid_request_error",
        }
    }

    /// Stripe-style machine-readable `code`, if any.
    pub fn code(&self) -> Option<&'static str> {
        use ApiError::*;
        Some(match self {
            ParameterMissing { .. } => "parameter_missing",
            ParameterInvalid { .. } => "parameter_invalid",
            ParameterUnknown { .. } => "parameter_unknown",
            InvalidJson(_) => "json_invalid",
            IdempotencyConflict => return None,
            IdempotencyInFlight => "idempotency_key_in_use",
            Authentication(_) => return None,
            ResourceMissing { .. } | UnknownRoute { .. } => "resource_missing",
            MethodNotAllowed { .. } => "method_not_allowed",
            PayloadTooLarge { .. } => "body_too_large",
            UnsupportedMediaType => "content_type_invalid",
            RateLimited { .. } => "rate_limit",
            StripeUnavailable(_) | Unexpected(_) => return None,
        })
    }

    /// The parameter the error is about, if any.
    pub fn param(&self) -> Option<&str> {
        use ApiError::*;
        match self {
            ParameterMissing { param }
            | ParameterInvalid { param, .. }
            | ParameterUnknown { param }
            | ResourceMissing { param, .. } => Some(param),
            _ => None,
        }
    }

    /// The message shown to the caller; opaque for unexpected errors.
    pub fn public_message(&self) -> String {
        match self {
            ApiError::Unexpected(_) => "An unexpected error occurred. Please try again.".to_owned(),
            other => other.to_string(),
        }
    }

    /// The JSON body in Stripe's error shape.
    pub fn body(&self) -> serde_json::Value {
        json!({
            "error": {
                "type": self.error_type(),
                "code": self.code(),
                "param": self.param(),
                "message": self.public_message(),
            }
        })
    }

    /// The full HTTP response; logs the cause chain of unexpected errors.
    pub fn to_response(&self) -> Response<String> {
        match self {
            ApiError::Unexpected(e) => tracing::error!(error = ?e, "unexpected error"),
            ApiError::StripeUnavailable(m) => tracing::warn!(message = %m, "stripe unavailable"),
            _ => {}
        }
        let mut res = json_response(self.status(), &self.body());
        let headers = res.headers_mut();
        match self {
            ApiError::MethodNotAllowed { allow } => {
                headers.insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            ApiError::RateLimited { retry_after } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
            _ => {}
        }
        res
    }
}

/// A JSON response with the given status and body.
pub fn json_response(status: StatusCode, body: &serde_json::Value) -> Response<String> {
    let mut res = Response::new(body.to_string());
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(e: &ApiError) -> (u16, serde_json::Value) {
        let res = e.to_response();
        let body: serde_json::Value = serde_json::from_str(res.body()).unwrap();
        (res.status().as_u16(), body)
    }

    #[test]
    fn every_error_has_stripes_four_keys() {
        let errors = [
            ApiError::ParameterMissing {
                param: "customer".into(),
            },
            ApiError::Authentication("Invalid API key provided.".into()),
            ApiError::MethodNotAllowed { allow: "POST" },
            ApiError::PayloadTooLarge { limit: 16384 },
            ApiError::UnsupportedMediaType,
            ApiError::RateLimited { retry_after: 3 },
            ApiError::StripeUnavailable("Stripe is unreachable.".into()),
            ApiError::Unexpected(anyhow::anyhow!("boom")),
        ];
        for e in &errors {
            let (_, body) = shape(e);
            let obj = body["error"].as_object().unwrap();
            for k in ["type", "code", "param", "message"] {
                assert!(obj.contains_key(k), "{k} missing for {e:?}");
            }
        }
    }

    #[test]
    fn missing_parameter_is_a_400_naming_the_param() {
        let (status, body) = shape(&ApiError::ParameterMissing {
            param: "customer".into(),
        });
        assert_eq!(status, 400);
        assert_eq!(body["error"]["type"], "invalid_request_error");
        assert_eq!(body["error"]["code"], "parameter_missing");
        assert_eq!(body["error"]["param"], "customer");
        assert_eq!(
            body["error"]["message"],
            "Missing required param: customer."
        );
    }

    #[test]
    fn statuses_and_types_follow_the_spec() {
        let cases: [(ApiError, u16, &str); 8] = [
            (
                ApiError::Authentication("x".into()),
                401,
                "authentication_error",
            ),
            (
                ApiError::ResourceMissing {
                    kind: "customer",
                    param: "customer".into(),
                    id: "cus_1".into(),
                },
                404,
                "invalid_request_error",
            ),
            (
                ApiError::MethodNotAllowed { allow: "POST" },
                405,
                "invalid_request_error",
            ),
            (
                ApiError::PayloadTooLarge { limit: 1 },
                413,
                "invalid_request_error",
            ),
            (ApiError::UnsupportedMediaType, 415, "invalid_request_error"),
            (
                ApiError::RateLimited { retry_after: 1 },
                429,
                "rate_limit_error",
            ),
            (ApiError::StripeUnavailable("x".into()), 502, "api_error"),
            (ApiError::IdempotencyConflict, 400, "idempotency_error"),
        ];
        for (e, status, ty) in cases {
            let (s, body) = shape(&e);
            assert_eq!(s, status, "{e:?}");
            assert_eq!(body["error"]["type"], ty, "{e:?}");
        }
    }

    #[test]
    fn unexpected_errors_are_opaque() {
        let e = ApiError::Unexpected(anyhow::anyhow!("dynamodb said: secret detail"));
        let (status, body) = shape(&e);
        assert_eq!(status, 500);
        assert!(!body.to_string().contains("secret detail"));
    }

    #[test]
    fn method_not_allowed_carries_allow() {
        let res = ApiError::MethodNotAllowed { allow: "POST" }.to_response();
        assert_eq!(res.headers()[header::ALLOW], "POST");
    }
}
