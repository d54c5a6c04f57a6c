//! The HTTP client under every AWS SDK client: `reqwest` on rustls with ring and Mozilla's
//! root certificates compiled in — the Stripe client's stack — behind the SDK's
//! [`HttpClient`] trait.
//!
//! Why not the SDK's own hyper client (`aws-smithy-http-client`): its TLS set-up takes root
//! certificates only as PEM, and decodes (constant-time base64) and parses every one of
//! them each time it builds a connector: once for each SDK client built, once more at the
//! first request. Even done once, that was ~2 ms of a cold start, on the path of the
//! signing keys' read, the one wait a cold start has (docs/benchmarks.md, "Cold start").
//! reqwest's roots (`webpki-roots`) are parsed when the binary is compiled.
//!
//! Certificates named by `SSL_CERT_FILE`, or in `SSL_CERT_DIR`, are trusted as well (a TLS
//! inspecting proxy, a private endpoint), and so are proxies named by `HTTPS_PROXY` and
//! friends (reqwest reads them).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use base64::Engine;
use rustls::pki_types::CertificateDer;

/// The HTTP client every AWS client is built on ([module docs](self)).
pub fn client() -> SharedHttpClient {
    SharedHttpClient::new(ReqwestClient {
        extra_roots: extra_roots(),
        connectors: Mutex::default(),
    })
}

/// The timeouts a connector is asked for: connect, read.
type Timeouts = (Option<Duration>, Option<Duration>);

/// Connectors by the timeouts asked for; every SDK client asks for the same ones, so a
/// process builds one `reqwest::Client`, at its first request.
#[derive(Debug)]
struct ReqwestClient {
    extra_roots: Vec<reqwest::Certificate>,
    connectors: Mutex<HashMap<Timeouts, SharedHttpConnector>>,
}

impl HttpClient for ReqwestClient {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let key = (settings.connect_timeout(), settings.read_timeout());
        let mut connectors = self
            .connectors
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        connectors
            .entry(key)
            .or_insert_with(|| {
                SharedHttpConnector::new(Connector {
                    client: self.build(key.0).map_err(Arc::from),
                    read_timeout: key.1,
                })
            })
            .clone()
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new(
            "reqwest",
            Some(Cow::Borrowed("0.12")),
        ))
    }
}

impl ReqwestClient {
    fn build(&self, connect_timeout: Option<Duration>) -> Result<reqwest::Client, String> {
        let mut builder = reqwest::Client::builder().use_rustls_tls();
        if let Some(timeout) = connect_timeout {
            builder = builder.connect_timeout(timeout);
        }
        for root in &self.extra_roots {
            builder = builder.add_root_certificate(root.clone());
        }
        builder
            .build()
            .map_err(|e| format!("building the AWS HTTP client failed: {e}"))
    }
}

/// One `reqwest::Client` (its connection pool) and the read timeout asked for.
#[derive(Debug)]
struct Connector {
    /// Why it could not be built, if it could not: every call then fails with that.
    client: Result<reqwest::Client, Arc<str>>,
    read_timeout: Option<Duration>,
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let client = self.client.clone();
        let read_timeout = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let client =
                client.map_err(|why| ConnectorError::other(why.to_string().into(), None))?;
            let sent = client.execute(to_reqwest(request)?);
            let response = match read_timeout {
                Some(limit) => tokio::time::timeout(limit, sent).await.map_err(|_| {
                    ConnectorError::timeout(format!("no response within {limit:?}").into())
                })?,
                None => sent.await,
            };
            from_reqwest(response.map_err(connector_error)?)
        })
    }
}

fn to_reqwest(request: HttpRequest) -> Result<reqwest::Request, ConnectorError> {
    let request = request
        .try_into_http1x()
        .map_err(|e| ConnectorError::user(e.into()))?;
    let request = request.map(|body| {
        // The SDK's calls here (DynamoDB, SSM, SES) have their bodies in memory: sent
        // with a length. Anything streamed is streamed.
        match body.bytes().map(<[u8]>::to_vec) {
            Some(bytes) => reqwest::Body::from(bytes),
            None => reqwest::Body::wrap(body),
        }
    });
    reqwest::Request::try_from(request).map_err(|e| ConnectorError::user(e.into()))
}

fn from_reqwest(response: reqwest::Response) -> Result<HttpResponse, ConnectorError> {
    let response: http::Response<reqwest::Body> = response.into();
    HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
        .map_err(|e| ConnectorError::other(e.into(), None))
}

