//! AWS SDK configuration and clients, built once per cold start.

use std::time::Duration;

use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, SharedHttpClient};
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode, TlsContext, TrustStore};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

/// The longest any AWS call may take, retries included: a hung call must end well inside
/// the functions' 29 s timeout, so the work around it (a claim given back) still runs.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(8);
/// The longest one attempt of an AWS call may take.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(4);

/// Against local stand-ins (tests, `cargo xtask dev`) a call may wait this long: moto
/// serves one request at a time, so under a burst on a loaded machine a request can queue
/// for seconds. Only a hung stand-in should fail a call.
pub const LOCAL_OPERATION_TIMEOUT: Duration = Duration::from_secs(60);

/// The HTTP client of every AWS client: hyper with rustls on ring (the crypto provider the
/// Stripe client's reqwest uses too), trusting the platform's root certificates
/// ([`trust_store`]). The SDK is built without its default client (`Cargo.toml`).
pub fn http_client() -> SharedHttpClient {
    let context = TlsContext::builder()
        .with_trust_store(trust_store())
        .build()
        .unwrap_or_default();
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::rustls(CryptoMode::Ring))
        .tls_context(context)
        .build_https()
}

/// Where Linux distributions keep the platform's root certificates as one PEM bundle:
/// Amazon Linux 2023 (Lambda's `provided.al2023`) and Fedora, then Debian, Ubuntu and
/// Alpine.
const CA_BUNDLES: [&str; 3] = [
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/certs/ca-certificates.crt",
];

/// The platform's root certificates, read from one file: `SSL_CERT_FILE` when set, else
/// the first bundle of [`CA_BUNDLES`] that holds any. The SDK's own default
/// (`rustls-native-certs`) also walks the certificate directory, one file per
/// certificate, all of them copies of the bundle's: on a Debian-like system that walk was
/// most of the SDK set-up of a cold start (docs/benchmarks.md, "Cold start"). Only
/// certificates rustls accepts are kept (the SDK would panic on one it cannot parse).
/// With `SSL_CERT_DIR` set, or no bundle found, the SDK's default loading is used.
pub fn trust_store() -> TrustStore {
    if std::env::var_os("SSL_CERT_DIR").is_some() {
        return TrustStore::default();
    }
    let from_env = std::env::var_os("SSL_CERT_FILE").map(std::path::PathBuf::from);
    let candidates = from_env
        .into_iter()
        .chain(CA_BUNDLES.iter().map(std::path::PathBuf::from));
    for path in candidates {
        let Ok(bundle) = std::fs::read(&path) else {
            continue;
        };
        let (usable, count) = usable_certificates(&bundle);
        if count > 0 {
            tracing::debug!(path = %path.display(), count, "root certificates");
            return TrustStore::empty().with_pem_certificate(usable);
        }
    }
    TrustStore::default()
}

/// The PEM certificate blocks of `bundle` that rustls accepts as trust anchors,
/// concatenated, and how many there are; anything else in the file is dropped.
fn usable_certificates(bundle: &[u8]) -> (Vec<u8>, usize) {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut usable = Vec::with_capacity(bundle.len());
    let mut count = 0;
    let mut rest = bundle;
    while let Some(start) = find(rest, BEGIN) {
        let Some(len) = find(&rest[start..], END) else {
            break;
        };
        let end = start + len + END.len();
        let block = &rest[start..end];
        rest = &rest[end..];
        let accepted = CertificateDer::from_pem_slice(block)
            .ok()
            .is_some_and(|der| rustls::RootCertStore::empty().add(der).is_ok());
        if accepted {
            usable.extend_from_slice(block);
            usable.push(b'\n');
            count += 1;
        }
    }
    (usable, count)
}

/// Loads the SDK configuration from the standard AWS environment
/// (`AWS_REGION`, credentials, and `AWS_ENDPOINT_URL` for local stand-ins).
pub async fn load() -> SdkConfig {
    load_with(http_client()).await
}

/// [`load`] on a given HTTP client (a cold start times building it on its own).
pub async fn load_with(http_client: SharedHttpClient) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client)
        .load()
        .await
}

/// SDK configuration for a local stand-in (moto) at `endpoint`, with dummy credentials.
pub async fn local(endpoint: &str) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("test", "test", None, None, "local"))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(LOCAL_OPERATION_TIMEOUT)
                .operation_attempt_timeout(LOCAL_OPERATION_TIMEOUT)
                .build(),
        )
        .load()
        .await
}

/// `sdk` with every call bounded by [`OPERATION_TIMEOUT`] (each attempt by
/// [`ATTEMPT_TIMEOUT`]) unless it sets its own operation timeout (as [`local`] does):
/// what every client is built on.
pub fn with_timeouts(sdk: &SdkConfig) -> SdkConfig {
    let own = sdk
        .timeout_config()
        .is_some_and(|t| t.operation_timeout().is_some());
    if own {
        return sdk.clone();
    }
    sdk.to_builder()
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(OPERATION_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .build(),
        )
        .build()
}

/// The AWS clients the functions use.
#[derive(Debug, Clone)]
pub struct Clients {
    /// DynamoDB.
    pub dynamodb: aws_sdk_dynamodb::Client,
    /// SSM Parameter Store.
    pub ssm: aws_sdk_ssm::Client,
    /// SES v1.
    pub ses: aws_sdk_ses::Client,
}

impl Clients {
    /// Builds every client from one SDK configuration, each call bounded by
    /// [`OPERATION_TIMEOUT`] unless the configuration sets its own (as [`local`] does).
    pub fn new(sdk: &SdkConfig) -> Clients {
        let sdk = with_timeouts(sdk);
        Clients {
            dynamodb: aws_sdk_dynamodb::Client::new(&sdk),
            ssm: aws_sdk_ssm::Client::new(&sdk),
            ses: aws_sdk_ses::Client::new(&sdk),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operation_timeout(c: &Clients) -> Option<Duration> {
        c.dynamodb.config().timeout_config()?.operation_timeout()
    }

    #[tokio::test]
    async fn aws_calls_are_bounded_and_local_stand_ins_get_longer() {
        let deployed = aws_config::defaults(BehaviorVersion::latest())
            .http_client(http_client())
            .region(Region::new("us-east-1"))
            .load()
            .await;
        let c = Clients::new(&deployed);
        assert_eq!(operation_timeout(&c), Some(OPERATION_TIMEOUT));
        let attempt = c
            .ssm
            .config()
            .timeout_config()
            .unwrap()
            .operation_attempt_timeout();
        assert_eq!(attempt, Some(ATTEMPT_TIMEOUT));
        let local = Clients::new(&local("http://127.0.0.1:1").await);
        assert_eq!(operation_timeout(&local), Some(LOCAL_OPERATION_TIMEOUT));
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
        let (usable, count) = usable_certificates(bundle.as_bytes());
        assert_eq!(count, 2);
        let parsed: Vec<_> = CertificateDer::pem_slice_iter(&usable)
            .collect::<Result<_, _>>()
            .expect("what is kept parses");
        assert_eq!(parsed.len(), 2);
        let mut roots = rustls::RootCertStore::empty();
        for der in parsed {
            roots.add(der).expect("a trust anchor");
        }
        assert_eq!(roots.len(), 2);
        assert_eq!(
            usable_certificates(b"no certificates here"),
            (Vec::new(), 0)
        );
    }
}
