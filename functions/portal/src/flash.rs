//! Notices a redirect carries to the page it lands on (`?notice=<key>`), so a failed
//! action is reported on the page it came from while POSTs still answer 303 (PRG).
//!
//! The key is one of a fixed set and the text comes from the catalogue: a crafted link
//! can show nothing but these sentences.

use shared::i18n::Catalogue;

use crate::reply::Reply;
use crate::request::Query;

/// What the landing page should say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flash {
    /// An action failed at Stripe (or could not be checked): nothing was changed.
    ActionFailed,
    /// An action failed half-way and undoing it failed too: it may be partly made.
    MaybeChanged,
    /// A retention offer no longer applies (used in the last 12 months, or a discount
    /// is already on the subscription): nothing was changed.
    OfferUnavailable,
    /// A retention offer (a coupon or a pause) was applied.
    OfferApplied,
}

impl Flash {
    const ALL: [Flash; 4] = [
        Flash::ActionFailed,
        Flash::MaybeChanged,
        Flash::OfferUnavailable,
        Flash::OfferApplied,
    ];

    fn key(self) -> &'static str {
        match self {
            Flash::ActionFailed => "action_failed",
            Flash::MaybeChanged => "action_maybe_changed",
            Flash::OfferUnavailable => "offer_unavailable",
            Flash::OfferApplied => "offer_applied",
        }
    }

    /// The sentence, in the session's language.
    pub(crate) fn text(self, t: &'static Catalogue) -> &'static str {
        match self {
            Flash::ActionFailed => t.action_failed(),
            Flash::MaybeChanged => t.action_maybe_changed(),
            Flash::OfferUnavailable => t.offers().offer_unavailable(),
            Flash::OfferApplied => t.offers().offer_applied(),
        }
    }

    /// `303 See Other` to `path` (a path of ours, without a query) carrying this notice.
    pub(crate) fn redirect(self, path: &str) -> Reply {
        Reply::see_other(format!("{path}?notice={}", self.key()))
    }

    /// The notice named by the request's query, if it is one of ours.
    pub(crate) fn of(query: &Query) -> Option<Flash> {
        let value = query.get("notice")?;
        Flash::ALL.into_iter().find(|f| f.key() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(uri: &str) -> Query {
        Query::of(
            &http::Request::builder()
                .uri(uri)
                .body(lambda_http::Body::Empty)
                .unwrap(),
        )
    }

    #[test]
    fn only_known_notices_are_read_from_the_query() {
        assert_eq!(
            Flash::of(&get("/portal?notice=action_failed")),
            Some(Flash::ActionFailed)
        );
        for uri in [
            "/portal",
            "/portal?notice=",
            "/portal?notice=%3Cscript%3E",
            "/portal?notice=ACTION_FAILED",
            "/portal?other=action_failed",
        ] {
            assert_eq!(Flash::of(&get(uri)), None, "{uri}");
        }
    }
}
