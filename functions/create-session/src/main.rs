use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::{service_fn, Request};
use shared::config::Config;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::telemetry::init();
    // Fail the cold start loudly, naming what is wrong, rather than every request later.
    let config =
        Config::from_env().inspect_err(|e| tracing::error!(error = %e, "invalid configuration"))?;
    let app = create_session::App::new(config)
        .await
        .inspect_err(|e| tracing::error!(error = format!("{e:#}"), "start-up failed"))?;
    let app = Arc::new(app);
    lambda_http::run(service_fn(move |req: Request| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(create_session::handle(&app, req).await) }
    }))
    .await
}
