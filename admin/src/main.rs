//! `portal-admin`: onboard tenants (projects), issue and revoke their API keys, and manage
//! the token signing keys — against the same DynamoDB table and SSM parameters as the
//! functions. Every command prints JSON on stdout.

mod cli;
mod commands;
mod metrics;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli).await {
        // Text (the metrics table) is printed as is; everything else as JSON.
        Ok(serde_json::Value::String(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok(output) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&output).unwrap_or_else(|_| output.to_string())
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
