//! No secret reaches a log line: the logs of full requests (success and failure, at
//! `trace` level, SDK internals included) are captured and searched for every secret.
//! Its own binary: tracing's callsite cache is process-wide, so a scoped subscriber only
//! sees everything when no other test runs alongside.

#[path = "tenant_api/support.rs"]
mod support;

use lambda_http::Body;
use serde_json::json;

use support::*;

#[tokio::test]
async fn no_secret_reaches_the_logs_of_a_full_request() {
    let w = World::new().await;
    let customer = w.customer().await;
    let logs = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_env_filter("trace")
        .with_writer(logs.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let body = json!({"customer": customer}).to_string();
    let req = w
        .post(&body)
        .header("idempotency-key", "log-test")
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, _, v) = w.call(req).await;
    let (bad_status, _) = w
        .create(&json!({"customer": "cus_missing"}).to_string())
        .await;
    drop(guard);
    assert_eq!(status, 201, "{v}");
    assert_eq!(bad_status, 404);
    let text = logs.text();
    assert!(
        text.contains("request handled"),
        "logs were captured: {text}"
    );
    let token = v["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let signing = w.keys.to_json();
    for (what, secret) in [
        ("API key", w.api_key.expose().to_owned()),
        ("API key secret part", w.api_key.expose()[34..].to_owned()),
        ("Stripe key", w.stripe_key.clone()),
        ("portal token", token.clone()),
        (
            "token signature",
            token.rsplit('.').next().unwrap().to_owned(),
        ),
        (
            "signing keys",
            secrecy::ExposeSecret::expose_secret(&signing).to_owned(),
        ),
    ] {
        assert!(!text.contains(&secret), "{what} leaked into the logs");
    }
}

#[derive(Clone, Default)]
struct LogBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl LogBuffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for LogBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
