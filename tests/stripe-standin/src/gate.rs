//! Held requests: an account's API requests wait at a gate until the test releases them,
//! one round at a time. Requests a client sends concurrently all wait in the same round;
//! a request sent only after an answer arrives waits in a later one. So the rounds a page
//! needs are counted exactly, with no clock involved (`POST /_standin/accounts/<sk>/gate`).

use std::collections::HashMap;

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::state::{lock, Shared};

/// One account's gate.
#[derive(Debug)]
pub struct Gate {
    /// The round requests arriving now belong to (1 for the first).
    round: u64,
    /// Requests of `round` waiting: method and path.
    held: Vec<(String, String)>,
    /// The last round released (0: none yet).
    released: watch::Sender<u64>,
}

impl Gate {
    fn new() -> Gate {
        Gate {
            round: 1,
            held: Vec::new(),
            released: watch::channel(0).0,
        }
    }
}

/// The gates, by secret key.
pub type Gates = HashMap<String, Gate>;

fn listed(held: &[(String, String)]) -> Vec<Value> {
    held.iter()
        .map(|(method, path)| json!({"method": method, "path": path}))
        .collect()
}

/// Starts holding `key`'s requests (a gate already there starts over, releasing what it held).
pub fn close(shared: &Shared, key: &str) -> Value {
    let mut gates = lock(&shared.gates);
    if let Some(old) = gates.insert(key.to_owned(), Gate::new()) {
        old.released.send_replace(u64::MAX);
    }
    json!({"round": 1, "held": []})
}

/// The round being collected and what waits in it.
pub fn state(shared: &Shared, key: &str) -> Option<Value> {
    let gates = lock(&shared.gates);
    let gate = gates.get(key)?;
    Some(json!({"round": gate.round, "held": listed(&gate.held)}))
}

/// Lets the waiting requests through; later ones wait in the next round.
pub fn release(shared: &Shared, key: &str) -> Option<Value> {
    let mut gates = lock(&shared.gates);
    let gate = gates.get_mut(key)?;
    let round = gate.round;
    let released = std::mem::take(&mut gate.held);
    gate.round += 1;
    gate.released.send_replace(round);
    Some(json!({"round": round, "released": listed(&released)}))
}

/// Stops holding `key`'s requests and lets every waiting one through.
pub fn open(shared: &Shared, key: &str) {
    if let Some(gate) = lock(&shared.gates).remove(key) {
        gate.released.send_replace(u64::MAX);
    }
}

/// Waits at `key`'s gate, if it has one, until this request's round is released.
pub async fn pass(shared: &Shared, key: &str, method: &str, path: &str) {
    let waiting = {
        let mut gates = lock(&shared.gates);
        let Some(gate) = gates.get_mut(key) else {
            return;
        };
        gate.held.push((method.to_owned(), path.to_owned()));
        (gate.round, gate.released.subscribe())
    };
    let (round, mut released) = waiting;
    // An error means the gate was dropped: nothing holds the request any more.
    let _ = released.wait_for(|r| *r >= round).await;
}
