//! `dev-gateway`: the functions behind one local address with the routes of
//! `template.yaml` (what `cargo xtask dev` serves on http://127.0.0.1:3000).
//!
//! Reads the same environment as the functions (TABLE_NAME, PUBLIC_BASE_URL, ... and the
//! AWS ones, AWS_ENDPOINT_URL pointing at moto), plus PORT (default 3000).

use std::sync::Arc;

use anyhow::Context;
use shared::config::Config;
use shared::runtime::InitTimings;
use tests::gateway::{serve, Apps};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    shared::telemetry::init();
    let config = Config::from_env()?;
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p
            .parse()
            .with_context(|| format!("PORT={p} is not a port"))?,
        Err(_) => 3000,
    };
    // Each function's App is built once, as on a Lambda cold start.
    let apps = Apps {
        create_session: Some(Arc::new(
            create_session::App::new(config.clone(), &InitTimings::start())
                .await
                .context("starting create-session")?,
        )),
        portal: Some(Arc::new(
            portal::App::new(config.clone(), &InitTimings::start())
                .await
                .context("starting portal")?,
        )),
        webhooks: Some(Arc::new(
            webhooks::App::new(config.clone(), &InitTimings::start())
                .await
                .context("starting webhooks")?,
        )),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .with_context(|| format!("binding 127.0.0.1:{port}"))?;
    let gateway = serve(listener, apps)?;
    tracing::info!(addr = %gateway.addr(), "dev-gateway listening");

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    gateway.shutdown().await;
    Ok(())
}
