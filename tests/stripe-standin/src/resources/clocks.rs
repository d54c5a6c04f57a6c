//! Time: test clocks and the engine that applies what happens as time passes
//! (renewals, trial ends, scheduled cancellations, pause ends, schedule phases).

use serde_json::{json, Value};

use super::{discounts, lifecycle, schedules, subscriptions};
use crate::error::{ApiError, ApiResult};
use crate::events::emit;
use crate::form::Params;
use crate::state::{new_id, paginate, wall_now, Account, Ctx};

/// Which objects a time change moves.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Objects of customers without a test clock (the account's own time offset).
    Account,
    /// Objects of customers on this test clock.
    Clock(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    // Order = priority when several things happen at the same instant: a discount that ends at
    // a renewal no longer applies to it.
    DiscountEnd,
    Cancel,
    PhaseEnd,
    Unpause,
    TrialEnd,
    Expire,
    Renew,
}

fn in_scope(sub: &Value, scope: &Scope) -> bool {
    match scope {
        Scope::Account => sub["test_clock"].is_null(),
        Scope::Clock(c) => sub["test_clock"] == c.as_str(),
    }
}

fn customer_in_scope(customer: &Value, scope: &Scope) -> bool {
    match scope {
        Scope::Account => customer["test_clock"].is_null(),
        Scope::Clock(c) => customer["test_clock"] == c.as_str(),
    }
}

fn next_due(acct: &Account, scope: &Scope) -> Option<(i64, Action, String)> {
    let mut best: Option<(i64, Action, String)> = None;
    let mut consider = |t: i64, a: Action, id: &str| {
        let better = match &best {
            None => true,
            Some((bt, ba, _)) => (t, a) < (*bt, *ba),
        };
        if better {
            best = Some((t, a, id.to_string()));
        }
    };
    for customer in acct
        .all("customer")
        .iter()
        .filter(|c| c["discount"].is_object() && customer_in_scope(c, scope))
    {
        for (end, discount) in discounts::endings(acct, customer) {
            consider(end, Action::DiscountEnd, &discount);
        }
    }
    for sub in acct
        .all("subscription")
        .iter()
        .filter(|s| in_scope(s, scope))
    {
        let id = sub["id"].as_str().unwrap_or_default();
        let (_, pe) = subscriptions::period(sub);
        if !matches!(
            sub["status"].as_str(),
            Some("canceled" | "incomplete_expired")
        ) {
            for (end, discount) in discounts::endings(acct, sub) {
                consider(end, Action::DiscountEnd, &discount);
            }
        }
        match sub["status"].as_str().unwrap_or_default() {
            "canceled" | "incomplete_expired" | "paused" => continue,
            "incomplete" => {
                consider(
                    sub["created"].as_i64().unwrap_or(0) + 23 * 3600,
                    Action::Expire,
                    id,
                );
                continue;
            }
            "trialing" => {
                if let Some(t) = sub["trial_end"].as_i64() {
                    consider(t, Action::TrialEnd, id);
                }
            }
            _ => consider(pe, Action::Renew, id),
        }
        if let Some(c) = sub["cancel_at"].as_i64() {
            consider(c, Action::Cancel, id);
        }
        if let Some(r) = sub["pause_collection"]["resumes_at"].as_i64() {
            consider(r, Action::Unpause, id);
        }
        if let Some(sched) = sub["schedule"]
            .as_str()
            .and_then(|s| acct.get("subscription_schedule", s))
        {
            if let Some(end) = schedules::current_phase_end(sched) {
                consider(
                    end,
                    Action::PhaseEnd,
                    sched["id"].as_str().unwrap_or_default(),
                );
            }
        }
    }
    best
}

fn scope_now(acct: &Account, scope: &Scope) -> i64 {
    match scope {
        Scope::Account => acct.now(),
        Scope::Clock(c) => acct
            .get("test_helpers.test_clock", c)
            .and_then(|c| c["frozen_time"].as_i64())
            .unwrap_or_else(|| acct.now()),
    }
}

fn set_now(acct: &mut Account, scope: &Scope, t: i64) {
    match scope {
        Scope::Account => acct.offset = t - wall_now(),
        Scope::Clock(c) => {
            if let Some(clock) = acct.get_mut("test_helpers.test_clock", c) {
                clock["frozen_time"] = json!(t);
            }
        }
    }
}