/// How the SDK's retries see a failed call: timeouts as timeouts; a failure to connect
/// or to send (a refused or reset connection, one closed before the answer) as I/O, which
/// they retry; a request that could not be built as the caller's; anything else as
/// other.
fn connector_error(error: reqwest::Error) -> ConnectorError {
    if error.is_timeout() {
        ConnectorError::timeout(error.into())
    } else if error.is_builder() {
        ConnectorError::user(error.into())
    } else if error.is_connect() || error.is_request() {
        ConnectorError::io(error.into())
    } else {
        ConnectorError::other(error.into(), None)
    }
}

/// The certificates of `SSL_CERT_FILE` and of the files in `SSL_CERT_DIR`, those rustls
/// accepts as trust anchors; none when neither is set (a cold start on Lambda reads no
/// file).
fn extra_roots() -> Vec<reqwest::Certificate> {
    roots_from(
        std::env::var_os("SSL_CERT_FILE").map(PathBuf::from),
        std::env::var_os("SSL_CERT_DIR").map(PathBuf::from),
    )
}

/// [`extra_roots`] from the file and the directory given.
fn roots_from(file: Option<PathBuf>, dir: Option<PathBuf>) -> Vec<reqwest::Certificate> {
    let mut files: Vec<PathBuf> = file.into_iter().collect();
    if let Some(dir) = dir {
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut in_dir: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            in_dir.sort();
            files.extend(in_dir.into_iter().filter(|p| p.is_file()));
        }
    }
    let mut roots = Vec::new();
    for path in files {
        let Ok(contents) = std::fs::read(&path) else {
            tracing::warn!(path = %path.display(), "SSL_CERT_FILE/SSL_CERT_DIR: cannot read");
            continue;
        };
        for der in usable_certificates(&contents) {
            match reqwest::Certificate::from_der(&der) {
                Ok(cert) => roots.push(cert),
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "root certificate not used")
                }
            }
        }
    }
    roots
}

