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
    pub current_phase: Option<PhaseBounds>,
    /// Every phase, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// What happens after the last phase: `release`, `cancel` or `none`.
    pub end_behavior: Option<String>,
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

    /// The parameters that give a new schedule of the same subscription these phases:
    /// undoes a release that the write after it could not follow (a half-applied change
    /// is compensated, never left).
    pub fn restore_params(&self) -> ScheduleUpdate {
        let end_behavior = match self.end_behavior.as_deref() {
            Some("cancel") => "cancel",
            Some("none") => "none",
            _ => "release",
        };
        let phases = self
            .phases
            .iter()
            .map(|p| PhaseParams {
                items: p
                    .items
                    .iter()
                    .filter_map(|i| {
                        Some(PhaseItemParams {
                            price: PriceId::parse(i.price_id()).ok()?,
                            quantity: i.quantity,
                        })
                    })
                    .collect(),
                start_date: Some(p.start_date),
                end_date: p.end_date,
                duration: None,
                proration_behavior: Some(ProrationBehavior::None),
            })
            .collect();
        ScheduleUpdate {
            end_behavior,
            phases,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_released_schedule_can_be_given_back_its_phases() {
        let s: Schedule = serde_json::from_value(serde_json::json!({
            "id": "sub_sched_1", "status": "active", "end_behavior": "release",
            "current_phase": {"start_date": 10, "end_date": 20},
            "phases": [
                {"start_date": 10, "end_date": 20, "items": [{"price": "price_pro", "quantity": 2}]},
                {"start_date": 20, "end_date": 50, "items": [{"price": {"id": "price_basic",
                    "currency": "usd", "product": "prod_1"}, "quantity": 2}]}
            ]
        }))
        .unwrap();
        let p = s.restore_params();
        assert_eq!(p.end_behavior, "release");
        assert_eq!(p.phases.len(), 2);
        assert_eq!(p.phases[0].items[0].price.as_str(), "price_pro");
        assert_eq!(
            (p.phases[1].start_date, p.phases[1].end_date),
            (Some(20), Some(50))
        );
        assert_eq!(p.phases[1].items[0].price.as_str(), "price_basic");
        assert_eq!(p.phases[1].items[0].quantity, Some(2));
    }
}
