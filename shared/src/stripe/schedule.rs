//! Subscription schedules: how a plan change waits for the period end.

use serde::{Deserialize, Serialize};

use super::list::{Expandable, HasId};
use super::price::Price;
use crate::ids::{PriceId, ScheduleId};
use crate::project::ProrationBehavior;

/// A subscription schedule, as far as the portal reads it.
#[derive(Debug, Clone, Deserialize)]
pub struct Schedule {
    /// `sub_sched_…`.
    pub id: ScheduleId,
    /// `not_started`, `active`, `completed`, `released`, `canceled`.
    pub status: String,
    /// The running phase's bounds.
    #[serde(default)]
    pub current_phase: Option<PhaseBounds>,
    /// Every phase, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
}

impl HasId for Schedule {
    fn stripe_id(&self) -> &str {
        self.id.as_str()
    }
}

/// Start and end of a phase, epoch seconds.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PhaseBounds {
    /// Start.
    pub start_date: i64,
    /// End.
    pub end_date: i64,
}

/// One phase of a schedule.
#[derive(Debug, Clone, Deserialize)]
pub struct Phase {
    /// Start, epoch seconds.
    pub start_date: i64,
    /// End, epoch seconds.
    #[serde(default)]
    pub end_date: Option<i64>,
    /// What the subscription holds during the phase.
    #[serde(default)]
    pub items: Vec<PhaseItem>,
}

/// One item of a phase.
#[derive(Debug, Clone, Deserialize)]
pub struct PhaseItem {
    /// The price (an id unless expanded).
    pub price: Expandable<Price>,
    /// Quantity (absent for metered prices).
    #[serde(default)]
    pub quantity: Option<u64>,
}

impl PhaseItem {
    /// The price's id, expanded or not.
    pub fn price_id(&self) -> &str {
        self.price.id()
    }
}

impl Schedule {
    /// Whether it still manages its subscription.
    pub fn is_live(&self) -> bool {
        matches!(self.status.as_str(), "active" | "not_started")
    }

    /// The phase after the running one, while the schedule is live.
    pub fn next_phase(&self) -> Option<&Phase> {
        if !self.is_live() {
            return None;
        }
        let end = self.current_phase?.end_date;
        self.phases.iter().find(|p| p.start_date >= end)
    }
}

/// One item of a phase to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseItemParams {
    /// The price.
    pub price: PriceId,
    /// The quantity (absent for metered prices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u64>,
}

/// How long a phase lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseDuration {
    /// `day`, `week`, `month`, `year`.
    pub interval: String,
    /// How many intervals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval_count: Option<u32>,
}

/// One phase to write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseParams {
    /// What the subscription holds.
    pub items: Vec<PhaseItemParams>,
    /// Start, epoch seconds (the running phase keeps its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<i64>,
    /// End, epoch seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<i64>,
    /// Length, where it has no end date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<PhaseDuration>,
    /// Proration when the phase starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proration_behavior: Option<ProrationBehavior>,
}

/// `POST /v1/subscription_schedules/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleUpdate {
    /// What happens after the last phase (`release`).
    pub end_behavior: &'static str,
    /// Every phase, the running one first.
    pub phases: Vec<PhaseParams>,
}
