use std::convert::Infallible;
use std::sync::Arc;

use lambda_http::{service_fn, Request};
use shared::config::Config;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::telemetry::init();
    let config = Config::from_env()?;
    let app = Arc::new(webhooks::App::new(config).await?);
    lambda_http::run(service_fn(move |req: Request| {
        let app = app.clone();
        async move { Ok::<_, Infallible>(webhooks::handle(&app, req).await) }
    }))
    .await
}