/// The certificates of the PEM blocks of `bundle` that rustls accepts as trust anchors, in
/// their order; anything else in the file is dropped.
fn usable_certificates(bundle: &[u8]) -> Vec<CertificateDer<'static>> {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    let base64 = base64::engine::general_purpose::STANDARD;
    let mut usable = Vec::new();
    let mut body: Option<Vec<u8>> = None;
    for line in bundle.split(|b| *b == b'\n').map(<[u8]>::trim_ascii) {
        if line == BEGIN {
            body = Some(Vec::with_capacity(2048));
        } else if line == END {
            let Some(der) = body.take().and_then(|b64| base64.decode(b64).ok()) else {
                continue;
            };
            let der = CertificateDer::from(der);
            if rustls::RootCertStore::empty().add(der.clone()).is_ok() {
                usable.push(der);
            }
        } else if let Some(body) = body.as_mut() {
            body.extend_from_slice(line);
        }
    }
    usable
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    fn components() -> RuntimeComponents {
        RuntimeComponentsBuilder::for_tests()
            .build()
            .expect("test components")
    }

    fn connector(connect: Option<Duration>, read: Option<Duration>) -> SharedHttpConnector {
        let mut settings = HttpConnectorSettings::builder();
        settings.set_connect_timeout(connect).set_read_timeout(read);
        client().http_connector(&settings.build(), &components())
    }

    fn post(url: &str, body: &str) -> HttpRequest {
        let request = http::Request::builder()
            .method("POST")
            .uri(url)
            .header("x-amz-target", "AmazonSSM.GetParameter")
            .body(SdkBody::from(body))
            .expect("a request");
        HttpRequest::try_from(request).expect("an SDK request")
    }

    /// A server on loopback that reads one request and then does what `answer` says.
    async fn server<F, Fut>(answer: F) -> (String, tokio::task::JoinHandle<Vec<u8>>)
    where
        F: FnOnce(tokio::net::TcpStream, Vec<u8>) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("address"));
        let task = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.expect("accept");
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            // The head, then as much body as Content-Length says.
            loop {
                let n = stream.read(&mut buf).await.expect("read");
                seen.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&seen).to_string();
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let length = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length: ")
                                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if body.len() >= length {
                        break;
                    }
                }
                if n == 0 {
                    break;
                }
            }
            answer(stream, seen.clone()).await;
            seen
        });
        (url, task)
    }

    #[tokio::test]
    async fn a_request_goes_out_as_the_sdk_built_it_and_the_answer_comes_back_whole() {
        let (url, seen) = server(|mut stream, _| async move {
            let body = r#"{"Parameter":{"Value":"v"}}"#;
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: r-1\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(answer.as_bytes()).await.expect("write");
        })
        .await;
        let response = connector(None, None)
            .call(post(&url, r#"{"Name":"/p"}"#))
            .await
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers().get("x-amzn-requestid"), Some("r-1"));
        let body = response.into_body();
        let bytes = http_body_util::BodyExt::collect(body)
            .await
            .expect("the body")
            .to_bytes();
        assert_eq!(&bytes[..], br#"{"Parameter":{"Value":"v"}}"#);
        let request = String::from_utf8(seen.await.expect("server")).expect("text");
        assert!(request.starts_with("POST / HTTP/1.1\r\n"), "{request}");
        let lower = request.to_ascii_lowercase();
        assert!(
            lower.contains("x-amz-target: amazonssm.getparameter\r\n"),
            "{request}"
        );
        assert!(lower.contains("content-length: 13\r\n"), "{request}");
        assert!(request.ends_with(r#"{"Name":"/p"}"#), "{request}");
    }

    #[tokio::test]
    async fn a_refused_connection_is_io_which_the_sdk_retries() {
        // A port nothing listens on: bound, then closed.
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/", listener.local_addr().expect("address"));
        drop(listener);
        let error = connector(Some(Duration::from_secs(5)), None)
            .call(post(&url, "{}"))
            .await
            .expect_err("nothing listens");
        assert!(error.is_io(), "{error:?}");
    }

    #[tokio::test]
    async fn a_connection_closed_before_the_answer_is_io_which_the_sdk_retries() {
        let (url, seen) = server(|stream, _| async move { drop(stream) }).await;
        let error = connector(None, None)
            .call(post(&url, "{}"))
            .await
            .expect_err("closed before answering");
        assert!(error.is_io(), "{error:?}");
        seen.await.expect("server");
    }

    #[tokio::test]
    async fn no_answer_within_the_read_timeout_is_a_timeout() {
        let (url, _seen) = server(|stream, _| async move {
            // Holds the connection open without answering, until the test ends.
            tokio::time::sleep(Duration::from_secs(60)).await;
            drop(stream);
        })
        .await;
        let error = connector(None, Some(Duration::from_millis(200)))
            .call(post(&url, "{}"))
            .await
            .expect_err("no answer");
        assert!(error.is_timeout(), "{error:?}");
    }

    #[test]
    fn every_sdk_client_shares_one_connector_per_timeouts() {
        let client = ReqwestClient {
            extra_roots: Vec::new(),
            connectors: Mutex::default(),
        };
        let settings = |connect| {
            HttpConnectorSettings::builder()
                .connect_timeout(Duration::from_secs(connect))
                .build()
        };
        for _ in 0..3 {
            client.http_connector(&settings(3), &components());
        }
        assert_eq!(client.connectors.lock().unwrap().len(), 1);
        // Another connect timeout, another connector (its own pool).
        client.http_connector(&settings(1), &components());
        assert_eq!(client.connectors.lock().unwrap().len(), 2);
        assert_eq!(
            client.connector_metadata().map(|m| m.name().to_string()),
            Some("reqwest".to_string())
        );
    }

    #[test]
    fn certificates_from_ssl_cert_file_and_ssl_cert_dir_are_trusted_besides_the_built_in_ones() {
        let dir = std::env::temp_dir().join(format!("bp-roots-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("one.pem");
        std::fs::write(&file, format!("junk\n{AMAZON_ROOT_CA_1}\n")).expect("write");
        std::fs::write(dir.join("two.crt"), AMAZON_ROOT_CA_1).expect("write");
        std::fs::write(dir.join("notes.txt"), "no certificates").expect("write");
        assert_eq!(roots_from(Some(file.clone()), None).len(), 1);
        assert_eq!(roots_from(None, Some(dir.clone())).len(), 2);
        assert_eq!(roots_from(Some(file), Some(dir.clone())).len(), 3);
        assert!(roots_from(Some(dir.join("missing.pem")), None).is_empty());
        assert!(roots_from(None, None).is_empty());
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    /// Amazon Root CA 1 (public), the root of the AWS endpoints' certificates.
    const AMAZON_ROOT_CA_1: &str = "-----BEGIN CERTIFICATE-----\n\
MIIDQTCCAimgAwIBAgITBmyfz5m/jAo54vB4ikPmljZbyjANBgkqhkiG9w0BAQsF\n\
ADA5MQswCQYDVQQGEwJVUzEPMA0GA1UEChMGQW1hem9uMRkwFwYDVQQDExBBbWF6\n\
b24gUm9vdCBDQSAxMB4XDTE1MDUyNjAwMDAwMFoXDTM4MDExNzAwMDAwMFowOTEL\n\
MAkGA1UEBhMCVVMxDzANBgNVBAoTBkFtYXpvbjEZMBcGA1UEAxMQQW1hem9uIFJv\n\
b3QgQ0EgMTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALJ4gHHKeNXj\n\
ca9HgFB0fW7Y14h29Jlo91ghYPl0hAEvrAIthtOgQ3pOsqTQNroBvo3bSMgHFzZM\n\
9O6II8c+6zf1tRn4SWiw3te5djgdYZ6k/oI2peVKVuRF4fn9tBb6dNqcmzU5L/qw\n\
IFAGbHrQgLKm+a/sRxmPUDgH3KKHOVj4utWp+UhnMJbulHheb4mjUcAwhmahRWa6\n\
VOujw5H5SNz/0egwLX0tdHA114gk957EWW67c4cX8jJGKLhD+rcdqsq08p8kDi1L\n\
93FcXmn/6pUCyziKrlA4b9v7LWIbxcceVOF34GfID5yHI9Y/QCB/IIDEgEw+OyQm\n\
jgSubJrIqg0CAwEAAaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMC\n\
AYYwHQYDVR0OBBYEFIQYzIU07LwMlJQuCFmcx7IQTgoIMA0GCSqGSIb3DQEBCwUA\n\
A4IBAQCY8jdaQZChGsV2USggNiMOruYou6r4lK5IpDB/G/wkjUu0yKGX9rbxenDI\n\
U5PMCCjjmCXPI6T53iHTfIUJrU6adTrCC2qJeHZERxhlbI1Bjjt/msv0tadQ1wUs\n\
N+gDS63pYaACbvXy8MWy7Vu33PqUXHeeE6V/Uq2V8viTO96LXFvKWlJbYK8U90vv\n\
o/ufQJVtMVT8QtPHRh8jrdkPSHCa2XV4cdFyQzR1bldZwgJcJmApzyMZFo6IQ6XU\n\
5MsI+yMRQ+hDKXJioaldXgjUkK642M4UwtBV8ob2xJNDd2ZhwLnoQdeXeGADbkpy\n\
rqXRfboQnoZsG4q5WTP468SQvvG5\n\
-----END CERTIFICATE-----";

    #[test]
    fn a_bundle_keeps_only_the_certificates_rustls_accepts() {
        let bundle = format!(
            "# a comment\n{AMAZON_ROOT_CA_1}\n\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n{AMAZON_ROOT_CA_1}\n-----BEGIN CERTIFICATE-----\ncut off"
        );
        let usable = usable_certificates(bundle.as_bytes());
        assert_eq!(usable.len(), 2);
        let mut roots = rustls::RootCertStore::empty();
        for der in usable {
            roots.add(der).expect("a trust anchor");
        }
        assert_eq!(roots.len(), 2);
        assert_eq!(usable_certificates(b"no certificates here"), Vec::new());
    }

    #[test]
    fn a_bundle_keeps_what_rustls_reads_from_it_crlf_and_odd_line_lengths_included() {
        use rustls::pki_types::pem::PemObject;
        // The same certificate with CRLF line ends and 76-column lines.
        let body: String = AMAZON_ROOT_CA_1
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let wrapped: Vec<&str> = body
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let crlf = format!(
            "-----BEGIN CERTIFICATE-----\r\n{}\r\n-----END CERTIFICATE-----\r\n",
            wrapped.join("\r\n")
        );
        let expected = CertificateDer::from_pem_slice(AMAZON_ROOT_CA_1.as_bytes()).unwrap();
        assert_eq!(usable_certificates(crlf.as_bytes()), vec![expected]);

        // Debian's bundle, where there is one: the same certificates, in the same
        // order, as rustls' own PEM reader finds and accepts.
        let Ok(bundle) = std::fs::read("/etc/ssl/certs/ca-certificates.crt") else {
            return;
        };
        let theirs: Vec<CertificateDer> = CertificateDer::pem_slice_iter(&bundle)
            .filter_map(Result::ok)
            .filter(|der| rustls::RootCertStore::empty().add(der.clone()).is_ok())
            .collect();
        let ours = usable_certificates(&bundle);
        assert!(ours.len() > 10, "a platform bundle holds many roots");
        assert_eq!(ours, theirs);
    }
}
