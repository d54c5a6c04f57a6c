use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::{service_fn, Request};
use shared::config::Config;
use shared::runtime::InitTimings;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let timings = InitTimings::start();
    timings.time_sync("telemetry", shared::telemetry::init);
    // Fail the cold start loudly, naming what is wrong, rather than every request later.
    let config = timings
        .time_sync("config", Config::from_env)
        .inspect_err(|e| tracing::error!(error = %e, "invalid configuration"))?;
    let app = create_session::App::new(config, &timings)
        .await
        .inspect_err(|e| tracing::error!(error = format!("{e:#}"), "start-up failed"))?;
    let app = Arc::new(app);
    timings.log();
    lambda_http::run(service_fn(move |req: Request| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(create_session::handle(&app, req).await) }
    }))
    .await
}
