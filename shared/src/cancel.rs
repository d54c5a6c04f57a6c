//! The cancel policy: the one-click subscription actions (cancel, renew, pause, resume)
//! as pure functions from the form and the subscription's state to Stripe's parameters.
//! The portal reads, calls these, and writes; nothing here does I/O.

use std::collections::BTreeMap;

use crate::metrics::Job;
use crate::offers::{self, ReasonKey};
use crate::project::{CancellationMode, Project};
use crate::stripe::{
    CancellationDetails, Clearable, PauseParams, Subscription, SubscriptionCancel,
    SubscriptionStatus, SubscriptionUpdate,
};

pub use crate::retention::REASON_CODES;
/// Longest cancellation comment kept (characters).
pub const MAX_COMMENT_CHARS: usize = 500;
/// Pause lengths offered (days), capped by the project's maximum.
pub const PAUSE_CHOICES: [u32; 5] = [7, 14, 30, 60, 90];
const DAY: i64 = 24 * 3600;

/// Which action a form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// Cancel (at the period end or now, as the project says).
    Cancel,
    /// Undo a scheduled cancellation.
    Renew,
    /// Pause collection.
    Pause,
    /// Resume collection.
    Resume,
}

impl Verb {
    /// The verb named in a path (`cancel`, `renew`, `pause`, `resume`).
    pub fn of(s: &str) -> Option<Verb> {
        Some(match s {
            "cancel" => Verb::Cancel,
            "renew" => Verb::Renew,
            "pause" => Verb::Pause,
            "resume" => Verb::Resume,
            _ => return None,
        })
    }

    /// Its name in paths, logs and idempotency keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Cancel => "cancel",
            Verb::Renew => "renew",
            Verb::Pause => "pause",
            Verb::Resume => "resume",
        }
    }
}

/// A cancellation with what the customer said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cancel {
    /// Stripe's `cancellation_details` (a project's own reason is `other` there).
    pub details: CancellationDetails,
    /// The reason given, where the project asks about it.
    pub reason: Option<ReasonKey>,
    /// Metadata written with it: a project's own reason, by key and English label.
    pub metadata: BTreeMap<String, String>,
}

/// An action the form asked for, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Cancel, with the reason and comment given (where the project asks).
    Cancel(Cancel),
    /// Undo a scheduled cancellation.
    Renew,
    /// Pause collection until `resumes_at` (epoch seconds).
    Pause {
        /// When collection resumes.
        resumes_at: i64,
    },
    /// Resume collection.
    Resume,
}

/// A form the project does not allow (answered 404: nothing to act on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the project does not offer this")]
pub struct NotOffered;

/// The Stripe write an action makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// `POST /v1/subscriptions/{id}`; first release the subscription's schedule (Stripe
    /// refuses to edit a subscription a schedule manages: cancelling supersedes a plan
    /// change due at the period end).
    Update {
        /// Release the schedule first.
        release_schedule: bool,
        /// The update.
        params: SubscriptionUpdate,
    },
    /// `DELETE /v1/subscriptions/{id}`: cancel now.
    CancelNow(SubscriptionCancel),
}

impl Write {
    /// The write with `stamp` added to its update's metadata (in the same request: the
    /// session's language, `mail::session_lang_metadata`). An immediate cancel takes no
    /// metadata: its stamp goes first, with [`Action::metadata_first`].
    pub fn stamped(self, stamp: &BTreeMap<String, String>) -> Write {
        match self {
            Write::Update {
                release_schedule,
                mut params,
            } => {
                params
                    .metadata
                    .extend(stamp.iter().map(|(k, v)| (k.clone(), v.clone())));
                Write::Update {
                    release_schedule,
                    params,
                }
            }
            other => other,
        }
    }
}

/// What the customer said, from the form, where the project asks. A project's own reason
/// is `other` at Stripe (which takes only its eight codes) and named in the metadata by
/// its key and English label (stable for the tenant whatever the customer's language).
fn details<'a>(field: impl Fn(&str) -> Option<&'a str>, project: &Project) -> Cancel {
    if !project.reason_survey {
        return Cancel::default();
    }
    let reason = field("reason").and_then(|r| offers::reason(project, r));
    let feedback = reason.as_ref().map(|r| offers::feedback(r).to_owned());
    let metadata = reason
        .as_ref()
        .map(|r| offers::reason_metadata(project, r))
        .unwrap_or_default();
    let comment = field("comment")
        .map(|c| c.trim().chars().take(MAX_COMMENT_CHARS).collect::<String>())
        .filter(|c| !c.is_empty());
    Cancel {
        details: CancellationDetails { feedback, comment },
        reason,
        metadata,
    }
}

