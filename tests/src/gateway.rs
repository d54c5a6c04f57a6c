//! The local stand-in for API Gateway (HTTP API): one address, the same routes as
//! `template.yaml`, each request handed to the function's `handle` as the Lambda runtime
//! would hand it over.
//!
//! Each request becomes an API Gateway payload-2.0 event (raw path, raw query string,
//! lower-cased headers, cookies split out, path parameters, request context, body as text
//! or base64) and goes through `lambda_http`'s own event-to-request conversion, so the
//! handlers see exactly the extensions (`query_string_parameters`, `path_parameters`,
//! `raw_http_path`, `request_context`) they get in AWS.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::response::Response;
use base64::Engine;
use http::{HeaderValue, StatusCode};
use lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequest;
use lambda_http::request::LambdaRequest;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// API Gateway's payload limit: bigger requests never reach a function.
pub const MAX_PAYLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The functions behind the gateway; a route whose function is absent answers 404 like
/// an API without that route.
#[derive(Clone, Default)]
pub struct Apps {
    /// `ANY /v1/{proxy+}`.
    pub create_session: Option<Arc<create_session::App>>,
    /// `ANY /portal` and `ANY /portal/{proxy+}`.
    pub portal: Option<Arc<portal::App>>,
    /// `POST /webhooks/stripe/{project}`; locally any method and any path under
    /// `/webhooks/` reaches it, so the function's own 404/405 answers are testable.
    pub webhooks: Option<Arc<webhooks::App>>,
}

/// A running gateway; stops when dropped.
pub struct Gateway {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Gateway {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes in-flight requests and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Serves `apps` on `listener` in a background task.
pub fn serve(listener: TcpListener, apps: Apps) -> anyhow::Result<Gateway> {
    let addr = listener
        .local_addr()
        .context("reading the listener's address")?;
    let apps = Arc::new(apps);
    let router = axum::Router::new().fallback(move |ConnectInfo(peer), req: Request| {
        let apps = apps.clone();
        async move { route(&apps, peer, req).await }
    });
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = rx.await;
        })
        .await;
        if let Err(err) = served {
            tracing::error!(error = %err, "gateway stopped");
        }
    });
    Ok(Gateway {
        addr,
        shutdown: Some(tx),
        task: Some(task),
    })
}

/// Which function a path goes to, as in `template.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `ANY /v1/{proxy+}` with the `proxy` path parameter.
    CreateSession { proxy: String },
    /// `ANY /portal` (no `proxy`) or `ANY /portal/{proxy+}`.
    Portal { proxy: Option<String> },
    /// `GET /favicon.ico`, answered by the portal (browsers ask for it on their own).
    Favicon,
    /// `/webhooks/{proxy+}`: everything after `/webhooks/`. The deployed route is
    /// `POST /webhooks/stripe/{project}`; `project` is taken from `stripe/<project>`.
    Webhooks { proxy: String },
    /// `GET /`: a local-only page (the deployed API has no such route); it is where
    /// the dev demo project's customers return to.
    DevHome,
    /// No route: API Gateway answers 404 `{"message":"Not Found"}`.
    NotFound,
}

impl Route {
    /// Matches a request path.
    pub fn of(path: &str) -> Route {
        match path {
            "/" => Route::DevHome,
            p if p.starts_with("/v1/") && p.len() > "/v1/".len() => Route::CreateSession {
                proxy: p["/v1/".len()..].to_string(),
            },
            "/portal" => Route::Portal { proxy: None },
            "/favicon.ico" => Route::Favicon,
            p if p.starts_with("/portal/") && p.len() > "/portal/".len() => Route::Portal {
                proxy: Some(p["/portal/".len()..].to_string()),
            },
            p if p.starts_with("/webhooks/") && p.len() > "/webhooks/".len() => Route::Webhooks {
                proxy: p["/webhooks/".len()..].to_string(),
            },
            _ => Route::NotFound,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Route::CreateSession { .. } => "create-session",
            Route::Portal { .. } | Route::Favicon => "portal",
            Route::Webhooks { .. } => "webhooks",
            Route::DevHome => "dev-home",
            Route::NotFound => "none",
        }
    }
}

