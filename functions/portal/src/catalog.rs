//! Each project's products and prices, kept in the process for a minute: they change
//! rarely, and every overview and plan page would otherwise read them again from the
//! tenant's Stripe account (whose rate limit its production integration shares).
//! Failures are never kept.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shared::ids::{PriceId, ProjectId};
use shared::stripe::{List, Price, Product, StripeError};

/// How long a read is kept.
pub const CATALOG_TTL: Duration = Duration::from_secs(60);
/// Entries kept at most (expired ones go first); beyond it, reads are not kept.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Entry {
    Products,
    Price(PriceId),
}

#[derive(Debug, Clone)]
enum Kept {
    Products(Arc<List<Product>>),
    Price(Arc<Price>),
}

/// Products and prices by project, for [`CATALOG_TTL`].
#[derive(Debug, Default)]
pub struct Catalog {
    entries: Mutex<HashMap<(ProjectId, Entry), (Instant, Kept)>>,
}

impl Catalog {
    fn kept(&self, project: &ProjectId, entry: &Entry) -> Option<Kept> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (at, kept) = entries.get(&(project.clone(), entry.clone()))?;
        (at.elapsed() < CATALOG_TTL).then(|| kept.clone())
    }

    fn keep(&self, project: &ProjectId, entry: Entry, kept: Kept) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < CATALOG_TTL);
        }
        if entries.len() < MAX_ENTRIES {
            entries.insert((project.clone(), entry), (Instant::now(), kept));
        }
    }

    /// The project's first page of products: kept, or read with `read`.
    pub async fn products<F>(
        &self,
        project: &ProjectId,
        read: impl FnOnce() -> F,
    ) -> Result<Arc<List<Product>>, StripeError>
    where
        F: Future<Output = Result<List<Product>, StripeError>>,
    {
        if let Some(Kept::Products(list)) = self.kept(project, &Entry::Products) {
            return Ok(list);
        }
        let list = Arc::new(read().await?);
        self.keep(project, Entry::Products, Kept::Products(list.clone()));
        Ok(list)
    }

    /// Price `id` of the project: kept, or read with `read`.
    pub async fn price<F>(
        &self,
        project: &ProjectId,
        id: &PriceId,
        read: impl FnOnce() -> F,
    ) -> Result<Arc<Price>, StripeError>
    where
        F: Future<Output = Result<Price, StripeError>>,
    {
        let entry = Entry::Price(id.clone());
        if let Some(Kept::Price(price)) = self.kept(project, &entry) {
            return Ok(price);
        }
        let price = Arc::new(read().await?);
        self.keep(project, entry, Kept::Price(price.clone()));
        Ok(price)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn project(c: char) -> ProjectId {
        ProjectId::parse(&format!("proj_{}", c.to_string().repeat(24))).unwrap()
    }

    #[tokio::test]
    async fn a_read_is_kept_per_project_and_failures_are_not() {
        let catalog = Catalog::default();
        let reads = AtomicUsize::new(0);
        let read = || async {
            reads.fetch_add(1, Ordering::SeqCst);
            Ok(List::default())
        };
        catalog.products(&project('a'), read).await.unwrap();
        catalog.products(&project('a'), read).await.unwrap();
        assert_eq!(reads.load(Ordering::SeqCst), 1, "kept for the same project");
        catalog.products(&project('b'), read).await.unwrap();
        assert_eq!(
            reads.load(Ordering::SeqCst),
            2,
            "not shared with another project"
        );
        let failing = || async { Err(StripeError::Unreachable("down".to_owned())) };
        assert!(catalog.products(&project('c'), failing).await.is_err());
        catalog.products(&project('c'), read).await.unwrap();
        assert_eq!(reads.load(Ordering::SeqCst), 3, "a failure is read again");
    }
}