impl Action {
    /// The action `verb` asks for, read from the form (`field` looks up its values).
    pub fn parse<'a>(
        verb: Verb,
        field: impl Fn(&str) -> Option<&'a str>,
        project: &Project,
        now: i64,
    ) -> Result<Action, NotOffered> {
        Ok(match verb {
            Verb::Cancel => Action::Cancel(details(field, project)),
            Verb::Renew => Action::Renew,
            Verb::Resume => Action::Resume,
            Verb::Pause => {
                let days = field("days")
                    .and_then(|d| d.parse::<u32>().ok())
                    .filter(|d| project.pause_offered && (1..=project.max_pause_days).contains(d))
                    .ok_or(NotOffered)?;
                Action::Pause {
                    resumes_at: now + i64::from(days) * DAY,
                }
            }
        })
    }

    /// Its verb.
    pub fn verb(&self) -> Verb {
        match self {
            Action::Cancel(_) => Verb::Cancel,
            Action::Renew => Verb::Renew,
            Action::Pause { .. } => Verb::Pause,
            Action::Resume => Verb::Resume,
        }
    }

    /// The write that makes it on `current` under the project's cancellation mode.
    pub fn write(&self, mode: CancellationMode, current: &Subscription) -> Write {
        let update = |params| Write::Update {
            release_schedule: false,
            params,
        };
        match self {
            Action::Cancel(cancel) => {
                let details = (!cancel.details.is_empty()).then(|| cancel.details.clone());
                match mode {
                    CancellationMode::PeriodEnd => Write::Update {
                        release_schedule: current.schedule.is_some(),
                        params: SubscriptionUpdate {
                            cancel_at_period_end: Some(true),
                            cancellation_details: details,
                            metadata: cancel.metadata.clone(),
                            ..SubscriptionUpdate::default()
                        },
                    },
                    CancellationMode::Immediate => Write::CancelNow(SubscriptionCancel {
                        cancellation_details: details,
                    }),
                }
            }
            Action::Renew if current.cancel_at_period_end => update(SubscriptionUpdate {
                cancel_at_period_end: Some(false),
                ..SubscriptionUpdate::default()
            }),
            Action::Renew => update(SubscriptionUpdate {
                cancel_at: Some(Clearable::Clear),
                ..SubscriptionUpdate::default()
            }),
            Action::Pause { resumes_at } => update(SubscriptionUpdate {
                pause_collection: Some(Clearable::Set(PauseParams {
                    behavior: "void",
                    resumes_at: *resumes_at,
                })),
                ..SubscriptionUpdate::default()
            }),
            Action::Resume => update(SubscriptionUpdate {
                pause_collection: Some(Clearable::Clear),
                ..SubscriptionUpdate::default()
            }),
        }
    }

    /// The metadata an immediate cancellation writes first (Stripe's cancel takes none):
    /// a project's own reason, and `stamp` (the session's language,
    /// `mail::session_lang_metadata`, so the cancellation email speaks it). `None` when
    /// there is nothing to write first.
    pub fn metadata_first(
        &self,
        mode: CancellationMode,
        stamp: &BTreeMap<String, String>,
    ) -> Option<SubscriptionUpdate> {
        match (self, mode) {
            (Action::Cancel(c), CancellationMode::Immediate)
                if !c.metadata.is_empty() || !stamp.is_empty() =>
            {
                let mut metadata = c.metadata.clone();
                metadata.extend(stamp.iter().map(|(k, v)| (k.clone(), v.clone())));
                Some(SubscriptionUpdate {
                    metadata,
                    ..SubscriptionUpdate::default()
                })
            }
            _ => None,
        }
    }

    /// Whether `sub` already shows what the action asks for (a resubmitted form, or a
    /// write that landed although its answer was lost).
    pub fn applied(&self, mode: CancellationMode, sub: &Subscription) -> bool {
        match (self, mode) {
            (Action::Cancel(_), CancellationMode::PeriodEnd) => sub.cancellation_scheduled(),
            (Action::Cancel(_), CancellationMode::Immediate) => {
                sub.status == SubscriptionStatus::Canceled
            }
            (Action::Renew, _) => !sub.cancellation_scheduled(),
            (Action::Pause { .. }, _) => sub.collection_paused(),
            (Action::Resume, _) => !sub.collection_paused(),
        }
    }

    /// The job it counts as.
    pub fn job(&self) -> Job {
        match self {
            Action::Cancel(_) => Job::Cancelled,
            Action::Renew => Job::Renewed,
            Action::Pause { .. } => Job::Paused,
            Action::Resume => Job::Resumed,
        }
    }

    /// Whether a failure goes back to the cancel page (its buttons are there) rather than
    /// the overview.
    pub fn from_cancel_page(&self) -> bool {
        matches!(self, Action::Cancel(_) | Action::Pause { .. })
    }
}

