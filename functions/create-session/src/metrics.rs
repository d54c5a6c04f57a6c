//! `POST /v1/support_tickets` (a tenant's helpdesk reports billing tickets) and
//! `GET /v1/metrics` (the project's daily series and totals). Parsing is strict: every
//! bad field is a 400 naming it, and nothing is counted unless the whole body is valid.

use anyhow::anyhow;
use http::StatusCode;
use lambda_http::{Request, RequestExt};
use serde_json::{json, Map, Value};
use shared::error::{json_response, ApiError};
use shared::ids::{CustomerId, ProjectId};
use shared::metrics::{
    self, format_day, parse_day, Ticket, TicketCategory, MAX_RANGE_DAYS, MAX_TICKETS_PER_REQUEST,
};
use time::OffsetDateTime;

use crate::App;

/// Largest `POST /v1/support_tickets` body (100 tickets fit easily).
pub const MAX_TICKETS_BODY_BYTES: usize = 64 * 1024;
/// How far in the future a ticket's `created` may be (clock skew between systems).
const FUTURE_SKEW_SECONDS: i64 = 300;
const TICKET_FIELDS: [&str; 3] = ["customer", "category", "created"];

/// Parses one ticket object; `at` (`tickets[3]`) names it inside a batch.
fn parse_ticket(v: &Value, at: &str, now: OffsetDateTime) -> Result<Ticket, ApiError> {
    let param = |name: &str| {
        if at.is_empty() {
            name.to_owned()
        } else {
            format!("{at}[{name}]")
        }
    };
    let obj = v.as_object().ok_or_else(|| ApiError::ParameterInvalid {
        param: at.to_owned(),
        message: "Each ticket must be a JSON object.".to_owned(),
    })?;
    if let Some(unknown) = obj.keys().find(|k| !TICKET_FIELDS.contains(&k.as_str())) {
        return Err(ApiError::ParameterUnknown {
            param: param(unknown),
        });
    }
    let category = match obj.get("category") {
        None | Some(Value::Null) => {
            return Err(ApiError::ParameterMissing {
                param: param("category"),
            })
        }
        Some(c) => c
            .as_str()
            .and_then(|c| c.parse::<TicketCategory>().ok())
            .ok_or_else(|| ApiError::ParameterInvalid {
                param: param("category"),
                message: format!(
                    "Invalid {}: must be one of {}.",
                    param("category"),
                    TicketCategory::ALL.map(|c| c.as_str()).join(", ")
                ),
            })?,
    };
    let customer = match obj.get("customer") {
        None | Some(Value::Null) => None,
        Some(c) => Some(
            c.as_str()
                .and_then(|c| CustomerId::parse(c).ok())
                .ok_or_else(|| ApiError::ParameterInvalid {
                    param: param("customer"),
                    message: format!(
                        "Invalid {}: must be a Stripe customer id (cus_…).",
                        param("customer")
                    ),
                })?,
        ),
    };
    let now_s = now.unix_timestamp();
    let oldest = now_s - MAX_RANGE_DAYS * 86_400;
    let created = match obj.get("created") {
        None | Some(Value::Null) => now_s,
        Some(c) => c
            .as_i64()
            .filter(|t| (oldest..=now_s + FUTURE_SKEW_SECONDS).contains(t))
            .ok_or_else(|| ApiError::ParameterInvalid {
                param: param("created"),
                message: format!(
                    "Invalid {}: must be a Unix timestamp in seconds, not in the future and at most {MAX_RANGE_DAYS} days old.",
                    param("created")
                ),
            })?,
    };
    Ok(Ticket {
        customer,
        category,
        created,
    })
}

/// Parses the body of `POST /v1/support_tickets`: one ticket, or `{"tickets": [...]}`.
pub fn parse_tickets(body: &Value, now: OffsetDateTime) -> Result<Vec<Ticket>, ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::InvalidJson(
            "the body must be a JSON object".to_owned(),
        ));
    };
    let Some(list) = obj.get("tickets") else {
        return Ok(vec![parse_ticket(body, "", now)?]);
    };
    if let Some(other) = obj.keys().find(|k| *k != "tickets") {
        return Err(ApiError::ParameterUnknown {
            param: other.clone(),
        });
    }
    let list = list
        .as_array()
        .filter(|l| (1..=MAX_TICKETS_PER_REQUEST).contains(&l.len()))
        .ok_or_else(|| ApiError::ParameterInvalid {
            param: "tickets".to_owned(),
            message: format!(
                "Invalid tickets: must be an array of 1 to {MAX_TICKETS_PER_REQUEST} tickets."
            ),
        })?;
    list.iter()
        .enumerate()
        .map(|(i, t)| parse_ticket(t, &format!("tickets[{i}]"), now))
        .collect()
}

