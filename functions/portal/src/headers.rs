//! Security headers, set in one place on every response.

use http::header::{
    HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use http::{HeaderMap, HeaderName};
use shared::settings::FrameAncestor;

/// How a response may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// Pages, redirects, errors.
    NoStore,
    /// Content-addressed assets.
    Immutable,
    /// Assets whose URL does not change with their content.
    Day,
}

/// The origin of a URL (for `form-action` on redirects out of a form post).
pub fn url_origin(u: &str) -> Option<String> {
    let url = url::Url::parse(u).ok()?;
    matches!(url.scheme(), "https" | "http").then(|| url.origin().ascii_serialization())
}

/// Tells search engines never to index (or show) a portal response: the pages are a
/// customer's private billing, and a link that leaked must not become a search result.
pub const X_ROBOTS_TAG: HeaderName = HeaderName::from_static("x-robots-tag");

/// Adds CSP, framing, referrer, sniffing, indexing and caching headers.
pub fn apply(
    headers: &mut HeaderMap,
    frame_ancestors: &[FrameAncestor],
    form_targets: &[String],
    caching: Caching,
) {
    // Parsed origins (`FrameAncestor::parse`): nothing in them can add a directive.
    let ancestors: Vec<&str> = frame_ancestors.iter().map(FrameAncestor::as_str).collect();
    let targets: Vec<String> = form_targets.iter().filter_map(|t| url_origin(t)).collect();
    let frame = if ancestors.is_empty() {
        "'none'".to_owned()
    } else {
        ancestors.join(" ")
    };
    let form_action = std::iter::once("'self'".to_owned())
        .chain(targets)
        .collect::<Vec<_>>()
        .join(" ");
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; \
         form-action {form_action}; frame-ancestors {frame}; base-uri 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        headers.insert(CONTENT_SECURITY_POLICY, v);
    } else {
        // Unreachable with validated origins; fall back to the strictest policy.
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
        );
    }
    if ancestors.is_empty() {
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_ROBOTS_TAG, HeaderValue::from_static("noindex"));
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(match caching {
            Caching::NoStore => "no-store",
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Day => "public, max-age=86400",
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_ancestors_means_none_and_deny() {
        let mut h = HeaderMap::new();
        apply(&mut h, &[], &[], Caching::NoStore);
        let csp = h[CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("script-src 'self'"));
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h[X_FRAME_OPTIONS], "DENY");
        assert_eq!(h[CACHE_CONTROL], "no-store");
    }

    #[test]
    fn listed_ancestors_replace_deny() {
        let mut h = HeaderMap::new();
        apply(
            &mut h,
            &[FrameAncestor::parse("https://app.acme.test").unwrap()],
            &[],
            Caching::NoStore,
        );
        assert!(h[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("frame-ancestors https://app.acme.test;"));
        assert!(h.get(X_FRAME_OPTIONS).is_none());
    }
}
