//! AWS SDK configuration and clients, built once per cold start.

use std::time::Duration;

use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::{Credentials, SharedCredentialsProvider, SharedHttpClient};

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

/// Loads the SDK configuration from the environment Lambda gives a function: the
/// region (`AWS_REGION`, else `AWS_DEFAULT_REGION`), the execution role's credentials
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, read when a call
/// is signed) and, for local stand-ins, `AWS_ENDPOINT_URL`.
///
/// Not `aws_config`'s default chain: Lambda always passes credentials in the environment,
/// and the chain's other sources (profile files, web identity through STS, SSO, ECS,
/// IMDS) and settings (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_MAX_ATTEMPTS`, FIPS and
/// dual-stack endpoints) cost each function 0.76–0.82 MB of its x86_64 binary
/// (docs/benchmarks.md, "Binary size"). Retries, timeouts, the identity cache,
/// sleep and clock are the clients' defaults for [`BehaviorVersion::latest`], as the
/// chain left them. The admin CLI keeps the whole chain.
pub fn load_with(http_client: SharedHttpClient) -> SdkConfig {
    from_env(|name| std::env::var(name).ok(), http_client)
}

/// [`load_with`] reading variables through `var`.
fn from_env(var: impl Fn(&str) -> Option<String>, http_client: SharedHttpClient) -> SdkConfig {
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    let region = set("AWS_REGION")
        .or_else(|| set("AWS_DEFAULT_REGION"))
        .map(Region::new);
    let mut config =
        base(http_client)
            .region(region)
            .credentials_provider(SharedCredentialsProvider::new(
                EnvironmentVariableCredentialsProvider::new(),
            ));
    config.set_endpoint_url(set("AWS_ENDPOINT_URL"));
    config.build()
}

/// What every configuration starts from: the behaviour version and the HTTP client.
fn base(http_client: SharedHttpClient) -> aws_types::sdk_config::Builder {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .http_client(http_client)
}

/// SDK configuration for a local stand-in (moto) at `endpoint`, with dummy credentials.
pub fn local(endpoint: &str) -> SdkConfig {
    base(http_client())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "test", "test", None, None, "local",
        )))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(LOCAL_OPERATION_TIMEOUT)
                .operation_attempt_timeout(LOCAL_OPERATION_TIMEOUT)
                .build(),
        )
        .build()
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

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn aws_calls_are_bounded_and_local_stand_ins_get_longer() {
        let deployed = from_env(env(&[("AWS_REGION", "us-east-1")]), http_client());
        let c = Clients::new(&deployed);
        assert_eq!(operation_timeout(&c), Some(OPERATION_TIMEOUT));
        let attempt = c
            .ssm
            .config()
            .timeout_config()
            .and_then(|t| t.operation_attempt_timeout());
        assert_eq!(attempt, Some(ATTEMPT_TIMEOUT));
        let local = Clients::new(&local("http://127.0.0.1:1"));
        assert_eq!(operation_timeout(&local), Some(LOCAL_OPERATION_TIMEOUT));
    }

    #[test]
    fn lambdas_environment_gives_the_region_and_a_stand_ins_endpoint() {
        let lambda = from_env(
            env(&[
                ("AWS_REGION", "eu-west-1"),
                ("AWS_DEFAULT_REGION", "us-east-1"),
            ]),
            http_client(),
        );
        assert_eq!(lambda.region().map(Region::as_ref), Some("eu-west-1"));
        assert_eq!(lambda.endpoint_url(), None);
        assert!(lambda.credentials_provider().is_some());
        assert_eq!(lambda.behavior_version(), Some(BehaviorVersion::latest()));

        let local = from_env(
            env(&[
                ("AWS_REGION", " "),
                ("AWS_DEFAULT_REGION", "us-east-2"),
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
            ]),
            http_client(),
        );
        assert_eq!(local.region().map(Region::as_ref), Some("us-east-2"));
        assert_eq!(local.endpoint_url(), Some("http://127.0.0.1:4566"));

        let bare = from_env(env(&[("AWS_ENDPOINT_URL", "")]), http_client());
        assert_eq!(bare.region(), None);
        assert_eq!(bare.endpoint_url(), None);
    }
}
