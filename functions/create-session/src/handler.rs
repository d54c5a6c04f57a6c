//! Routing and request parsing for `POST /v1/sessions`; the rules live in `shared::session`.

use anyhow::{anyhow, Context};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use lambda_http::{Body, Request, Response};
use shared::api_key::AuthError;
use shared::error::{json_response, ApiError};
use shared::idempotency::{self, Claim, StoredResponse};
use shared::ids::ProjectId;
use shared::rate_limit::Admission;
use shared::runtime;
use shared::session::{
    self, parse_json, LinkSeal, PortalSession, SessionParams, Sessions, MAX_BODY_BYTES,
};
use shared::stripe::StripeKey;

use crate::App;

/// The tenant API's routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Sessions,
    SupportTickets,
    Metrics,
}

impl Route {
    fn of(path: &str) -> Option<Route> {
        match path.trim_end_matches('/') {
            "/v1/sessions" => Some(Route::Sessions),
            "/v1/support_tickets" => Some(Route::SupportTickets),
            "/v1/metrics" => Some(Route::Metrics),
            _ => None,
        }
    }

    /// The name in logs, EMF lines and idempotency fingerprints.
    fn name(self) -> &'static str {
        match self {
            Route::Sessions => "POST /v1/sessions",
            Route::SupportTickets => "POST /v1/support_tickets",
            Route::Metrics => "GET /v1/metrics",
        }
    }

    fn method(self) -> (Method, &'static str) {
        match self {
            Route::Metrics => (Method::GET, "GET"),
            _ => (Method::POST, "POST"),
        }
    }

    fn body_limit(self) -> usize {
        match self {
            Route::SupportTickets => crate::metrics::MAX_TICKETS_BODY_BYTES,
            _ => MAX_BODY_BYTES,
        }
    }
}

/// Answers one request; every failure becomes a Stripe-shaped JSON error.
pub async fn handle(app: &App, req: Request) -> Response<Body> {
    let started = std::time::Instant::now();
    let route = Route::of(req.uri().path());
    let served = runtime::catching(serve(app, &req, route), || {
        Err(ApiError::Unexpected(anyhow!("the request panicked")))
    })
    .await;
    let mut res = match served {
        Ok(res) => res,
        Err(e) => e.to_response(),
    };
    runtime::strict_transport(&app.config, res.headers_mut());
    let name = route.map_or("unknown", Route::name);
    tracing::info!(
        method = %req.method(),
        route = name,
        status = res.status().as_u16(),
        "request handled"
    );
    app.metrics.emf().request(
        app.clock.now(),
        name,
        res.status().as_u16(),
        started.elapsed(),
    );
    res.map(Body::from)
}

async fn serve(
    app: &App,
    req: &Request,
    route: Option<Route>,
) -> Result<Response<String>, ApiError> {
    let Some(route) = route else {
        return Err(ApiError::UnknownRoute {
            method: req.method().to_string(),
            path: req.uri().path().chars().take(200).collect(),
        });
    };
    let (method, allow) = route.method();
    if req.method() != method {
        return Err(ApiError::MethodNotAllowed { allow });
    }
    let project = authenticate(app, req.headers()).await?;
    let now = app.clock.now();
    if let Admission::Limited { retry_after } = app.rate_limiter.admit(&project, now).await? {
        return Err(ApiError::RateLimited { retry_after });
    }
    if route == Route::Metrics {
        return crate::metrics::read_metrics(app, req, &project, now).await;
    }
    check_content_type(req.headers())?;
    let body = read_body(req, route.body_limit())?;
    let params = parse_json(body)?;

    let idempotency_key = req
        .headers()
        .get("idempotency-key")
        .map(|v| idempotency::parse_key(v.as_bytes()))
        .transpose()?;
    let Some(key) = idempotency_key else {
        return run(app, route, &project, &params, now)
            .await
            .map(|(res, _)| res);
    };
    let fingerprint = idempotency::fingerprint(route.name(), &params);
    match app
        .idempotency
        .claim(&project, key, &fingerprint, now)
        .await?
    {
        Claim::Fresh => {}
        Claim::Replay(stored) => return replayed(app, stored),
        Claim::Conflict => return Err(ApiError::IdempotencyConflict),
        Claim::InFlight => return Err(ApiError::IdempotencyInFlight),
    }
    match run(app, route, &project, &params, now).await {
        Ok((res, seal)) => {
            let stored = at_rest(&res, seal)?;
            app.idempotency
                .complete(&project, key, &fingerprint, &stored)
                .await?;
            Ok(res)
        }
        Err(e) => {
            if let Err(e) = app.idempotency.release(&project, key, &fingerprint).await {
                tracing::warn!(error = ?e, "could not release an idempotency key");
            }
            Err(e)
        }
    }
}

