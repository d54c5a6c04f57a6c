//! The single DynamoDB table: the client bound to it, item mapping helpers and table
//! creation. Key shapes and lifetimes are in [`keys`]; fixed-window counters in
//! [`counter`]. The DynamoDB client is private to `shared`: the functions reach the table
//! only through the stores built on it.

pub mod counter;
pub mod keys;

use std::collections::HashMap;

use anyhow::{anyhow, Context};
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType, TableStatus, TimeToLiveSpecification,
};
use aws_sdk_dynamodb::Client;

/// Name of the TTL attribute.
pub const TTL_ATTRIBUTE: &str = "expires_at";

/// A DynamoDB client bound to the table name.
#[derive(Debug, Clone)]
pub struct Table {
    client: Client,
    name: String,
}

impl Table {
    /// Binds `client` to the table `name`.
    pub fn new(client: Client, name: impl Into<String>) -> Table {
        Table {
            client,
            name: name.into(),
        }
    }

    /// The table name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The client, for the stores of this crate.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// The row at `pk`/`sk` (a strongly consistent read).
    pub async fn get(&self, pk: &str, sk: &str) -> anyhow::Result<Option<Item>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.name)
            .key("pk", s(pk))
            .key("sk", s(sk))
            .consistent_read(true)
            .send()
            .await
            .with_context(|| format!("reading an item of {}", self.name))?;
        Ok(out.item)
    }

    /// Writes a new row under a random key; a row already there is an error (`what`
    /// names the row in it).
    pub(crate) async fn insert(&self, item: Item, what: &str) -> anyhow::Result<()> {
        if self
            .put_new(item)
            .await
            .with_context(|| format!("storing {what}"))?
        {
            Ok(())
        } else {
            Err(anyhow!("storing {what}: its random key is taken"))
        }
    }

    /// Writes `item` unless its key exists: `true` if this call wrote it (a claim won).
    pub(crate) async fn put_new(&self, item: Item) -> anyhow::Result<bool> {
        let put = self
            .client
            .put_item()
            .table_name(&self.name)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        match put {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_check_failed(&e) => Ok(false),
            Err(e) => {
                Err(anyhow::Error::new(e).context(format!("writing a new item to {}", self.name)))
            }
        }
    }
}

/// Creates the table (pk/sk strings, on-demand, TTL on `expires_at`) unless it exists.
pub async fn create_table(client: &Client, name: &str) -> anyhow::Result<()> {
    let key = |n: &str, t: KeyType| {
        KeySchemaElement::builder()
            .attribute_name(n)
            .key_type(t)
            .build()
    };
    let attr = |n: &str| {
        AttributeDefinition::builder()
            .attribute_name(n)
            .attribute_type(ScalarAttributeType::S)
            .build()
    };
    let created = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key("pk", KeyType::Hash)?)
        .key_schema(key("sk", KeyType::Range)?)
        .attribute_definitions(attr("pk")?)
        .attribute_definitions(attr("sk")?)
        .send()
        .await;
    match created {
        Ok(_) => {}
        Err(SdkError::ServiceError(e)) if e.err().is_resource_in_use_exception() => {}
        Err(e) => return Err(e).with_context(|| format!("creating table {name}")),
    }
    wait_until_active(client, name).await?;
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name(TTL_ATTRIBUTE)
                .build()?,
        )
        .send()
        .await
        .map(|_| ())
        .or_else(|e| {
            // Enabling TTL twice is refused by DynamoDB; that is fine here.
            if e.as_service_error()
                .and_then(|s| s.meta().message())
                .is_some_and(|m| m.contains("already enabled"))
            {
                Ok(())
            } else {
                Err(e).with_context(|| format!("enabling TTL on table {name}"))
            }
        })
}

async fn wait_until_active(client: &Client, name: &str) -> anyhow::Result<()> {
    for _ in 0..120 {
        let out = client
            .describe_table()
            .table_name(name)
            .send()
            .await
            .with_context(|| format!("describing table {name}"))?;
        if out.table().and_then(|t| t.table_status()) == Some(&TableStatus::Active) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    Err(anyhow!("table {name} did not become active"))
}

/// A DynamoDB item.
pub type Item = HashMap<String, AttributeValue>;

/// Typed reads of item attributes, so mapping code stays short.
pub trait ItemExt {
    /// A string attribute.
    fn get_s(&self, name: &str) -> anyhow::Result<&str>;
    /// A number attribute as i64.
    fn get_n(&self, name: &str) -> anyhow::Result<i64>;
    /// An optional string attribute.
    fn get_s_opt(&self, name: &str) -> Option<&str>;
    /// An optional number attribute.
    fn get_n_opt(&self, name: &str) -> anyhow::Result<Option<i64>>;
}

impl ItemExt for Item {
    fn get_s(&self, name: &str) -> anyhow::Result<&str> {
        self.get_s_opt(name)
            .ok_or_else(|| anyhow!("item attribute {name} missing or not a string"))
    }

    fn get_n(&self, name: &str) -> anyhow::Result<i64> {
        self.get_n_opt(name)?
            .ok_or_else(|| anyhow!("item attribute {name} missing"))
    }

    fn get_s_opt(&self, name: &str) -> Option<&str> {
        self.get(name)
            .and_then(|v| v.as_s().ok())
            .map(String::as_str)
    }

    fn get_n_opt(&self, name: &str) -> anyhow::Result<Option<i64>> {
        match self.get(name) {
            None | Some(AttributeValue::Null(_)) => Ok(None),
            Some(v) => {
                let n = v
                    .as_n()
                    .map_err(|_| anyhow!("item attribute {name} is not a number"))?;
                n.parse()
                    .map(Some)
                    .with_context(|| format!("item attribute {name} is not an integer"))
            }
        }
    }
}

/// A string attribute value.
pub fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

/// A number attribute value.
pub fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

/// Whether a `TransactWriteItems` was cancelled because a condition failed.
pub fn is_transaction_condition_failed(
    err: &SdkError<
        aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError,
        impl std::fmt::Debug,
    >,
) -> bool {
    use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
    match err.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(t)) => t
            .cancellation_reasons()
            .iter()
            .any(|r| r.code() == Some("ConditionalCheckFailed")),
        _ => false,
    }
}

/// Whether an SDK error is a failed `ConditionExpression`.
pub fn is_conditional_check_failed<E, R>(err: &SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    err.as_service_error()
        .and_then(|e| e.code())
        .is_some_and(|c| c == "ConditionalCheckFailedException")
}
