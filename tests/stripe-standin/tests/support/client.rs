//! Starting the stand-in binary and talking to it the way Stripe's clients do:
//! form bodies in bracket notation, a Bearer secret key, `Stripe-Version`.

use serde_json::Value;
use std::net::TcpListener;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// The API version the product pins.
pub const STRIPE_VERSION: &str = "2026-08-26.dahlia";

/// A stand-in process of our own, stopped when dropped.
pub struct StandIn {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    _child: Child,
}

impl StandIn {
    /// Starts `stripe-standin --port <free port>` and waits for its health check.
    pub async fn start() -> StandIn {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_stripe-standin"))
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn the stripe-standin binary");
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        // A loaded machine starts a process slowly: up to 30 s.
        for _ in 0..600 {
            let up = http
                .get(format!("{base}/_standin/health"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if up {
                return StandIn {
                    base,
                    _child: child,
                };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("stripe-standin did not answer GET {base}/_standin/health within 30 s");
    }
}

fn free_port() -> u16 {
    // The OS picks a free port; the tiny window before the stand-in binds it is acceptable in tests.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    listener.local_addr().expect("local address").port()
}

/// A fresh `sk_test_…` key, hence a fresh stand-in account.
pub fn random_secret_key() -> String {
    format!("sk_test_{}", random_token(24))
}

/// Random lowercase hex, for unique keys, emails and idempotency keys.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0_u8; bytes];
    getrandom::fill(&mut buf).expect("OS randomness");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// One HTTP exchange, kept whole so the contract can judge it.
#[derive(Debug, Clone)]
pub struct Reply {
    /// `GET`, `POST`, `DELETE`.
    pub method: String,
    /// The request path without its query string.
    pub path: String,
    /// The parameter names sent (query or form), in bracket notation.
    pub params: Vec<String>,
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw body.
    pub body: Vec<u8>,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
}

impl Reply {
    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The JSON body, or `Null` when the body was not JSON.
    pub fn body_json(&self) -> &Value {
        static NULL: Value = Value::Null;
        self.json.as_ref().unwrap_or(&NULL)
    }

    /// `body.id` as text, or a placeholder that makes later steps fail visibly.
    pub fn id(&self) -> String {
        str_at(self.body_json(), "/id")
    }
}

/// A string at a JSON pointer, or `<missing …>` so dependent steps fail visibly.
pub fn str_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("<missing {pointer}>"))
}

/// A client bound to one secret key.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    authorization: Option<String>,
}

impl Client {
    /// A client authenticating with `Bearer <key>`.
    pub fn new(base: &str, key: &str) -> Client {
        Client::with_authorization(base, Some(format!("Bearer {key}")))
    }

    /// A client sending exactly this `Authorization` header (or none).
    pub fn with_authorization(base: &str, authorization: Option<String>) -> Client {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("build the HTTP client");
        Client {
            http,
            base: base.to_string(),
            authorization,
        }
    }

    /// `GET path?params`.
    pub async fn get(&self, path: &str, params: &[(&str, &str)]) -> Reply {
        self.send("GET", path, params, None).await
    }

    /// `POST path` with a form body.
    pub async fn post(&self, path: &str, params: &[(&str, &str)]) -> Reply {
        self.send("POST", path, params, None).await
    }

    /// `DELETE path`.
    pub async fn delete(&self, path: &str, params: &[(&str, &str)]) -> Reply {
        self.send("DELETE", path, params, None).await
    }

    /// `POST path` with an `Idempotency-Key`.
    pub async fn post_idempotent(&self, path: &str, params: &[(&str, &str)], key: &str) -> Reply {
        self.send("POST", path, params, Some(key)).await
    }

    /// Sends one request; GET and DELETE carry their parameters in the query string.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        params: &[(&str, &str)],
        idempotency_key: Option<&str>,
    ) -> Reply {
        let encoded = encode(params);
        let in_query = method != "POST";
        let url = if in_query && !encoded.is_empty() {
            format!("{}{path}?{encoded}", self.base)
        } else {
            format!("{}{path}", self.base)
        };
        let mut request = self
            .http
            .request(method.parse().expect("an HTTP method"), url)
            .header("Stripe-Version", STRIPE_VERSION);
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        if !in_query {
            request = request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(encoded);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: the stand-in did not answer: {e}"));
        let mut reply = into_reply(method, path, response).await;
        reply.params = params.iter().map(|(k, _)| (*k).to_string()).collect();
        reply
    }

    /// A plain `GET` of an absolute URL (hosted pages, PDFs), without credentials.
    pub async fn fetch(&self, url: &str) -> Reply {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: no answer: {e}"));
        into_reply("GET", url, response).await
    }

    /// A plain form `POST` to an absolute URL (the stand-in's checkout page).
    pub async fn submit(&self, url: &str, params: &[(String, String)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish();
        let response = self
            .http
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {url}: no answer: {e}"));
        into_reply("POST", url, response).await
    }
}

fn encode(params: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish()
}

async fn into_reply(method: &str, path: &str, response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: reading the body failed: {e}"))
        .to_vec();
    let json = serde_json::from_slice(&body).ok();
    Reply {
        method: method.to_string(),
        path: path.split('?').next().unwrap_or(path).to_string(),
        status,
        headers,
        body,
        json,
        params: Vec::new(),
    }
}

/// The first `<form>` of a page: its action and the named inputs/buttons it submits.
pub fn first_form(html: &str) -> Option<(String, Vec<(String, String)>)> {
    let start = html.find("<form")?;
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |e| start + e);
    let form = &html[start..end];
    let tag_end = form.find('>')?;
    let action = attr(&form[..tag_end], "action")?;
    let mut fields = Vec::new();
    for tag in ["<input", "<button"] {
        let mut rest = &form[tag_end..];
        while let Some(i) = rest.find(tag) {
            let close = rest[i..].find('>').map_or(rest.len(), |e| i + e);
            let element = &rest[i..close];
            if let (Some(name), value) = (attr(element, "name"), attr(element, "value")) {
                fields.push((name, value.unwrap_or_default()));
            }
            rest = &rest[close..];
        }
    }
    Some((action, fields))
}

fn attr(element: &str, name: &str) -> Option<String> {
    for quote in ['"', '\''] {
        let needle = format!(" {name}={quote}");
        if let Some(i) = element.find(&needle) {
            let value = &element[i + needle.len()..];
            let value = &value[..value.find(quote)?];
            return Some(
                value
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    None
}