/// When a cancellation of `sub` would take effect: its period end, or `None` for "now".
pub fn ends_at(project: &Project, sub: &Subscription) -> Option<i64> {
    match project.cancellation_mode {
        CancellationMode::PeriodEnd => sub.next_renewal(),
        CancellationMode::Immediate => None,
    }
}

/// The pause choices the cancel page offers: (days, resume date), capped by the project's
/// longest pause; none where the project does not offer pause.
pub fn pause_options(project: &Project, now: i64) -> Vec<(u32, i64)> {
    if !project.pause_offered || project.max_pause_days == 0 {
        return Vec::new();
    }
    let mut days: Vec<u32> = PAUSE_CHOICES
        .into_iter()
        .filter(|d| *d < project.max_pause_days)
        .collect();
    days.push(project.max_pause_days);
    days.into_iter()
        .map(|d| (d, now + i64::from(d) * DAY))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn project() -> Project {
        let mut p = crate::project::test_project();
        p.pause_offered = true;
        p.max_pause_days = 30;
        p
    }

    fn sub(extra: serde_json::Value) -> Subscription {
        let mut v = json!({"id": "sub_1", "customer": "cus_1", "status": "active",
            "cancel_at_period_end": false, "cancel_at": null, "pause_collection": null,
            "items": {"data": [{"id": "si_1", "current_period_end": 5000,
                "price": {"id": "price_1", "currency": "usd", "product": "prod_1"}}]}});
        if let (Some(v), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
            v.extend(extra.clone());
        }
        serde_json::from_value(v).unwrap()
    }

    fn form<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }

    #[test]
    fn an_action_counts_as_applied_only_when_the_subscription_shows_it() {
        let period_end = CancellationMode::PeriodEnd;
        let live = sub(json!({}));
        let scheduled = sub(json!({"cancel_at_period_end": true, "cancel_at": 1}));
        let at_date = sub(json!({"cancel_at": 1}));
        let paused = sub(json!({"pause_collection": {"behavior": "void"}}));
        let canceled = sub(json!({"status": "canceled"}));
        let cancel = Action::Cancel(Cancel::default());
        let pause = Action::Pause { resumes_at: 9 };
        assert!(!cancel.applied(period_end, &live));
        assert!(cancel.applied(period_end, &scheduled));
        assert!(cancel.applied(period_end, &at_date));
        assert!(!cancel.applied(CancellationMode::Immediate, &scheduled));
        assert!(cancel.applied(CancellationMode::Immediate, &canceled));
        assert!(Action::Renew.applied(period_end, &live));
        assert!(!Action::Renew.applied(period_end, &at_date));
        assert!(pause.applied(period_end, &paused));
        assert!(!pause.applied(period_end, &live));
        assert!(Action::Resume.applied(period_end, &live));
        assert!(!Action::Resume.applied(period_end, &paused));
    }

    #[test]
    fn a_cancel_carries_the_reason_only_where_the_survey_is_on() {
        let mut p = project();
        let given = [("reason", "too_expensive"), ("comment", "  pricey  ")];
        let Action::Cancel(c) = Action::parse(Verb::Cancel, form(&given), &p, 0).unwrap() else {
            panic!("not a cancel");
        };
        assert_eq!(c.details.feedback.as_deref(), Some("too_expensive"));
        assert_eq!(c.details.comment.as_deref(), Some("pricey"));
        assert!(c.metadata.is_empty());
        let made_up = [("reason", "i_said_so"), ("comment", "")];
        assert_eq!(
            Action::parse(Verb::Cancel, form(&made_up), &p, 0),
            Ok(Action::Cancel(Cancel::default()))
        );
        let long = "x".repeat(600);
        let Action::Cancel(c) =
            Action::parse(Verb::Cancel, form(&[("comment", &long)]), &p, 0).unwrap()
        else {
            panic!("not a cancel");
        };
        assert_eq!(
            c.details.comment.map(|c| c.chars().count()),
            Some(MAX_COMMENT_CHARS)
        );
        p.custom_reasons = offers::CustomReason::parse_list("moving=Moving abroad").unwrap();
        let Action::Cancel(c) =
            Action::parse(Verb::Cancel, form(&[("reason", "moving")]), &p, 0).unwrap()
        else {
            panic!("not a cancel");
        };
        assert_eq!(c.details.feedback.as_deref(), Some("other"));
        assert_eq!(c.metadata[offers::META_REASON_LABEL], "Moving abroad");
        let Write::Update { params, .. } =
            Action::Cancel(c.clone()).write(CancellationMode::PeriodEnd, &sub(json!({})))
        else {
            panic!("a period-end cancel is an update");
        };
        assert_eq!(params.metadata[offers::META_REASON], "moving");
        assert!(Action::Cancel(c.clone())
            .metadata_first(CancellationMode::PeriodEnd, &BTreeMap::new())
            .is_none());
        assert!(Action::Cancel(c)
            .metadata_first(CancellationMode::Immediate, &BTreeMap::new())
            .is_some());
        p.reason_survey = false;
        assert_eq!(
            Action::parse(Verb::Cancel, form(&given), &p, 0),
            Ok(Action::Cancel(Cancel::default()))
        );
    }

    #[test]
    fn a_pause_is_bounded_by_the_project() {
        let mut p = project();
        assert_eq!(
            Action::parse(Verb::Pause, form(&[("days", "14")]), &p, 100),
            Ok(Action::Pause {
                resumes_at: 100 + 14 * DAY
            })
        );
        for bad in ["0", "31", "-1", "x", ""] {
            assert_eq!(
                Action::parse(Verb::Pause, form(&[("days", bad)]), &p, 0),
                Err(NotOffered),
                "{bad}"
            );
        }
        p.pause_offered = false;
        assert_eq!(
            Action::parse(Verb::Pause, form(&[("days", "14")]), &p, 0),
            Err(NotOffered)
        );
        assert!(pause_options(&p, 0).is_empty());
        p.pause_offered = true;
        let offered: Vec<u32> = pause_options(&p, 0).iter().map(|(d, _)| *d).collect();
        assert_eq!(offered, vec![7, 14, 30]);
    }

    #[test]
    fn each_action_writes_what_stripe_needs() {
        let live = sub(json!({}));
        let cancel = Action::Cancel(Cancel {
            details: CancellationDetails {
                feedback: Some("unused".to_owned()),
                comment: None,
            },
            ..Cancel::default()
        });
        let Write::Update {
            release_schedule,
            params,
        } = cancel.write(CancellationMode::PeriodEnd, &live)
        else {
            panic!("a period-end cancel is an update");
        };
        assert!(!release_schedule);
        assert_eq!(params.cancel_at_period_end, Some(true));
        assert_eq!(
            params.cancellation_details.unwrap().feedback.as_deref(),
            Some("unused")
        );
        let managed = sub(json!({"schedule": "sub_sched_1"}));
        assert!(matches!(
            cancel.write(CancellationMode::PeriodEnd, &managed),
            Write::Update {
                release_schedule: true,
                ..
            }
        ));
        assert!(matches!(
            cancel.write(CancellationMode::Immediate, &live),
            Write::CancelNow(_)
        ));
        let renew_at_end = Action::Renew.write(
            CancellationMode::PeriodEnd,
            &sub(json!({"cancel_at_period_end": true})),
        );
        let Write::Update { params, .. } = renew_at_end else {
            panic!("renew is an update");
        };
        assert_eq!(params.cancel_at_period_end, Some(false));
        let Write::Update { params, .. } =
            Action::Renew.write(CancellationMode::PeriodEnd, &sub(json!({"cancel_at": 9})))
        else {
            panic!("renew is an update");
        };
        assert_eq!(params.cancel_at, Some(Clearable::Clear));
        let Write::Update { params, .. } = Action::Resume.write(CancellationMode::PeriodEnd, &live)
        else {
            panic!("resume is an update");
        };
        assert_eq!(params.pause_collection, Some(Clearable::Clear));
    }

    #[test]
    fn every_action_carries_the_session_language_in_its_own_update() {
        let stamp = crate::mail::session_lang_metadata(crate::i18n::Lang::De, 1000);
        let live = sub(json!({}));
        let scheduled = sub(json!({"cancel_at_period_end": true}));
        let paused = sub(json!({"pause_collection": {"behavior": "void"}}));
        let cancel = Action::Cancel(Cancel::default());
        let cases = [
            (&cancel, &live),
            (&Action::Renew, &scheduled),
            (&Action::Pause { resumes_at: 9 }, &live),
            (&Action::Resume, &paused),
        ];
        for (action, current) in cases {
            let Write::Update { params, .. } = action
                .write(CancellationMode::PeriodEnd, current)
                .stamped(&stamp)
            else {
                panic!("{:?} is an update", action.verb());
            };
            assert_eq!(params.metadata[crate::mail::META_LOCALE], "de");
            assert_eq!(params.metadata[crate::mail::META_LOCALE_AT], "1000");
            assert!(action
                .metadata_first(CancellationMode::PeriodEnd, &stamp)
                .is_none());
        }
        // Stripe's cancel-now takes no metadata: the stamp is written just before it.
        assert!(matches!(
            cancel
                .write(CancellationMode::Immediate, &live)
                .stamped(&stamp),
            Write::CancelNow(_)
        ));
        let first = cancel
            .metadata_first(CancellationMode::Immediate, &stamp)
            .unwrap();
        assert_eq!(first.metadata, stamp);
    }
}
