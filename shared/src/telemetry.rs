//! JSON-lines logs for CloudWatch. Secrets never reach a log line: every type that holds
//! one prints `[redacted]` in `Debug`, and nothing logs raw headers or bodies.

use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;

/// Installs the global JSON subscriber (`RUST_LOG` filter, default `info`). Idempotent.
pub fn init() {
    let _ = tracing::subscriber::set_global_default(subscriber(std::io::stdout));
}

/// The `RUST_LOG` filter: a level (`info`) or comma-separated `target=level` directives
/// (`info,shared=debug`); unset or unparsable means `info`, and so does every target a
/// value without a bare level leaves out (`shared=debug` keeps the rest at `info`, where
/// `EnvFilter` would silence it: a typo must not turn a function's logs off). `Targets`
/// rather than `EnvFilter`: no span and field filters, and so none of the regex engine
/// they compile at run time in the Lambda binaries (docs/benchmarks.md, "Binary size").
fn filter(rust_log: Option<&str>) -> Targets {
    let parsed = rust_log.and_then(|s| s.parse::<Targets>().ok());
    match parsed {
        Some(t) if t.default_level().is_some() => t,
        Some(t) => t.with_default(tracing::Level::INFO),
        None => Targets::new().with_default(tracing::Level::INFO),
    }
}

/// The subscriber `init` installs, writing to `writer` (tests capture logs with it).
pub fn subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter = filter(std::env::var("RUST_LOG").ok().as_deref());
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(true)
        .with_max_level(tracing::level_filters::LevelFilter::TRACE)
        .with_writer(writer)
        .finish()
        .with(filter)
}

#[cfg(test)]
mod tests {
    use super::filter;
    use tracing::level_filters::LevelFilter;
    use tracing::Level;

    #[test]
    fn rust_log_levels_and_directives_are_honoured_and_anything_else_means_info() {
        let info = filter(None);
        assert!(info.would_enable("shared", &Level::INFO));
        assert!(!info.would_enable("shared", &Level::DEBUG));
        assert_eq!(
            filter(Some("not a [filter")).default_level(),
            Some(LevelFilter::INFO)
        );
        let debug = filter(Some("debug"));
        assert!(debug.would_enable("hyper", &Level::DEBUG));
        let mixed = filter(Some("warn,shared=debug"));
        assert!(mixed.would_enable("shared::store", &Level::DEBUG));
        assert!(!mixed.would_enable("hyper", &Level::INFO));
        let only_one = filter(Some("shared=debug"));
        assert!(only_one.would_enable("shared", &Level::DEBUG));
        assert!(only_one.would_enable("portal", &Level::INFO));
        assert!(!only_one.would_enable("portal", &Level::DEBUG));
        let typo = filter(Some("inof"));
        assert!(typo.would_enable("portal", &Level::INFO));
    }
}
