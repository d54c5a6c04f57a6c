//! `stripe-standin [--port 12111] [--seed demo]`.

use std::time::Duration;

use anyhow::Context;
use clap::Parser;

#[derive(Parser, Debug)]
#[command(
    name = "stripe-standin",
    about = "Stateful Stripe stand-in (API 2026-08-26.dahlia) on 127.0.0.1"
)]
struct Args {
    /// Port to listen on (127.0.0.1 only); 0 picks a free port.
    #[arg(long, default_value_t = 12111)]
    port: u16,
    /// Load a data set before serving; `demo` prints its ids as one JSON line.
    #[arg(long, value_parser = ["demo"])]
    seed: Option<String>,
    /// Webhook retry waits in milliseconds, comma-separated (attempts = count + 1).
    #[arg(long, default_value = "200,500,1000,2000", value_delimiter = ',')]
    webhook_backoff_ms: Vec<u64>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let running = stripe_standin::spawn(stripe_standin::Options {
        port: args.port,
        webhook_backoff: args
            .webhook_backoff_ms
            .iter()
            .map(|ms| Duration::from_millis(*ms))
            .collect(),
    })
    .await?;
    if args.seed.as_deref() == Some("demo") {
        let facts = running.seed_demo().context("seeding the demo account")?;
        println!("{facts}");
    }
    tracing::info!(addr = %running.addr(), "stripe stand-in listening");
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    running.shutdown();
    Ok(())
}
