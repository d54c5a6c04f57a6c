//! Fixed-window counters: one atomic `ADD` on a row named by the counter and its window's
//! start, kept a window past its end so late readers never see a reset counter early.

use anyhow::Context;
use aws_sdk_dynamodb::types::ReturnValue;

use super::{keys, n, s, ItemExt, Table};
use crate::ids::ProjectId;

/// One count in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hits {
    /// Hits in the window so far, this one included.
    pub count: i64,
    /// Seconds until the window ends (at least 1).
    pub window_left: u64,
}

/// Counters per project and window of `window_seconds`.
#[derive(Debug, Clone)]
pub struct WindowedCounter {
    table: Table,
    window_seconds: i64,
}

impl WindowedCounter {
    /// Counters on `table` with windows of `window_seconds` (at least 1).
    pub fn new(table: Table, window_seconds: i64) -> WindowedCounter {
        WindowedCounter {
            table,
            window_seconds: window_seconds.max(1),
        }
    }

    /// Counts one hit of counter `name` (see [`keys`]) of `project` at `now`.
    pub async fn hit(&self, project: &ProjectId, name: &str, now: i64) -> anyhow::Result<Hits> {
        let window = self.window_seconds;
        let start = now - now.rem_euclid(window);
        let end = start + window;
        let out = self
            .table
            .client()
            .update_item()
            .table_name(self.table.name())
            .key("pk", s(keys::project_pk(project)))
            .key("sk", s(keys::window(name, start)))
            .update_expression("ADD hits :one SET expires_at = if_not_exists(expires_at, :exp)")
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":exp", n(end + window))
            .return_values(ReturnValue::UpdatedNew)
            .send()
            .await
            .with_context(|| {
                format!(
                    "counting a hit of {}",
                    name.split('#').next().unwrap_or(name)
                )
            })?;
        let count = out
            .attributes()
            .context("a counter update returned nothing")?
            .get_n("hits")?;
        Ok(Hits {
            count,
            window_left: u64::try_from(end - now).unwrap_or(1).max(1),
        })
    }
}
