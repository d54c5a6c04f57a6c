//! AWS SDK configuration and clients, built once per cold start.

use std::time::Duration;

use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, SharedHttpClient};

mod http;

/// The longest any AWS call may take, retries included: a hung call must end well inside
/// the functions' 29 s timeout, so the work around it (a claim given back) still runs.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(8);
/// The longest one attempt of an AWS call may take.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(4);

/// Against local stand-ins (tests, `cargo xtask dev`) a call may wait this long: moto
/// serves one request at a time, so under a burst on a loaded machine a request can queue
/// for seconds. Only a hung stand-in should fail a call.
pub const LOCAL_OPERATION_TIMEOUT: Duration = Duration::from_secs(60);

/// The HTTP client of every AWS client: `reqwest` on rustls with ring and Mozilla's roots
/// compiled in, the Stripe client's stack, plus any certificates `SSL_CERT_FILE` or
/// `SSL_CERT_DIR` name. The SDK is built without its default client (`Cargo.toml`); why
/// not its own hyper client is in [`http`]'s docs.
pub fn http_client() -> SharedHttpClient {
    http::client()
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
}
