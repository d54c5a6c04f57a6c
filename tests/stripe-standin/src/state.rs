//! Accounts, object storage, ids, time and list pagination.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::error::{ApiError, ApiResult};
use crate::faults::Fault;
use crate::form::Params;
use crate::webhooks::DeliveryJob;

/// The API version whose shapes this stand-in speaks.
pub const API_VERSION: &str = "2026-08-26.dahlia";

/// Everything the server shares between requests.
pub struct Shared {
    accounts: Mutex<HashMap<String, Account>>,
    pub base_url: OnceLock<String>,
    pub faults: Mutex<Vec<Fault>>,
    /// Accounts whose API requests wait to be released round by round (`gate`).
    pub gates: Mutex<crate::gate::Gates>,
    pub deliveries: Mutex<Vec<Value>>,
    pub outbox: mpsc::UnboundedSender<DeliveryJob>,
    pub webhook_backoff: Vec<Duration>,
}

impl Shared {
    pub fn new(outbox: mpsc::UnboundedSender<DeliveryJob>, webhook_backoff: Vec<Duration>) -> Self {
        Shared {
            accounts: Mutex::new(HashMap::new()),
            base_url: OnceLock::new(),
            faults: Mutex::new(Vec::new()),
            gates: Mutex::new(HashMap::new()),
            deliveries: Mutex::new(Vec::new()),
            outbox,
            webhook_backoff,
        }
    }

    pub fn accounts(&self) -> MutexGuard<'_, HashMap<String, Account>> {
        // A panic while holding the lock leaves data usable for a test double; keep serving.
        self.accounts.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn base_url(&self) -> String {
        self.base_url.get().cloned().unwrap_or_default()
    }
}

/// Locks a std mutex, ignoring poisoning.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

struct Stored {
    kind: &'static str,
    seq: u64,
    obj: Value,
}

/// A stored idempotent response.
#[derive(Clone)]
pub struct IdemEntry {
    pub fingerprint: String,
    pub status: u16,
    pub body: Value,
}

/// One Stripe account: everything created with one secret key.
pub struct Account {
    pub key: String,
    pub id: String,
    objects: HashMap<String, Stored>,
    seq: u64,
    /// Seconds added to the wall clock for objects not on a test clock.
    pub offset: i64,
    pub idempotency: HashMap<String, IdemEntry>,
    /// Every API request made with this key (method and path), oldest first.
    pub requests: Vec<(String, String)>,
}

impl Account {
    pub fn new(key: &str) -> Self {
        Account {
            key: key.to_string(),
            id: new_id("acct"),
            objects: HashMap::new(),
            seq: 0,
            offset: 0,
            idempotency: HashMap::new(),
            requests: Vec::new(),
        }
    }

    pub fn now(&self) -> i64 {
        wall_now() + self.offset
    }

    /// "Now" for a customer: its test clock's frozen time, else the account's time.
    pub fn now_for_customer(&self, customer: Option<&str>) -> i64 {
        customer
            .and_then(|c| self.get("customer", c))
            .and_then(|c| c["test_clock"].as_str())
            .and_then(|clock| self.get("test_helpers.test_clock", clock))
            .and_then(|clock| clock["frozen_time"].as_i64())
            .unwrap_or_else(|| self.now())
    }

    pub fn insert(&mut self, kind: &'static str, obj: Value) {
        self.seq += 1;
        let id = obj["id"].as_str().unwrap_or_default().to_string();
        self.objects.insert(
            id,
            Stored {
                kind,
                seq: self.seq,
                obj,
            },
        );
    }

    pub fn exists(&self, id: &str) -> bool {
        self.objects.contains_key(id)
    }

    pub fn get(&self, kind: &str, id: &str) -> Option<&Value> {
        self.objects
            .get(id)
            .filter(|s| s.kind == kind)
            .map(|s| &s.obj)
    }

    pub fn get_any(&self, id: &str) -> Option<&Value> {
        self.objects.get(id).map(|s| &s.obj)
    }

    pub fn get_mut(&mut self, kind: &str, id: &str) -> Option<&mut Value> {
        self.objects
            .get_mut(id)
            .filter(|s| s.kind == kind)
            .map(|s| &mut s.obj)
    }

    /// Retrieves or 404s (for ids in the path).
    pub fn find(&self, kind: &str, id: &str) -> ApiResult<Value> {
        self.get(kind, id)
            .cloned()
            .ok_or_else(|| ApiError::no_such(human(kind), id))
    }

    /// Retrieves or 400s (for ids in a parameter).
    pub fn find_param(&self, kind: &str, id: &str, param: &str) -> ApiResult<Value> {
        self.get(kind, id)
            .cloned()
            .ok_or_else(|| ApiError::no_such_param(human(kind), id, param))
    }

    pub fn put(&mut self, kind: &str, obj: Value) {
        let id = obj["id"].as_str().unwrap_or_default().to_string();
        if let Some(s) = self.objects.get_mut(&id).filter(|s| s.kind == kind) {
            s.obj = obj;
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.objects.remove(id).map(|s| s.obj)
    }

    /// All objects of a kind, newest first.
    pub fn all(&self, kind: &str) -> Vec<Value> {
        let mut v: Vec<&Stored> = self.objects.values().filter(|s| s.kind == kind).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.seq));
        v.into_iter().map(|s| s.obj.clone()).collect()
    }

    pub fn kind_of(&self, id: &str) -> Option<&'static str> {
        self.objects.get(id).map(|s| s.kind)
    }
}

