//! A DynamoDB client that records the operations it sends and can fail some of them: for
//! tests that count a page's requests or break one write on purpose.

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use shared::store::Table;

/// Records each DynamoDB operation (`GetItem`, `TransactWriteItems`, …) and fails those
/// whose request body contains the marker, if any.
#[derive(Debug, Clone, Default)]
pub struct DynamoTap {
    calls: Arc<Mutex<Vec<String>>>,
    fail_on: Option<String>,
}

impl DynamoTap {
    /// A tap that fails every request whose body contains `marker` (a key prefix, say).
    pub fn failing_on(marker: &str) -> DynamoTap {
        DynamoTap {
            fail_on: Some(marker.to_owned()),
            ..DynamoTap::default()
        }
    }

    /// `table` (same name) through a client with this tap.
    pub async fn table(&self, table: &Table) -> Table {
        let sdk = shared::aws::local(&crate::env("BP_TEST_AWS_ENDPOINT"));
        let client = aws_sdk_dynamodb::Client::from_conf(
            aws_sdk_dynamodb::config::Builder::from(&sdk)
                .interceptor(self.clone())
                .build(),
        );
        Table::new(client, table.name())
    }

    /// The operations sent since the last call, oldest first.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.calls.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Intercept for DynamoTap {
    fn name(&self) -> &'static str {
        "dynamodb-tap"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let request = context.request();
        let operation = request
            .headers()
            .get("x-amz-target")
            .unwrap_or("?")
            .rsplit('.')
            .next()
            .unwrap_or("?")
            .to_owned();
        self.calls
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(operation.clone());
        let body = request.body().bytes().unwrap_or_default();
        match &self.fail_on {
            Some(marker) if String::from_utf8_lossy(body).contains(marker.as_str()) => {
                Err(format!("test tap: {operation} refused on purpose").into())
            }
            _ => Ok(()),
        }
    }
}