/// Counts the tickets of a valid body; 201 with what was counted.
pub async fn report_tickets(
    app: &App,
    project: &ProjectId,
    params: &Value,
    now: OffsetDateTime,
) -> Result<http::Response<String>, ApiError> {
    let tickets = parse_tickets(params, now)?;
    let counted = app.metrics.tickets(project, &tickets, now).await?;
    Ok(json_response(
        StatusCode::CREATED,
        &json!({
            "object": "support_ticket_report",
            "tickets": counted.tickets,
            "portal_then_ticket": counted.portal_then_ticket,
        }),
    ))
}

/// The `from`/`to` query of `GET /v1/metrics`, validated.
pub fn parse_range(pairs: &[(String, String)]) -> Result<(time::Date, time::Date), ApiError> {
    let mut from = None;
    let mut to = None;
    for (k, v) in pairs {
        let slot = match k.as_str() {
            "from" => &mut from,
            "to" => &mut to,
            _ => {
                return Err(ApiError::ParameterUnknown {
                    param: k.chars().take(64).collect(),
                })
            }
        };
        if slot.is_some() {
            return Err(ApiError::ParameterInvalid {
                param: k.clone(),
                message: format!("Invalid {k}: give it once."),
            });
        }
        *slot = Some(parse_day(v).ok_or_else(|| ApiError::ParameterInvalid {
            param: k.clone(),
            message: format!("Invalid {k}: must be a date as YYYY-MM-DD (UTC)."),
        })?);
    }
    let from = from.ok_or_else(|| ApiError::ParameterMissing {
        param: "from".to_owned(),
    })?;
    let to = to.ok_or_else(|| ApiError::ParameterMissing {
        param: "to".to_owned(),
    })?;
    if from > to {
        return Err(ApiError::ParameterInvalid {
            param: "from".to_owned(),
            message: "Invalid from: must not be after to.".to_owned(),
        });
    }
    if (to - from).whole_days() + 1 > MAX_RANGE_DAYS {
        return Err(ApiError::ParameterInvalid {
            param: "to".to_owned(),
            message: format!("Invalid range: at most {MAX_RANGE_DAYS} days (both ends included)."),
        });
    }
    Ok((from, to))
}

pub(crate) fn query_pairs(req: &Request) -> Vec<(String, String)> {
    if let Some(q) = req.uri().query() {
        return form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    }
    let params = req.query_string_parameters();
    params
        .iter()
        .flat_map(|(k, _)| {
            params
                .all(k)
                .unwrap_or_default()
                .into_iter()
                .map(move |v| (k.to_owned(), v.to_owned()))
        })
        .collect()
}

