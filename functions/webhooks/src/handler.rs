//! Routing, size and signature checks, the once-per-event claim, and the answer.

use std::time::{Duration, Instant};

use anyhow::Context;
use http::{header, Method, StatusCode};
use lambda_http::{Body, Request, Response};
use secrecy::SecretString;
use serde_json::{json, Value};
use shared::claims::{Claim, Lease};
use shared::ids::{EventId, ProjectId};
use shared::project::Project;
use shared::runtime;
use shared::secrets::SecretsError;
use shared::stripe::event;
use shared::webhook::{self, SignatureError};

use crate::App;

/// How often a delivery waiting for another delivery of the same event looks again.
const CLAIM_POLL: Duration = Duration::from_millis(100);

/// Largest accepted body (Stripe's events are far smaller).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

fn respond(status: StatusCode, body: Value) -> Response<Body> {
    let mut res = Response::new(Body::Text(body.to_string()));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    res
}

fn error(status: StatusCode, message: &str) -> Response<Body> {
    respond(status, json!({ "error": { "message": message } }))
}

/// Answers one request; never fails.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let started = std::time::Instant::now();
    let mut res = runtime::catching(answer(app, req), || {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "processing failed; retry later",
        )
    })
    .await;
    runtime::strict_transport(&app.config, res.headers_mut());
    app.metrics.emf().request(
        app.clock.now(),
        "stripe_webhook",
        res.status().as_u16(),
        started.elapsed(),
    );
    res
}

async fn answer(app: &App, req: Request) -> Response<Body> {
    let path = req.uri().path().trim_end_matches('/');
    let Some(rest) = path.strip_prefix("/webhooks/stripe/") else {
        return error(StatusCode::NOT_FOUND, "not found");
    };
    if req.method() != Method::POST {
        let mut res = error(StatusCode::METHOD_NOT_ALLOWED, "use POST");
        res.headers_mut()
            .insert(header::ALLOW, http::HeaderValue::from_static("POST"));
        return res;
    }
    let Ok(project_id) = ProjectId::parse(rest) else {
        return error(StatusCode::NOT_FOUND, "unknown project");
    };
    let body: &[u8] = match req.body() {
        Body::Empty => &[],
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
        _ => &[],
    };
    if body.len() > MAX_BODY_BYTES {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
    }
    let signature = req
        .headers()
        .get("stripe-signature")
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    match receive(app, &project_id, body, signature).await {
        Ok(res) => res,
        Err(e) => {
            tracing::error!(project = %project_id, error = ?e, "webhook processing failed");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "processing failed; retry later",
            )
        }
    }
}

async fn receive(
    app: &App,
    project_id: &ProjectId,
    body: &[u8],
    signature: Option<&str>,
) -> anyhow::Result<Response<Body>> {
    let Some(project) = app.projects.get(project_id).await? else {
        return Ok(error(StatusCode::NOT_FOUND, "unknown project"));
    };
    let now = app.clock.now().unix_timestamp();
    if let Err(e) = check_signature(app, &project, body, signature, now).await? {
        tracing::warn!(project = %project.id, reason = %e, "webhook signature refused");
        return Ok(error(StatusCode::BAD_REQUEST, "invalid signature"));
    }
    let (id, kind, event) = match event::parse(body) {
        Ok(parsed) => parsed,
        Err(e) => return Ok(error(StatusCode::BAD_REQUEST, &e.to_string())),
    };
    let Ok(id) = EventId::parse(&id) else {
        return Ok(error(StatusCode::BAD_REQUEST, "malformed event id"));
    };
    let Some(event) = event else {
        return Ok(respond(
            StatusCode::OK,
            json!({ "received": true, "ignored": true }),
        ));
    };
    let lease = match claim(app, &project, id.as_str()).await? {
        Claimed::Ours(lease) => lease,
        Claimed::Done => {
            return Ok(respond(
                StatusCode::OK,
                json!({ "received": true, "duplicate": true }),
            ))
        }
        // Still held by a delivery that has not finished: Stripe's retry will find it
        // done, or (if that delivery died) take it over once its lease runs out.
        Claimed::Busy => {
            return Ok(error(
                StatusCode::CONFLICT,
                "this event is being processed; retry later",
            ))
        }
    };
    // A deadline well inside the function's timeout, so the claim is always given back
    // when processing cannot finish (a killed invocation would leave it until its lease
    // runs out).
    let processed =
        tokio::time::timeout(app.deadline, crate::events::process(app, &project, &event))
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("processing ran past its deadline")));
    match processed {
        Ok(()) => {
            app.events.done(&project.id, id.as_str(), &lease).await?;
            Ok(respond(StatusCode::OK, json!({ "received": true })))
        }
        Err(e) => {
            // Give the event back so Stripe's retry processes it.
            app.events
                .release(&project.id, id.as_str(), &lease)
                .await
                .context("releasing an event claim after a failure")?;
            Err(e.context(format!("processing {kind} {id}")))
        }
    }
}

enum Claimed {
    Ours(Lease),
    Done,
    Busy,
}

/// Claims the event; while another delivery of it is being processed, waits (a little)
/// for that one to finish, so concurrent duplicates are answered as duplicates.
async fn claim(app: &App, project: &Project, id: &str) -> anyhow::Result<Claimed> {
    let started = Instant::now();
    loop {
        let now = app.clock.now().unix_timestamp();
        match app.events.claim(&project.id, id, now).await? {
            Claim::Fresh(lease) => return Ok(Claimed::Ours(lease)),
            Claim::Done => return Ok(Claimed::Done),
            Claim::InFlight if started.elapsed() < app.claim_wait => {
                tokio::time::sleep(CLAIM_POLL).await;
            }
            Claim::InFlight => return Ok(Claimed::Busy),
        }
    }
}

/// Ok(Err(_)): refused (400). Err: the secrets could not be read (500, Stripe retries).
async fn check_signature(
    app: &App,
    project: &Project,
    body: &[u8],
    signature: Option<&str>,
    now: i64,
) -> anyhow::Result<Result<(), SignatureError>> {
    let name = &project.webhook_secrets_parameter;
    let cached = match app.secrets.get(name).await {
        Ok(v) => v,
        Err(SecretsError::NotFound(_)) => return Ok(Err(SignatureError::NoSecret)),
        Err(e) => return Err(anyhow::Error::new(e).context("reading webhook secrets")),
    };
    let first = webhook::verify(body, signature, &webhook::live_secrets(&cached), now);
    if first != Err(SignatureError::Mismatch) {
        return Ok(first);
    }
    // A secret rotated since this process cached them: read once more, but at most
    // every 30 s per parameter (forged signatures must not become a flood of SSM reads).
    let fresh: SecretString = match app.secrets.refresh(name).await {
        Ok(Some(v)) => v,
        Ok(None) => return Ok(first),
        Err(SecretsError::NotFound(_)) => return Ok(Err(SignatureError::NoSecret)),
        Err(e) => return Err(anyhow::Error::new(e).context("re-reading webhook secrets")),
    };
    Ok(webhook::verify(
        body,
        signature,
        &webhook::live_secrets(&fresh),
        now,
    ))
}