/// Moves `scope` to `target`, applying every due transition in time order.
pub fn advance(cx: &mut Ctx<'_>, scope: &Scope, target: i64) -> ApiResult<i64> {
    let now = scope_now(cx.acct, scope);
    if target < now {
        return Err(ApiError::invalid(
            "Cannot move time backwards: the target must be after the current time.",
            "frozen_time",
        ));
    }
    for _ in 0..10_000 {
        let Some((t, action, id)) = next_due(cx.acct, scope) else {
            break;
        };
        if t > target {
            break;
        }
        set_now(cx.acct, scope, t.max(now));
        match action {
            Action::DiscountEnd => discounts::detach(cx, &id, true)?,
            Action::Cancel => lifecycle::scheduled_cancel(cx, &id)?,
            Action::PhaseEnd => schedules::phase_end(cx, &id)?,
            Action::Unpause => lifecycle::unpause_collection(cx, &id)?,
            Action::TrialEnd => lifecycle::end_trial(cx, &id, t, true)?,
            Action::Renew => lifecycle::renew(cx, &id)?,
            Action::Expire => expire_incomplete(cx, &id)?,
        }
    }
    set_now(cx.acct, scope, target);
    Ok(target)
}

fn expire_incomplete(cx: &mut Ctx<'_>, id: &str) -> ApiResult<()> {
    let old = cx.acct.find("subscription", id)?;
    let mut sub = old.clone();
    sub["status"] = json!("incomplete_expired");
    sub["ended_at"] = json!(cx.acct.now_for_customer(old["customer"].as_str()));
    cx.acct.put("subscription", sub.clone());
    crate::events::emit_auto(cx, "customer.subscription.deleted", &sub, None);
    if let Some(inv) = old["latest_invoice"].as_str() {
        if cx
            .acct
            .get("invoice", inv)
            .is_some_and(|i| i["status"] == "open")
        {
            super::billing::void(cx, inv, true)?;
        }
    }
    Ok(())
}

fn clock_object(id: &str, frozen: i64, name: Option<String>) -> Value {
    let created = wall_now();
    json!({
        "id": id,
        "object": "test_helpers.test_clock",
        "created": created,
        "deletes_after": created + 30 * 86_400,
        "frozen_time": frozen,
        "livemode": false,
        "name": name,
        "status": "ready",
        "status_details": {},
    })
}

pub fn create(cx: &mut Ctx<'_>, p: &Params) -> ApiResult<Value> {
    p.allow(&["frozen_time", "name"])?;
    let frozen = p
        .int("frozen_time")?
        .ok_or_else(|| ApiError::missing("frozen_time"))?;
    let obj = clock_object(&new_id("clock"), frozen, p.str("name")?);
    cx.acct.insert("test_helpers.test_clock", obj.clone());
    emit(cx, "test_helpers.test_clock.created", &obj, None);
    Ok(obj)
}

pub fn retrieve(acct: &Account, id: &str) -> ApiResult<Value> {
    acct.find("test_helpers.test_clock", id)
}

pub fn list(acct: &Account, p: &Params) -> ApiResult<Value> {
    paginate(
        acct.all("test_helpers.test_clock"),
        "/v1/test_helpers/test_clocks",
        p,
    )
}

pub fn delete(cx: &mut Ctx<'_>, id: &str) -> ApiResult<Value> {
    let obj = cx.acct.find("test_helpers.test_clock", id)?;
    // Deleting a clock deletes the customers (and so the subscriptions) on it.
    let customers: Vec<String> = cx
        .acct
        .all("customer")
        .into_iter()
        .filter(|c| c["test_clock"] == id)
        .filter_map(|c| c["id"].as_str().map(str::to_string))
        .collect();
    for c in customers {
        super::customers::delete(cx, &c)?;
    }
    cx.acct.remove(id);
    emit(cx, "test_helpers.test_clock.deleted", &obj, None);
    Ok(json!({"id": id, "object": "test_helpers.test_clock", "deleted": true}))
}

pub fn advance_clock(cx: &mut Ctx<'_>, id: &str, p: &Params) -> ApiResult<Value> {
    p.allow(&["frozen_time"])?;
    let target = p
        .int("frozen_time")?
        .ok_or_else(|| ApiError::missing("frozen_time"))?;
    let clock = cx.acct.find("test_helpers.test_clock", id)?;
    if target <= clock["frozen_time"].as_i64().unwrap_or(0) {
        return Err(ApiError::invalid(
            "The frozen_time must be later than the clock's current frozen_time.",
            "frozen_time",
        ));
    }
    let mut advancing = clock.clone();
    advancing["status"] = json!("advancing");
    advancing["status_details"] = json!({"advancing": {"target_frozen_time": target}});
    emit(cx, "test_helpers.test_clock.advancing", &advancing, None);
    advance(cx, &Scope::Clock(id.to_string()), target)?;
    // Advancing is synchronous here: the clock is ready when the call returns.
    let ready = cx.acct.find("test_helpers.test_clock", id)?;
    emit(cx, "test_helpers.test_clock.ready", &ready, None);
    Ok(ready)
}