async fn route(apps: &Apps, peer: SocketAddr, req: Request) -> Response {
    let started = std::time::Instant::now();
    let method = req.method().clone();
    let route = Route::of(req.uri().path());
    let response = match &route {
        Route::CreateSession { proxy } if apps.create_session.is_some() => {
            match to_lambda_request(req, peer, "ANY /v1/{proxy+}", &[("proxy", proxy)]).await {
                Ok(lambda_req) => match &apps.create_session {
                    Some(app) => {
                        from_lambda_response(create_session::handle(app, lambda_req).await)
                    }
                    None => gateway_error(StatusCode::NOT_FOUND, "Not Found"),
                },
                Err(res) => res,
            }
        }
        Route::Portal { proxy } if apps.portal.is_some() => {
            let (route_key, params): (&str, Vec<(&str, &str)>) = match proxy {
                Some(proxy) => ("ANY /portal/{proxy+}", vec![("proxy", proxy.as_str())]),
                None => ("ANY /portal", Vec::new()),
            };
            match to_lambda_request(req, peer, route_key, &params).await {
                Ok(lambda_req) => match &apps.portal {
                    Some(app) => from_lambda_response(portal::handle(app, lambda_req).await),
                    None => gateway_error(StatusCode::NOT_FOUND, "Not Found"),
                },
                Err(res) => res,
            }
        }
        // A GET route only, as in template.yaml.
        Route::Favicon if method == http::Method::GET => match (
            &apps.portal,
            to_lambda_request(req, peer, "GET /favicon.ico", &[]).await,
        ) {
            (Some(app), Ok(lambda_req)) => {
                from_lambda_response(portal::handle(app, lambda_req).await)
            }
            (None, _) => gateway_error(StatusCode::NOT_FOUND, "Not Found"),
            (_, Err(res)) => res,
        },
        Route::Webhooks { proxy } if apps.webhooks.is_some() => {
            // As in template.yaml; other paths carry no `project` parameter and the
            // function answers them itself.
            let (route_key, params): (&str, Vec<(&str, &str)>) = match proxy.strip_prefix("stripe/")
            {
                Some(project) if !project.is_empty() && !project.contains('/') => (
                    "POST /webhooks/stripe/{project}",
                    vec![("project", project)],
                ),
                _ => ("ANY /webhooks/{proxy+}", vec![("proxy", proxy.as_str())]),
            };
            // The body stays byte-for-byte what was sent: the signature is over it.
            match to_lambda_request(req, peer, route_key, &params).await {
                Ok(lambda_req) => match &apps.webhooks {
                    Some(app) => from_lambda_response(webhooks::handle(app, lambda_req).await),
                    None => gateway_error(StatusCode::NOT_FOUND, "Not Found"),
                },
                Err(res) => res,
            }
        }
        Route::DevHome if method == http::Method::GET => text(
            StatusCode::OK,
            "Billing portal (local). This page stands in for the demo tenant's app: \
             customers return here from the portal.\n",
        ),
        _ => gateway_error(StatusCode::NOT_FOUND, "Not Found"),
    };
    // Never the path or query: portal paths carry tokens.
    tracing::info!(
        route = route.name(),
        method = %method,
        status = response.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// Converts an HTTP request into the `lambda_http::Request` the function would get
/// behind API Gateway. Errors are the gateway's own answers (413).
pub async fn to_lambda_request(
    req: Request,
    peer: SocketAddr,
    route_key: &str,
    path_parameters: &[(&str, &str)],
) -> Result<lambda_http::Request, Response> {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, MAX_PAYLOAD_BYTES)
        .await
        .map_err(|_| gateway_error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large"))?;
    let event = api_gateway_event(&parts, &body, peer, route_key, path_parameters);
    let event: ApiGatewayV2httpRequest = serde_json::from_value(event)
        .map_err(|_| gateway_error(StatusCode::BAD_REQUEST, "Bad Request"))?;
    Ok(LambdaRequest::ApiGatewayV2(event).into())
}

/// The API Gateway HTTP API payload 2.0 event for a request.
pub fn api_gateway_event(
    parts: &http::request::Parts,
    body: &Bytes,
    peer: SocketAddr,
    route_key: &str,
    path_parameters: &[(&str, &str)],
) -> Value {
    let path = parts.uri.path();
    let raw_query = parts.uri.query().unwrap_or("");

    // Header names lower-cased, repeated headers joined with commas; cookies apart.
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut cookies: Vec<String> = Vec::new();
    for (name, value) in &parts.headers {
        let Ok(value) = value.to_str() else { continue };
        if name == http::header::COOKIE {
            cookies.extend(
                value
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string),
            );
        } else {
            headers
                .entry(name.as_str().to_ascii_lowercase())
                .or_default()
                .push(value.to_string());
        }
    }
    let header_map: Map<String, Value> = headers
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.join(","))))
        .collect();

    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(raw_query.as_bytes()) {
        query
            .entry(k.into_owned())
            .or_default()
            .push(v.into_owned());
    }
    let query_map: Map<String, Value> = query
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.join(","))))
        .collect();

    let path_map: Map<String, Value> = path_parameters
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
        .collect();

    let (body_value, is_base64) = if body.is_empty() {
        (Value::Null, false)
    } else {
        match std::str::from_utf8(body) {
            Ok(text) => (Value::String(text.to_string()), false),
            Err(_) => (
                Value::String(base64::engine::general_purpose::STANDARD.encode(body)),
                true,
            ),
        }
    };

    let host = headers
        .get("host")
        .and_then(|h| h.first())
        .cloned()
        .unwrap_or_else(|| "127.0.0.1".to_string());
    let now = time::OffsetDateTime::now_utc();
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": raw_query,
        "headers": header_map,
        "requestContext": {
            "accountId": "000000000000",
            "apiId": "local",
            "domainName": host,
            "domainPrefix": host.split('.').next().unwrap_or("local"),
            "http": {
                "method": parts.method.as_str(),
                "path": path,
                "protocol": format!("{:?}", parts.version),
                "sourceIp": peer.ip().to_string(),
                "userAgent": headers.get("user-agent").and_then(|h| h.first()).cloned().unwrap_or_default(),
            },
            "requestId": request_id(),
            "routeKey": route_key,
            "stage": "$default",
            "timeEpoch": now.unix_timestamp() * 1000 + i64::from(now.millisecond()),
        },
        "isBase64Encoded": is_base64,
    });
    if !cookies.is_empty() {
        event["cookies"] = json!(cookies);
    }
    if !query_map.is_empty() {
        event["queryStringParameters"] = Value::Object(query_map);
    }
    if !path_map.is_empty() {
        event["pathParameters"] = Value::Object(path_map);
    }
    if !body_value.is_null() {
        event["body"] = body_value;
    }
    event
}

