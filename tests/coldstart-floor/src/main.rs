//! The least a `lambda_http` function does before it serves: the floor of
//! `cargo xtask bench coldstart`, built with the same profile as the functions.

use lambda_http::{service_fn, Body, Error, Request, Response};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::run(service_fn(|_req: Request| async {
        Ok::<_, Error>(Response::new(Body::from("hello")))
    }))
    .await
}
