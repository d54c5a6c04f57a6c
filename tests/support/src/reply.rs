//! A function's answer, read.

use http::{HeaderMap, StatusCode};
use lambda_http::{Body, Response};

/// A response, read.
pub struct Got {
    /// Status code.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text (empty when there is none).
    pub body: String,
}

impl Got {
    /// The value of header `name`; panics when it is missing.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("a text header"))
            .unwrap_or_else(|| panic!("missing header {name}"))
    }

    /// `name=value` of the Set-Cookie header.
    pub fn cookie(&self) -> String {
        self.header("set-cookie")
            .split(';')
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// The hidden CSRF field's value.
    pub fn csrf(&self) -> String {
        let field = "name=\"csrf\" value=\"";
        let at = self.body.find(field).expect("a csrf field") + field.len();
        let rest = &self.body[at..];
        rest[..rest.find('"').expect("a closed csrf value")].to_owned()
    }
}

/// Reads `res` into a [`Got`].
pub fn read(res: Response<Body>) -> Got {
    let (parts, body) = res.into_parts();
    let body = match body {
        Body::Empty => String::new(),
        Body::Text(t) => t,
        Body::Binary(b) => String::from_utf8(b).expect("a UTF-8 body"),
        _ => String::new(),
    };
    Got {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}