fn request_id() -> String {
    let mut bytes = [0u8; 8];
    // A request id is cosmetic locally: fall back to zeros rather than fail the request.
    let _ = getrandom::fill(&mut bytes);
    hex::encode(bytes)
}

/// The function's response as API Gateway returns it.
///
/// On the way out `lambda_http` moves `Set-Cookie` headers into the payload-2.0
/// `cookies` list and serialises only the first value of any other repeated header;
/// API Gateway then answers with one `Set-Cookie` header per cookie. Both steps are
/// reproduced so a handler relying on repeated plain headers fails here as in AWS.
pub fn from_lambda_response(res: lambda_http::Response<lambda_http::Body>) -> Response {
    let (mut parts, body) = res.into_parts();
    let cookies: Vec<HeaderValue> = parts
        .headers
        .get_all(http::header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    parts.headers.remove(http::header::SET_COOKIE);
    let mut headers = http::HeaderMap::new();
    for (name, value) in &parts.headers {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    for cookie in cookies {
        headers.append(http::header::SET_COOKIE, cookie);
    }
    parts.headers = headers;
    let bytes = match body {
        lambda_http::Body::Empty => Vec::new(),
        lambda_http::Body::Text(text) => text.into_bytes(),
        lambda_http::Body::Binary(bytes) => bytes,
        // `Body` is non-exhaustive; nothing else exists today.
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    };
    Response::from_parts(parts, Body::from(bytes))
}

/// API Gateway's own error answers: `{"message": "..."}`.
fn gateway_error(status: StatusCode, message: &str) -> Response {
    let mut res = Response::new(Body::from(json!({ "message": message }).to_string()));
    *res.status_mut() = status;
    res.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

fn text(status: StatusCode, body: &'static str) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::RequestExt;

    fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &'static [u8]) -> Request {
        let mut builder = http::Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::from(body)).unwrap()
    }

    fn peer() -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], 50000))
    }

    #[test]
    fn routes_match_the_template() {
        assert_eq!(
            Route::of("/v1/sessions"),
            Route::CreateSession {
                proxy: "sessions".into()
            }
        );
        assert_eq!(Route::of("/v1"), Route::NotFound);
        assert_eq!(Route::of("/v1/"), Route::NotFound);
        assert_eq!(Route::of("/v2/sessions"), Route::NotFound);
        assert_eq!(Route::of("/"), Route::DevHome);
    }

    #[test]
    fn portal_paths_go_to_the_portal() {
        assert_eq!(Route::of("/portal"), Route::Portal { proxy: None });
        assert_eq!(
            Route::of("/portal/s/abc.def"),
            Route::Portal {
                proxy: Some("s/abc.def".into())
            }
        );
        assert_eq!(
            Route::of("/portal/assets/autosubmit.js"),
            Route::Portal {
                proxy: Some("assets/autosubmit.js".into())
            }
        );
        // `{proxy+}` needs at least one character; other prefixes are not the portal.
        assert_eq!(Route::of("/portal/"), Route::NotFound);
        assert_eq!(Route::of("/portals"), Route::NotFound);
        assert_eq!(Route::of("/portalx/s/abc"), Route::NotFound);
        assert_eq!(Route::of("/favicon.ico"), Route::Favicon);
        assert_eq!(Route::of("/favicon.ico/x"), Route::NotFound);
    }

    #[test]
    fn webhook_paths_go_to_webhooks() {
        assert_eq!(
            Route::of("/webhooks/stripe/prj_abc"),
            Route::Webhooks {
                proxy: "stripe/prj_abc".into()
            }
        );
        assert_eq!(
            Route::of("/webhooks/other"),
            Route::Webhooks {
                proxy: "other".into()
            }
        );
        assert_eq!(Route::of("/webhooks/"), Route::NotFound);
        assert_eq!(Route::of("/webhooks"), Route::NotFound);
        assert_eq!(Route::of("/webhooksx/stripe/p"), Route::NotFound);
    }

    #[tokio::test]
    async fn a_signed_webhook_reaches_the_function_byte_for_byte() {
        let req = request(
            "POST",
            "/webhooks/stripe/prj_abc",
            &[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Stripe-Signature", "t=1,v1=abc,v1=def"),
            ],
            b"{\n  \"id\": \"evt_1\"\n}",
        );
        let lambda = to_lambda_request(
            req,
            peer(),
            "POST /webhooks/stripe/{project}",
            &[("project", "prj_abc")],
        )
        .await
        .unwrap();
        assert_eq!(lambda.headers()["stripe-signature"], "t=1,v1=abc,v1=def");
        assert_eq!(lambda.body().as_ref(), b"{\n  \"id\": \"evt_1\"\n}");
        assert_eq!(lambda.path_parameters().first("project"), Some("prj_abc"));
    }

    #[test]
    fn set_cookie_headers_reach_the_browser_one_per_cookie() {
        let res = http::Response::builder()
            .status(303)
            .header("Location", "/portal")
            .header("Set-Cookie", "a=1; Path=/; HttpOnly")
            .header("Set-Cookie", "b=2; Path=/")
            .header("Cache-Control", "no-store")
            .header("Vary", "Cookie")
            .header("Vary", "Accept-Language")
            .body(lambda_http::Body::Empty)
            .unwrap();
        let res = from_lambda_response(res);
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/portal");
        let cookies: Vec<_> = res.headers().get_all("set-cookie").iter().collect();
        assert_eq!(cookies, ["a=1; Path=/; HttpOnly", "b=2; Path=/"]);
        // aws_lambda_events serialises the first value of a repeated header only.
        assert_eq!(
            res.headers().get_all("vary").iter().collect::<Vec<_>>(),
            ["Cookie"]
        );
    }

    #[tokio::test]
    async fn a_form_post_with_cookies_reaches_the_portal_intact() {
        let req = request(
            "POST",
            "/portal/return",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", "bp_session=abc; other=x"),
                ("Origin", "null"),
            ],
            b"csrf=a%2Bb&x=1",
        );
        let lambda = to_lambda_request(req, peer(), "ANY /portal/{proxy+}", &[("proxy", "return")])
            .await
            .unwrap();
        assert_eq!(lambda.headers()["cookie"], "bp_session=abc; other=x");
        assert_eq!(lambda.headers()["origin"], "null");
        assert_eq!(
            lambda.headers()["content-type"],
            "application/x-www-form-urlencoded"
        );
        assert_eq!(lambda.body().as_ref(), b"csrf=a%2Bb&x=1");
    }

    #[tokio::test]
    async fn a_request_reaches_the_function_as_api_gateway_delivers_it() {
        let req = request(
            "POST",
            "/v1/sessions?a=1&b=x%20y&a=2",
            &[
                ("Host", "127.0.0.1:3000"),
                ("Content-Type", "application/json"),
                ("Authorization", "Bearer bpk_x"),
                ("Cookie", "c1=v1; c2=v2"),
            ],
            br#"{"customer":"cus_1"}"#,
        );
        let lambda = to_lambda_request(req, peer(), "ANY /v1/{proxy+}", &[("proxy", "sessions")])
            .await
            .unwrap();
        assert_eq!(lambda.method(), http::Method::POST);
        assert_eq!(lambda.uri().path(), "/v1/sessions");
        assert_eq!(lambda.raw_http_path(), "/v1/sessions");
        assert_eq!(lambda.headers()["content-type"], "application/json");
        assert_eq!(lambda.headers()["authorization"], "Bearer bpk_x");
        assert_eq!(lambda.headers()["cookie"], "c1=v1; c2=v2");
        let query = lambda.query_string_parameters();
        assert_eq!(query.all("a"), Some(vec!["1", "2"]));
        assert_eq!(query.first("b"), Some("x y"));
        assert_eq!(lambda.path_parameters().first("proxy"), Some("sessions"));
        assert_eq!(lambda.body().as_ref(), br#"{"customer":"cus_1"}"#);
        match lambda.request_context() {
            lambda_http::request::RequestContext::ApiGatewayV2(ctx) => {
                assert_eq!(ctx.http.source_ip.as_deref(), Some("127.0.0.1"));
                assert_eq!(ctx.route_key.as_deref(), Some("ANY /v1/{proxy+}"));
            }
            #[allow(unreachable_patterns)]
            other => panic!("unexpected context {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_binary_body_arrives_unchanged() {
        let req = request("POST", "/v1/sessions", &[], b"\xff\x00\xfe");
        let lambda = to_lambda_request(req, peer(), "ANY /v1/{proxy+}", &[])
            .await
            .unwrap();
        assert_eq!(lambda.body().as_ref(), b"\xff\x00\xfe");
    }

    #[tokio::test]
    async fn an_empty_body_is_empty() {
        let req = request("GET", "/v1/sessions", &[], b"");
        let lambda = to_lambda_request(req, peer(), "ANY /v1/{proxy+}", &[])
            .await
            .unwrap();
        assert!(lambda.body().is_empty());
    }
}
