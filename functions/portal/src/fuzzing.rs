//! Thin public wrappers around the portal's crate-private parsers, for the fuzz targets in
//! `fuzz/` only: not an API, no behaviour of their own. Each calls the parser the
//! handler calls, on the same input shape (a request's body, its URI, method and path).

use http::Method;

use crate::flash::Flash;
use crate::request;
use crate::route::{Miss, PortalRoute};

/// A form body as `request::Form::of` reads it.
pub struct Form(request::Form);

impl Form {
    /// Reads `body` exactly as a `POST` with that body is read.
    pub fn of(body: &[u8]) -> Form {
        let req = http::Request::builder()
            .method(Method::POST)
            .uri("/portal")
            .body(lambda_http::Body::from(body.to_vec()))
            .unwrap_or_default();
        Form(request::Form::of(&req))
    }

    /// `Form::get`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name)
    }

    /// `Form::bounded`.
    pub fn bounded(&self, name: &str, max: usize) -> Option<&str> {
        self.0.bounded(name, max)
    }

    /// `Form::pairs`.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.pairs()
    }

    /// `Form::nonce`.
    pub fn nonce(&self) -> &str {
        self.0.nonce()
    }
}

/// The largest form body read (a larger one reads as empty).
pub const MAX_FORM_BYTES: usize = request::MAX_FORM_BYTES;

/// A query as `request::Query::of` reads it from a request URI.
pub struct Query(request::Query);

impl Query {
    /// Reads the query of `uri` (`/portal?a=1`); `None` if `uri` is not a request URI.
    pub fn of_uri(uri: &str) -> Option<Query> {
        let uri = http::Uri::try_from(uri).ok()?;
        let req = http::Request::builder()
            .uri(uri)
            .body(lambda_http::Body::Empty)
            .ok()?;
        Some(Query(request::Query::of(&req)))
    }

    /// `Query::get`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name)
    }

    /// Whether the query carries the one notice a redirect may set (`Flash::of`).
    pub fn has_notice(&self) -> bool {
        Flash::of(&self.0).is_some()
    }
}

/// What `PortalRoute::parse` made of a method and a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A route: its log name, whether it is a static asset, and the token it carries
    /// (sign-in routes).
    Found {
        /// `PortalRoute::name`.
        name: &'static str,
        /// `PortalRoute::is_asset`.
        asset: bool,
        /// The token of a landing, sign-in or relink route.
        token: Option<String>,
    },
    /// 404.
    NotFound {
        /// The name it is logged under.
        name: &'static str,
    },
    /// 405 with its `Allow` header.
    MethodNotAllowed {
        /// The name it is logged under.
        name: &'static str,
        /// The `Allow` value.
        allow: &'static str,
    },
}

/// `PortalRoute::parse(method, path)`.
pub fn route(method: &Method, path: &str) -> Route {
    match PortalRoute::parse(method, path) {
        Ok(r) => {
            let token = match &r {
                PortalRoute::Landing(t) | PortalRoute::SignIn(t) | PortalRoute::Relink(t) => {
                    Some(t.clone())
                }
                _ => None,
            };
            Route::Found {
                name: r.name(),
                asset: r.is_asset(),
                token,
            }
        }
        Err(missed) => match missed.miss {
            Miss::NotFound => Route::NotFound { name: missed.name },
            Miss::MethodNotAllowed(allow) => Route::MethodNotAllowed {
                name: missed.name,
                allow,
            },
        },
    }
}
