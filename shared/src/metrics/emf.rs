//! CloudWatch Embedded Metric Format: one JSON object per line on stdout, which Lambda's
//! log pipeline turns into metrics without any API call.
//!
//! Namespace `BillingPortal`. Outcome lines (minted, redeemed, completed, escalated, jobs,
//! tickets) carry dimension sets `[Stack]`, `[Stack, Project]` (and `[Stack, Job]` for
//! jobs); request lines carry `[Stack, Function]` and `[Stack, Function, Route]`. Values
//! are ids and fixed names only: never a token, key, secret, email or customer id.

use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use super::Job;
use crate::ids::ProjectId;

/// The CloudWatch namespace of every metric.
pub const NAMESPACE: &str = "BillingPortal";
/// Environment variable naming the stack (the `Stack` dimension); default `billing-portal`.
pub const STACK_ENV: &str = "METRICS_STACK";
const DEFAULT_STACK: &str = "billing-portal";

/// Metric names of outcome lines, as documented.
pub const OUTCOME_METRICS: [&str; 7] = [
    "SessionsMinted",
    "SessionsRedeemed",
    "SessionsCompleted",
    "SessionsEscalated",
    "Jobs",
    "SupportTickets",
    "PortalThenTicket",
];
/// Metric names of request lines, as documented.
pub const REQUEST_METRICS: [&str; 4] = ["Requests", "ClientErrors", "ServerErrors", "Latency"];

#[derive(Clone)]
enum Sink {
    Stdout,
    Memory(Arc<Mutex<Vec<String>>>),
}

/// Writes EMF lines for one function.
#[derive(Clone)]
pub struct Emf {
    function: &'static str,
    stack: String,
    sink: Sink,
}

impl fmt::Debug for Emf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emf")
            .field("function", &self.function)
            .field("stack", &self.stack)
            .finish_non_exhaustive()
    }
}

/// Lines an in-memory [`Emf`] captured (tests).
#[derive(Debug, Clone, Default)]
pub struct EmfLines(Arc<Mutex<Vec<String>>>);

impl EmfLines {
    /// Every line written so far.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Emf {
    /// Lines for `function` on stdout; the stack name comes from `METRICS_STACK`.
    pub fn stdout(function: &'static str) -> Emf {
        let stack = std::env::var(STACK_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_STACK.to_owned());
        Emf {
            function,
            stack,
            sink: Sink::Stdout,
        }
    }

    /// Lines for `function` kept in memory (tests read them back).
    pub fn memory(function: &'static str) -> (Emf, EmfLines) {
        let lines = EmfLines::default();
        let emf = Emf {
            function,
            stack: DEFAULT_STACK.to_owned(),
            sink: Sink::Memory(lines.0.clone()),
        };
        (emf, lines)
    }

    fn write(&self, line: &Value) {
        let text = line.to_string();
        match &self.sink {
            Sink::Stdout => {
                let mut out = std::io::stdout().lock();
                // A lost metric line must never fail a request.
                let _ = out.write_all(format!("{text}\n").as_bytes());
            }
            Sink::Memory(lines) => {
                if let Ok(mut l) = lines.lock() {
                    l.push(text);
                }
            }
        }
    }

    /// The line for an outcome event (counts by metric name).
    pub fn outcome_line(
        &self,
        now: OffsetDateTime,
        project: Option<&ProjectId>,
        metrics: &[(&str, i64)],
        job: Option<Job>,
    ) -> Value {
        let mut dimensions = vec![json!(["Stack"])];
        let mut root = Map::new();
        root.insert("Stack".into(), json!(self.stack));
        root.insert("Function".into(), json!(self.function));
        if let Some(p) = project {
            dimensions.push(json!(["Stack", "Project"]));
            root.insert("Project".into(), json!(p.as_str()));
        }
        if let Some(j) = job {
            dimensions.push(json!(["Stack", "Job"]));
            root.insert("Job".into(), json!(j.as_str()));
        }
        let defs: Vec<Value> = metrics
            .iter()
            .map(|(name, _)| json!({ "Name": name, "Unit": "Count" }))
            .collect();
        for (name, value) in metrics {
            root.insert((*name).to_owned(), json!(value));
        }
        root.insert("_aws".into(), aws_block(now, dimensions, defs));
        Value::Object(root)
    }