async fn authenticate(app: &App, headers: &HeaderMap) -> Result<ProjectId, ApiError> {
    let missing = || {
        ApiError::Authentication(
            "You did not provide an API key. Provide it as a Bearer token in the Authorization header."
                .to_owned(),
        )
    };
    let value = headers.get(header::AUTHORIZATION).ok_or_else(missing)?;
    let value = value.to_str().map_err(|_| missing())?;
    let (scheme, key) = value.split_once(' ').ok_or_else(missing)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(missing());
    }
    match app.api_keys.authenticate(key.trim()).await {
        Ok(project) => Ok(project),
        // Never echo the key back, not even masked.
        Err(AuthError::Invalid) => Err(ApiError::Authentication(
            "Invalid API key provided.".to_owned(),
        )),
        Err(AuthError::Other(e)) => Err(ApiError::Unexpected(e)),
    }
}

fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::UnsupportedMediaType)?;
    let essence = value.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

/// Runs a write; a created session comes with what rebuilds its link.
async fn run(
    app: &App,
    route: Route,
    project: &ProjectId,
    params: &serde_json::Value,
    now: time::OffsetDateTime,
) -> Result<(Response<String>, Option<LinkSeal>), ApiError> {
    match route {
        Route::SupportTickets => crate::metrics::report_tickets(app, project, params, now)
            .await
            .map(|res| (res, None)),
        _ => create(app, project, params, now)
            .await
            .map(|(res, seal)| (res, Some(seal))),
    }
}

/// The response as its idempotency row keeps it: a portal link is never stored, only the
/// seal that rebuilds it.
fn at_rest(res: &Response<String>, seal: Option<LinkSeal>) -> Result<StoredResponse, ApiError> {
    let status = res.status().as_u16();
    let Some(seal) = seal else {
        return Ok(StoredResponse {
            status,
            body: res.body().clone(),
            seal: None,
        });
    };
    let body: serde_json::Value =
        serde_json::from_str(res.body()).context("reading a created session")?;
    Ok(StoredResponse {
        status,
        body: session::body_at_rest(&body).to_string(),
        seal: Some(seal.to_json()?),
    })
}

fn read_body(req: &Request, limit: usize) -> Result<&[u8], ApiError> {
    let too_large = ApiError::PayloadTooLarge { limit };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large);
    }
    let body: &[u8] = req.body().as_ref();
    if body.len() > limit {
        return Err(too_large);
    }
    Ok(body)
}

async fn create(
    app: &App,
    project_id: &ProjectId,
    params: &serde_json::Value,
    now: time::OffsetDateTime,
) -> Result<(Response<String>, LinkSeal), ApiError> {
    let params = SessionParams::parse(params)?;
    let project = app
        .projects
        .get(project_id)
        .await?
        .ok_or_else(|| anyhow!("project {project_id} of a live API key does not exist"))?;
    let secret = app
        .secrets
        .get(&project.stripe_secret_key_parameter)
        .await
        .with_context(|| format!("reading the Stripe key of {project_id}"))?;
    let sessions = Sessions {
        tokens: &app.tokens,
        stripe: &app.stripe,
        public_base_url: &app.config.public_base_url,
        rng: app.rng.as_ref(),
    };
    let (session, seal): (PortalSession, LinkSeal) = sessions
        .create(&project, &StripeKey::new(secret), params, now)
        .await?;
    let body = serde_json::to_value(&session).context("encoding the session")?;
    if let Err(e) = app.metrics.minted(project_id, now).await {
        tracing::warn!(project = %project_id, error = ?e, "minted session not counted");
    }
    Ok((json_response(StatusCode::CREATED, &body), seal))
}

/// The first answer again; a created session's link is rebuilt from its seal.
fn replayed(app: &App, stored: StoredResponse) -> Result<Response<String>, ApiError> {
    let body = match &stored.seal {
        None => stored.body,
        Some(seal) => session::body_from_rest(
            &stored.body,
            &LinkSeal::from_json(seal)?,
            app.tokens.keys(),
            &app.config.public_base_url,
        )?,
    };
    let mut res = Response::new(body);
    *res.status_mut() = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(res)
}
