//! Every AWS request a function sends, as it goes out on the wire: an HTTP client for the
//! SDK configuration a function's `App` is built from, so one tap sees its DynamoDB, SSM
//! and SES clients alike (retries included, each attempt counted).

use std::sync::{Arc, Mutex};

use aws_config::SdkConfig;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{
    RuntimeComponents, RuntimeComponentsBuilder,
};
use aws_smithy_types::config_bag::ConfigBag;

type Log = Arc<Mutex<Vec<String>>>;

/// Records each AWS operation sent through the SDK configurations it taps, as
/// `"<service> <operation>"`: `"DynamoDB UpdateItem"`, `"SSM GetParameter"`, `"SES SendEmail"`.
#[derive(Debug, Clone, Default)]
pub struct AwsTap {
    calls: Log,
}

impl AwsTap {
    /// `sdk` with this tap on its HTTP client (the one it has, else the functions' own).
    pub fn sdk(&self, sdk: &SdkConfig) -> SdkConfig {
        let client = Tapped {
            inner: sdk.http_client().unwrap_or_else(shared::aws::http_client),
            calls: self.calls.clone(),
        };
        sdk.to_builder()
            .http_client(SharedHttpClient::new(client))
            .build()
    }

    /// The operations sent since the last call, oldest first.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.calls.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The operation a request names: `X-Amz-Target` (JSON protocols: DynamoDB, SSM) or the
/// body's `Action=` (query protocol: SES).
fn operation(request: &HttpRequest) -> String {
    if let Some(target) = request.headers().get("x-amz-target") {
        let (service, op) = target.split_once('.').unwrap_or(("?", target));
        let service = match service {
            s if s.starts_with("DynamoDB") => "DynamoDB",
            "AmazonSSM" => "SSM",
            s => s,
        };
        return format!("{service} {op}");
    }
    let body = String::from_utf8_lossy(request.body().bytes().unwrap_or_default()).into_owned();
    let action = body
        .split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
        .unwrap_or("?");
    format!("SES {action}")
}

#[derive(Debug)]
struct Tapped {
    inner: SharedHttpClient,
    calls: Log,
}

impl HttpClient for Tapped {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(TappedConnector {
            inner: self.inner.http_connector(settings, components),
            calls: self.calls.clone(),
        })
    }

    fn validate_base_client_config(
        &self,
        runtime_components: &RuntimeComponentsBuilder,
        cfg: &ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        self.inner
            .validate_base_client_config(runtime_components, cfg)
    }
}

#[derive(Debug)]
struct TappedConnector {
    inner: SharedHttpConnector,
    calls: Log,
}

impl HttpConnector for TappedConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        self.calls
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(operation(&request));
        self.inner.call(request)
    }
}
