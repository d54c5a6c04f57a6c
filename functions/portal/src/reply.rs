//! Replies before the security headers are added, and the friendly error pages.

use http::header::{ALLOW, CONTENT_TYPE, LOCATION, RETRY_AFTER, SET_COOKIE};
use http::{HeaderValue, StatusCode};
use lambda_http::{Body, Response};
use maud::Markup;
use shared::i18n::Catalogue;
use shared::project::Project;
use shared::settings::FrameAncestor;
use shared::views::{self, ErrorKind};

use crate::headers::{self, Caching};

/// A response before the security headers are added.
pub(crate) struct Reply {
    status: StatusCode,
    content_type: &'static str,
    body: String,
    caching: Caching,
    location: Option<String>,
    set_cookie: Option<String>,
    allow: Option<&'static str>,
    retry_after: Option<u64>,
    frame_ancestors: Vec<FrameAncestor>,
    form_targets: Vec<String>,
}

impl Reply {
    pub(crate) fn html(status: StatusCode, markup: Markup) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: markup.into_string(),
            caching: Caching::NoStore,
            location: None,
            set_cookie: None,
            allow: None,
            retry_after: None,
            frame_ancestors: Vec::new(),
            form_targets: Vec::new(),
        }
    }

    pub(crate) fn asset(content_type: &'static str, body: String, caching: Caching) -> Reply {
        Reply {
            content_type,
            caching,
            ..Reply::html(StatusCode::OK, maud::html! {})
        }
        .with_body(body)
    }

    fn with_body(mut self, body: String) -> Reply {
        self.body = body;
        self
    }

    /// Also allows `target`'s origin in `form-action` (a form post redirected there).
    pub(crate) fn with_form_target(mut self, target: Option<String>) -> Reply {
        self.form_targets.extend(target);
        self
    }

    /// The same reply with another status (a refused form answers 4xx with the form).
    pub(crate) fn with_status(mut self, status: StatusCode) -> Reply {
        self.status = status;
        self
    }

    pub(crate) fn see_other(location: String) -> Reply {
        Reply {
            location: Some(location),
            ..Reply::html(StatusCode::SEE_OTHER, maud::html! {})
        }
    }

    /// Frames and form targets this project allows.
    pub(crate) fn for_project(mut self, project: Option<&Project>) -> Reply {
        if let Some(p) = project {
            self.frame_ancestors = p.frame_ancestors.clone();
        }
        self
    }

    /// Also sets the cookie (`Set-Cookie` value).
    pub(crate) fn with_cookie(mut self, set_cookie: String) -> Reply {
        self.set_cookie = Some(set_cookie);
        self
    }

    /// Allows exactly `targets` in `form-action` besides `'self'`.
    pub(crate) fn with_form_targets(mut self, targets: Vec<String>) -> Reply {
        self.form_targets = targets;
        self
    }

    /// The status.
    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn into_response(self, head: bool) -> Response<Body> {
        let mut res = Response::new(if head {
            Body::Empty
        } else {
            Body::from(self.body)
        });
        *res.status_mut() = self.status;
        let h = res.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        if let Some(v) = self.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            h.insert(LOCATION, v);
        }
        if let Some(v) = self.set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
            h.insert(SET_COOKIE, v);
        }
        if let Some(allow) = self.allow {
            h.insert(ALLOW, HeaderValue::from_static(allow));
        }
        if let Some(seconds) = self.retry_after {
            h.insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        headers::apply(h, &self.frame_ancestors, &self.form_targets, self.caching);
        res
    }
}

/// The catalogue of pages that know no session (and so no locale).
pub(crate) fn en() -> &'static Catalogue {
    Catalogue::english()
}

/// A friendly error page with its status.
pub(crate) fn error_reply(kind: ErrorKind) -> Reply {
    error_reply_in(en(), kind)
}

/// A friendly error page with its status, in the language `t`.
pub(crate) fn error_reply_in(t: &'static Catalogue, kind: ErrorKind) -> Reply {
    let status = match kind {
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    Reply::html(status, views::error_page(t, None, kind))
}

/// 429: this session made too many requests; try again in `seconds`.
pub(crate) fn too_many_requests(project: &Project, seconds: u64) -> Reply {
    let brand = views::Brand::of(project);
    Reply {
        retry_after: Some(seconds),
        ..Reply::html(
            StatusCode::TOO_MANY_REQUESTS,
            views::rate_limited(en(), Some(&brand)),
        )
        .for_project(Some(project))
    }
}

/// 405 naming what is allowed.
pub(crate) fn method_not_allowed(allow: &'static str) -> Reply {
    Reply {
        allow: Some(allow),
        ..error_reply(ErrorKind::MethodNotAllowed)
    }
}
