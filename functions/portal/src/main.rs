use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::{service_fn, Request};
use shared::config::Config;
use shared::runtime::InitTimings;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let timings = InitTimings::start();
    timings.time_sync("telemetry", shared::telemetry::init);
    let config = timings.time_sync("config", Config::from_env)?;
    let app = Arc::new(portal::App::new(config, &timings).await?);
    timings.log();
    lambda_http::run(service_fn(move |req: Request| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(portal::handle(&app, req).await) }
    }))
    .await
}
