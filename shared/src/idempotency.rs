//! `Idempotency-Key` replay for tenant API writes, as Stripe does it.
//!
//! Row: pk=`PROJECT#<p>`, sk=`IDEM#<sha256 hex of the key>`, the request fingerprint, a
//! state (`pending` while the first request runs, `done` with the stored response), and
//! `expires_at` 24 h later. The first request claims the row with a conditional put; a
//! retry with the same key and parameters gets the stored response, with different
//! parameters a 400 `idempotency_error`. Only successful responses are stored; a failed
//! first attempt releases the key so a retry runs again (Stripe keeps no result for
//! requests that fail validation either).

use std::time::Duration;

use anyhow::Context;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::ids::ProjectId;
use crate::store::{is_conditional_check_failed, keys, n, s, Item, ItemExt, Table};

/// How long a `pending` claim blocks others before it is presumed abandoned.
pub const PENDING_LOCK: Duration = Duration::from_secs(30);
/// Longest key accepted.
pub const MAX_KEY_LEN: usize = 255;

/// A response kept for replay. Nothing that signs anyone in rests here: a body that
/// carried a portal link is stored without it, with `seal` to rebuild it
/// (`session::LinkSeal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// HTTP status.
    pub status: u16,
    /// JSON body (at rest: without any portal link).
    pub body: String,
    /// What rebuilds the body's portal link, where it had one.
    pub seal: Option<String>,
}

/// The outcome of claiming a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First use: run the request, then `complete` or `release`.
    Fresh,
    /// Seen before with the same parameters: answer this.
    Replay(StoredResponse),
    /// Seen before with other parameters.
    Conflict,
    /// The first request with this key is still running.
    InFlight,
}

/// Checks an `Idempotency-Key` header value: 1-255 visible ASCII characters.
pub fn parse_key(raw: &[u8]) -> Result<&str, ApiError> {
    let invalid = || ApiError::ParameterInvalid {
        param: "Idempotency-Key".to_owned(),
        message: format!("Idempotency-Key must be 1 to {MAX_KEY_LEN} printable ASCII characters."),
    };
    if raw.is_empty()
        || raw.len() > MAX_KEY_LEN
        || !raw.iter().all(|b| b.is_ascii_graphic() || *b == b' ')
    {
        return Err(invalid());
    }
    std::str::from_utf8(raw).map_err(|_| invalid())
}

/// The fingerprint of a request: SHA-256 of the route and the canonical parameters.
pub fn fingerprint(route: &str, params: &serde_json::Value) -> String {
    let mut h = Sha256::new();
    h.update(route.as_bytes());
    h.update([0]);
    // serde_json's map is ordered, so equal parameters serialise equally.
    h.update(params.to_string().as_bytes());
    hex::encode(h.finalize())
}

fn sk(key: &str) -> String {
    keys::idempotency(&hex::encode(Sha256::digest(key.as_bytes())))
}

/// Idempotency keys on DynamoDB.
#[derive(Debug, Clone)]
pub struct IdempotencyStore {
    table: Table,
}

impl IdempotencyStore {
    /// A store on `table`.
    pub fn new(table: Table) -> IdempotencyStore {
        IdempotencyStore { table }
    }