/// `GET /v1/metrics?from=…&to=…` for the key's project.
pub async fn read_metrics(
    app: &App,
    req: &Request,
    project_id: &ProjectId,
    now: OffsetDateTime,
) -> Result<http::Response<String>, ApiError> {
    let (from, to) = parse_range(&query_pairs(req))?;
    let project = app
        .projects
        .get(project_id)
        .await?
        .ok_or_else(|| anyhow!("project {project_id} of a live API key does not exist"))?;
    let rows = app.metrics.read(project_id, from, to).await?;
    let report = metrics::report(&rows, from, to, now, project.max_session_seconds);
    let mut body = Map::new();
    body.insert("object".into(), json!("metrics"));
    body.insert("project".into(), json!(project_id.as_str()));
    body.insert("generated_at".into(), json!(now.unix_timestamp()));
    body.insert("from".into(), json!(format_day(from)));
    body.insert("to".into(), json!(format_day(to)));
    body.insert(
        "days".into(),
        serde_json::to_value(&report.days).map_err(|e| anyhow!(e))?,
    );
    body.insert(
        "totals".into(),
        serde_json::to_value(&report.totals).map_err(|e| anyhow!(e))?,
    );
    Ok(json_response(StatusCode::OK, &Value::Object(body)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect()
    }

    #[test]
    fn a_single_ticket_and_a_batch_parse() {
        let one =
            parse_tickets(&json!({"category": "invoices", "customer": "cus_1"}), NOW).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].created, NOW.unix_timestamp());
        assert_eq!(one[0].customer.as_ref().unwrap().as_str(), "cus_1");
        let batch = parse_tickets(
            &json!({"tickets": [
                {"category": "plan", "created": NOW.unix_timestamp() - 3600},
                {"category": "other", "customer": null}
            ]}),
            NOW,
        )
        .unwrap();
        assert_eq!(batch.len(), 2);
        assert_eq!(batch[0].category, TicketCategory::Plan);
        assert!(batch[1].customer.is_none());
    }

    #[test]
    fn bad_tickets_name_the_field() {
        let cases = [
            (json!({}), "category", "parameter_missing"),
            (
                json!({"category": "billing"}),
                "category",
                "parameter_invalid",
            ),
            (
                json!({"category": "plan", "customer": "acct_1"}),
                "customer",
                "parameter_invalid",
            ),
            (
                json!({"category": "plan", "created": NOW.unix_timestamp() + 3600}),
                "created",
                "parameter_invalid",
            ),
            (
                json!({"category": "plan", "created": "yesterday"}),
                "created",
                "parameter_invalid",
            ),
            (
                json!({"category": "plan", "created": 0}),
                "created",
                "parameter_invalid",
            ),
            (
                json!({"category": "plan", "email": "a@b.c"}),
                "email",
                "parameter_unknown",
            ),
            (json!({"tickets": []}), "tickets", "parameter_invalid"),
            (json!({"tickets": {}}), "tickets", "parameter_invalid"),
            (
                json!({"tickets": [{"category": "plan"}], "x": 1}),
                "x",
                "parameter_unknown",
            ),
            (
                json!({"tickets": [{"category": "plan"}, {"category": "nope"}]}),
                "tickets[1][category]",
                "parameter_invalid",
            ),
            (
                json!({"tickets": [{"category": "plan"}, {}]}),
                "tickets[1][category]",
                "parameter_missing",
            ),
            (json!({"tickets": [7]}), "tickets[0]", "parameter_invalid"),
        ];
        for (body, param, code) in cases {
            let e = parse_tickets(&body, NOW).unwrap_err();
            assert_eq!(e.param(), Some(param), "{body}");
            assert_eq!(e.code(), Some(code), "{body}");
            assert_eq!(e.status(), StatusCode::BAD_REQUEST);
        }
        let many: Vec<Value> = (0..101).map(|_| json!({"category": "plan"})).collect();
        assert!(parse_tickets(&json!({ "tickets": many }), NOW).is_err());
    }

    #[test]
    fn ranges_are_strict_dates_at_most_366_days() {
        assert_eq!(
            parse_range(&pairs(&[("from", "2026-01-01"), ("to", "2026-01-31")])).unwrap(),
            (date!(2026 - 01 - 01), date!(2026 - 01 - 31))
        );
        // 2024 is a leap year: 366 days inclusive is the limit.
        assert!(parse_range(&pairs(&[("from", "2024-01-01"), ("to", "2024-12-31")])).is_ok());
        let bad = [
            (vec![("to", "2026-01-01")], "from", "parameter_missing"),
            (vec![("from", "2026-01-01")], "to", "parameter_missing"),
            (
                vec![("from", "2026-02-30"), ("to", "2026-03-01")],
                "from",
                "parameter_invalid",
            ),
            (
                vec![("from", "2026-1-1"), ("to", "2026-03-01")],
                "from",
                "parameter_invalid",
            ),
            (
                vec![("from", "2026-03-02"), ("to", "2026-03-01")],
                "from",
                "parameter_invalid",
            ),
            (
                vec![("from", "2025-01-01"), ("to", "2026-01-02")],
                "to",
                "parameter_invalid",
            ),
            (
                vec![
                    ("from", "2026-01-01"),
                    ("from", "2026-01-01"),
                    ("to", "2026-01-02"),
                ],
                "from",
                "parameter_invalid",
            ),
            (
                vec![("from", "2026-01-01"), ("to", "2026-01-02"), ("days", "3")],
                "days",
                "parameter_unknown",
            ),
        ];
        for (q, param, code) in bad {
            let e = parse_range(&pairs(&q)).unwrap_err();
            assert_eq!(e.param(), Some(param), "{q:?}");
            assert_eq!(e.code(), Some(code), "{q:?}");
        }
    }
}