    /// Writes an outcome line.
    pub fn event(
        &self,
        now: OffsetDateTime,
        project: Option<&ProjectId>,
        metrics: &[(&str, i64)],
        job: Option<Job>,
    ) {
        self.write(&self.outcome_line(now, project, metrics, job));
    }

    /// The line for one answered request (`route` is a fixed name, never a path).
    pub fn request_line(
        &self,
        now: OffsetDateTime,
        route: &str,
        status: u16,
        latency: Duration,
    ) -> Value {
        let defs = vec![
            json!({ "Name": "Requests", "Unit": "Count" }),
            json!({ "Name": "ClientErrors", "Unit": "Count" }),
            json!({ "Name": "ServerErrors", "Unit": "Count" }),
            json!({ "Name": "Latency", "Unit": "Milliseconds" }),
        ];
        json!({
            "_aws": aws_block(
                now,
                vec![json!(["Stack", "Function"]), json!(["Stack", "Function", "Route"])],
                defs,
            ),
            "Stack": self.stack,
            "Function": self.function,
            "Route": route,
            "Status": status,
            "Requests": 1,
            "ClientErrors": i32::from((400..500).contains(&status)),
            "ServerErrors": i32::from(status >= 500),
            "Latency": latency.as_secs_f64() * 1000.0,
        })
    }

    /// Writes a request line.
    pub fn request(&self, now: OffsetDateTime, route: &str, status: u16, latency: Duration) {
        self.write(&self.request_line(now, route, status, latency));
    }
}

fn aws_block(now: OffsetDateTime, dimensions: Vec<Value>, metrics: Vec<Value>) -> Value {
    let millis = now.unix_timestamp_nanos() / 1_000_000;
    json!({
        "Timestamp": i64::try_from(millis).unwrap_or(0),
        "CloudWatchMetrics": [{
            "Namespace": NAMESPACE,
            "Dimensions": dimensions,
            "Metrics": metrics,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// Checks the EMF rules CloudWatch enforces: every dimension and metric named in the
    /// directive is a top-level member, metric values are numbers.
    fn assert_valid_emf(line: &str) -> Value {
        let v: Value = serde_json::from_str(line).unwrap();
        let aws = &v["_aws"];
        assert!(aws["Timestamp"].as_i64().unwrap() > 0);
        for d in aws["CloudWatchMetrics"].as_array().unwrap() {
            assert_eq!(d["Namespace"], NAMESPACE);
            for set in d["Dimensions"].as_array().unwrap() {
                for name in set.as_array().unwrap() {
                    assert!(v[name.as_str().unwrap()].is_string(), "{name} missing");
                }
            }
            for m in d["Metrics"].as_array().unwrap() {
                assert!(v[m["Name"].as_str().unwrap()].is_number());
            }
        }
        v
    }

    #[test]
    fn outcome_and_request_lines_are_valid_emf() {
        let (emf, lines) = Emf::memory("portal");
        let project = ProjectId::parse("proj_abcdefghijklmnopqrstuvwx").unwrap();
        let now = datetime!(2026-11-26 10:00 UTC);
        emf.event(
            now,
            Some(&project),
            &[("Jobs", 1), ("SessionsCompleted", 1)],
            Some(Job::PlanChanged),
        );
        emf.request(now, "overview", 502, Duration::from_millis(12));
        let lines = lines.lines();
        assert_eq!(lines.len(), 2);
        let job = assert_valid_emf(&lines[0]);
        assert_eq!(job["Job"], "plan_changed");
        assert_eq!(job["Project"], project.as_str());
        assert_eq!(job["_aws"]["Timestamp"], 1_795_687_200_000_i64);
        let req = assert_valid_emf(&lines[1]);
        assert_eq!(req["ServerErrors"], 1);
        assert_eq!(req["ClientErrors"], 0);
        assert_eq!(req["Latency"], 12.0);
    }
}