    /// Claims `key` for a request with `fingerprint`.
    pub async fn claim(
        &self,
        project: &ProjectId,
        key: &str,
        fingerprint: &str,
        now: OffsetDateTime,
    ) -> anyhow::Result<Claim> {
        let t = now.unix_timestamp();
        // A row that vanishes between a failed put and the read (released) is retried.
        for _ in 0..3 {
            let item = Item::from([
                ("pk".to_owned(), s(keys::project_pk(project))),
                ("sk".to_owned(), s(sk(key))),
                ("fingerprint".to_owned(), s(fingerprint)),
                ("state".to_owned(), s("pending")),
                (
                    "locked_until".to_owned(),
                    n(t + PENDING_LOCK.as_secs() as i64),
                ),
                ("expires_at".to_owned(), n(t + keys::IDEMPOTENCY_SECONDS)),
            ]);
            let put = self
                .table
                .client()
                .put_item()
                .table_name(self.table.name())
                .set_item(Some(item))
                .condition_expression(
                    "attribute_not_exists(pk) OR expires_at <= :now \
                     OR (#state = :pending AND locked_until <= :now)",
                )
                .expression_attribute_names("#state", "state")
                .expression_attribute_values(":now", n(t))
                .expression_attribute_values(":pending", s("pending"))
                .send()
                .await;
            match put {
                Ok(_) => return Ok(Claim::Fresh),
                Err(e) if is_conditional_check_failed(&e) => {}
                Err(e) => return Err(anyhow::Error::new(e).context("claiming an idempotency key")),
            }
            let out = self
                .table
                .client()
                .get_item()
                .table_name(self.table.name())
                .key("pk", s(keys::project_pk(project)))
                .key("sk", s(sk(key)))
                .consistent_read(true)
                .send()
                .await
                .context("reading an idempotency key")?;
            let Some(row) = out.item() else { continue };
            if row.get_s("fingerprint")? != fingerprint {
                return Ok(Claim::Conflict);
            }
            if row.get_s("state")? != "done" {
                return Ok(Claim::InFlight);
            }
            let status =
                u16::try_from(row.get_n("status")?).context("stored status out of range")?;
            return Ok(Claim::Replay(StoredResponse {
                status,
                body: row.get_s("body")?.to_owned(),
                seal: row.get_s_opt("seal").map(str::to_owned),
            }));
        }
        Ok(Claim::InFlight)
    }

    /// Stores the response of the request that claimed `key`.
    pub async fn complete(
        &self,
        project: &ProjectId,
        key: &str,
        fingerprint: &str,
        response: &StoredResponse,
    ) -> anyhow::Result<()> {
        let mut update = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(project)))
            .key("sk", s(sk(key)));
        update = match &response.seal {
            Some(seal) => update
                .update_expression(
                    "SET #state = :done, #status = :status, body = :body, seal = :seal \
                     REMOVE locked_until",
                )
                .expression_attribute_values(":seal", s(seal)),
            None => update.update_expression(
                "SET #state = :done, #status = :status, body = :body REMOVE locked_until",
            ),
        };
        let res = update
            .condition_expression("fingerprint = :f")
            .expression_attribute_names("#state", "state")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":done", s("done"))
            .expression_attribute_values(":status", n(i64::from(response.status)))
            .expression_attribute_values(":body", s(&response.body))
            .expression_attribute_values(":f", s(fingerprint))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            // Another request took over an abandoned claim; its answer wins.
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("storing an idempotent response")),
        }
    }

    /// Gives `key` back after a failed first attempt, so a retry runs again.
    pub async fn release(
        &self,
        project: &ProjectId,
        key: &str,
        fingerprint: &str,
    ) -> anyhow::Result<()> {
        let res = self
            .table
            .client()
            .delete_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(project)))
            .key("sk", s(sk(key)))
            .condition_expression("fingerprint = :f AND #state = :pending")
            .expression_attribute_names("#state", "state")
            .expression_attribute_values(":f", s(fingerprint))
            .expression_attribute_values(":pending", s("pending"))
            .send()
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(e) if is_conditional_check_failed(&e) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("releasing an idempotency key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_parameters_in_any_order_share_a_fingerprint() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"customer":"cus_1","flow":"invoices"}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{"flow":"invoices", "customer":"cus_1"}"#).unwrap();
        assert_eq!(
            fingerprint("POST /v1/sessions", &a),
            fingerprint("POST /v1/sessions", &b)
        );
        assert_ne!(
            fingerprint("POST /v1/sessions", &a),
            fingerprint("POST /v1/sessions", &json!({"customer":"cus_2"}))
        );
    }

    #[test]
    fn keys_must_be_short_printable_ascii() {
        assert_eq!(parse_key(b"order-123").unwrap(), "order-123");
        assert!(parse_key(b"").is_err());
        assert!(parse_key("k".repeat(256).as_bytes()).is_err());
        assert!(parse_key(b"bad\nkey").is_err());
        assert!(parse_key("clé".as_bytes()).is_err());
    }
}
