//! The two inputs a page reads besides its path: the query string and a form body, each
//! parsed once and bounded. (Public for the benchmarks, `benches/hot_paths.rs`.)

use lambda_http::{Request, RequestExt};

/// Largest form body read; a larger one reads as empty (and so fails its CSRF check).
pub const MAX_FORM_BYTES: usize = 8 * 1024;
/// Longest form nonce accepted.
const MAX_NONCE: usize = 64;

/// A request's query parameters.
#[derive(Debug, Clone, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// The query of `req` (API Gateway's parsed parameters, else the URI's).
    pub fn of(req: &Request) -> Query {
        if let Some(q) = req.query_string_parameters_ref() {
            return Query(
                q.iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            );
        }
        let query = req.uri().query().unwrap_or_default();
        Query(
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A form body (`application/x-www-form-urlencoded`).
#[derive(Debug, Clone, Default)]
pub struct Form(Vec<(String, String)>);

impl Form {
    /// The body of `req`; empty if it is larger than [`MAX_FORM_BYTES`].
    pub fn of(req: &Request) -> Form {
        let body = req.body().as_ref();
        if body.len() > MAX_FORM_BYTES {
            return Form::default();
        }
        Form(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name`, if it is at most `max` bytes long.
    pub fn bounded(&self, name: &str, max: usize) -> Option<&str> {
        self.get(name).filter(|v| v.len() <= max)
    }

    /// Every pair, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The form's per-render nonce (letters and digits only), or `""`.
    pub fn nonce(&self) -> &str {
        self.get("nonce")
            .filter(|n| n.len() <= MAX_NONCE && n.bytes().all(|b| b.is_ascii_alphanumeric()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(body: &str) -> Request {
        http::Request::builder()
            .method("POST")
            .uri("/portal/x?a=1&b=%3Cx%3E&a=2")
            .body(lambda_http::Body::from(body.to_owned()))
            .unwrap()
    }

    #[test]
    fn forms_and_queries_are_read_once_and_bounded() {
        let f = Form::of(&post("csrf=abc&nonce=N0nce&comment=a+b&nonce=x"));
        assert_eq!(f.get("csrf"), Some("abc"));
        assert_eq!(f.get("comment"), Some("a b"));
        assert_eq!(f.nonce(), "N0nce");
        assert_eq!(f.bounded("comment", 2), None);
        assert_eq!(Form::of(&post("nonce=a-b")).nonce(), "");
        let big = format!("csrf=abc&x={}", "a".repeat(MAX_FORM_BYTES));
        assert_eq!(Form::of(&post(&big)).get("csrf"), None);
        let q = Query::of(&post(""));
        assert_eq!(q.get("a"), Some("1"));
        assert_eq!(q.get("b"), Some("<x>"));
        assert_eq!(q.get("c"), None);
    }
}
