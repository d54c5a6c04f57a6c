//! Stateful Stripe stand-in speaking API `2026-08-26.dahlia` for local runs and tests.
//!
//! In-process use: `let s = stripe_standin::spawn(Options::default()).await?;` then talk to
//! `s.base_url()` with any `sk_test_…` key. See the crate README for endpoints and limits.

#![recursion_limit = "256"]

pub mod control;
pub mod enums;
pub mod error;
pub mod events;
pub mod faults;
pub mod form;
pub mod gate;
pub mod pages;
pub mod resources;
pub mod seed;
pub mod server;
pub mod state;
pub mod webhooks;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

pub use state::API_VERSION;

/// How to start a stand-in.
#[derive(Debug, Clone)]
pub struct Options {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Waits between webhook delivery attempts; attempts = len + 1.
    pub webhook_backoff: Vec<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 0,
            webhook_backoff: [200, 500, 1000, 2000]
                .into_iter()
                .map(Duration::from_millis)
                .collect(),
        }
    }
}

/// A running stand-in; dropping it stops the server.
pub struct Running {
    addr: SocketAddr,
    shared: Arc<state::Shared>,
    stop: watch::Sender<bool>,
}

impl Running {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Loads the demo account (see `--seed demo`) and returns its ids.
    pub fn seed_demo(&self) -> anyhow::Result<serde_json::Value> {
        seed::seed_demo(&self.shared)
    }

    /// Stops accepting and closes open connections.
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Binds 127.0.0.1:`opts.port` and serves in the background on the current Tokio runtime.
pub async fn spawn(opts: Options) -> anyhow::Result<Running> {
    let listener = TcpListener::bind(("127.0.0.1", opts.port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{}", opts.port))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let (tx, rx) = mpsc::unbounded_channel();
    let shared = Arc::new(state::Shared::new(tx, opts.webhook_backoff));
    let _ = shared.base_url.set(format!("http://{addr}"));
    tokio::spawn(webhooks::run_dispatcher(shared.clone(), rx));
    let (stop, stop_rx) = watch::channel(false);
    tokio::spawn(server::serve(
        listener,
        server::router(shared.clone()),
        stop_rx,
    ));
    Ok(Running { addr, shared, stop })
}