fn human(kind: &str) -> &str {
    match kind {
        "payment_method" => "PaymentMethod",
        "setup_intent" => "setupintent",
        "checkout.session" => "checkout.session",
        "test_helpers.test_clock" => "test_clock",
        "subscription_schedule" => "subscription schedule",
        "webhook_endpoint" => "webhook endpoint",
        "invoiceitem" => "invoiceitem",
        "tax_rate" => "tax rate",
        "promotion_code" => "promotion code",
        "billing.meter" => "billing meter",
        other => other,
    }
}

pub fn wall_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Random alphanumerics, like the tail of a Stripe id.
pub fn random_alnum(n: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut buf = vec![0u8; n];
    // getrandom only fails on exotic platforms; fall back to time-seeded bytes there.
    if getrandom::fill(&mut buf).is_err() {
        let seed = wall_now() as u64;
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(i as u64)
                >> 24) as u8;
        }
    }
    buf.iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", random_alnum(24))
}

/// Validates a caller-chosen id (test-only extension) or makes one.
pub fn chosen_or_new_id(acct: &Account, p: &Params, prefix: &str) -> ApiResult<String> {
    match p.str("id")? {
        Some(id) if !id.is_empty() => {
            if acct.exists(&id) {
                return Err(ApiError::invalid(
                    format!("Object with id '{id}' already exists."),
                    "id",
                )
                .with_code("resource_already_exists"));
            }
            if id.len() > 255
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(ApiError::invalid(format!("Invalid id: {id}"), "id"));
            }
            Ok(id)
        }
        _ => Ok(new_id(prefix)),
    }
}

/// Request context for one API call on one account.
pub struct Ctx<'a> {
    pub acct: &'a mut Account,
    pub shared: &'a Arc<Shared>,
    /// The event `request` field: `{"id": req_…, "idempotency_key": …}`, or nulls for automatic changes.
    pub request: Value,
}

impl Ctx<'_> {
    pub fn base_url(&self) -> String {
        self.shared.base_url()
    }

    /// The `request` value for changes made by time passing rather than an API call.
    pub fn automatic(&self) -> Value {
        json!({"id": null, "idempotency_key": null})
    }
}

/// A Stripe list object over `items` (already filtered, newest first).
pub fn paginate(items: Vec<Value>, url: &str, p: &Params) -> ApiResult<Value> {
    let limit = p.int("limit")?.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::invalid(
            format!("Invalid integer: {limit} for limit; must be between 1 and 100"),
            "limit",
        ));
    }
    let limit = limit as usize;
    let pos = |id: &str, param: &str| -> ApiResult<usize> {
        items
            .iter()
            .position(|v| v["id"].as_str() == Some(id))
            .ok_or_else(|| ApiError::no_such_param("object", id, param))
    };
    let (data, has_more) = if let Some(after) = p.str("starting_after")?.filter(|s| !s.is_empty()) {
        let start = pos(&after, "starting_after")? + 1;
        let rest = &items[start.min(items.len())..];
        (
            rest.iter().take(limit).cloned().collect::<Vec<_>>(),
            rest.len() > limit,
        )
    } else if let Some(before) = p.str("ending_before")?.filter(|s| !s.is_empty()) {
        let end = pos(&before, "ending_before")?;
        let head = &items[..end];
        let from = head.len().saturating_sub(limit);
        (head[from..].to_vec(), from > 0)
    } else {
        (
            items.iter().take(limit).cloned().collect(),
            items.len() > limit,
        )
    };
    Ok(json!({"object": "list", "data": data, "has_more": has_more, "url": url}))
}

/// A list object holding everything (for embedded lists such as `items`).
pub fn full_list(data: Vec<Value>, url: &str) -> Value {
    json!({"object": "list", "data": data, "has_more": false, "url": url})
}

/// `created[gte]=…` style filters on a timestamp field.
pub fn range_filter(p: &Params, key: &str) -> ApiResult<impl Fn(&Value) -> bool> {
    let (mut gt, mut gte, mut lt, mut lte, mut eq) = (None, None, None, None, None);
    if let Some(o) = p.obj(key)? {
        gt = o.int("gt")?;
        gte = o.int("gte")?;
        lt = o.int("lt")?;
        lte = o.int("lte")?;
    } else {
        eq = p.int(key)?;
    }
    let key = key.to_string();
    Ok(move |v: &Value| {
        let Some(t) = v[&key].as_i64() else {
            return true;
        };
        gt.is_none_or(|x| t > x)
            && gte.is_none_or(|x| t >= x)
            && lt.is_none_or(|x| t < x)
            && lte.is_none_or(|x| t <= x)
            && eq.is_none_or(|x| t == x)
    })
}

/// Keys of `new` whose values differ from `old`, mapped to the old values (`previous_attributes`).
pub fn previous_attributes(old: &Value, new: &Value) -> Value {
    let mut out = serde_json::Map::new();
    if let (Value::Object(o), Value::Object(n)) = (old, new) {
        for (k, nv) in n {
            let ov = o.get(k).cloned().unwrap_or(Value::Null);
            if &ov != nv {
                out.insert(k.clone(), ov);
            }
        }
    }
    Value::Object(out)
}
