//! Typed configuration from the environment, checked once at start.

/// Default SSM parameter holding the token signing keys.
pub const DEFAULT_SIGNING_KEYS_PARAMETER: &str = "/billing-portal/signing-keys";
/// Default Stripe API base URL.
pub const DEFAULT_STRIPE_API_BASE: &str = "https://api.stripe.com";
/// Default prefix of the project secrets in SSM.
pub const DEFAULT_SSM_PREFIX: &str = "/billing-portal";

/// A missing or invalid environment variable, named.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A required variable is not set (or empty).
    #[error("missing environment variable {0}")]
    Missing(&'static str),
    /// A variable is set to an unusable value.
    #[error("invalid environment variable {name}: {why}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// What is wrong.
        why: String,
    },
}

/// The functions' settings (AWS settings come from the standard AWS variables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// DynamoDB table (`TABLE_NAME`).
    pub table_name: String,
    /// Public base URL of the API, no trailing slash (`PUBLIC_BASE_URL`).
    pub public_base_url: String,
    /// SSM SecureString with the signing keys JSON (`SIGNING_KEYS_PARAMETER`).
    pub signing_keys_parameter: String,
    /// Stripe API base URL, no trailing slash (`STRIPE_API_BASE`).
    pub stripe_api_base: String,
    /// Prefix of the project secrets in SSM (`SSM_PREFIX`).
    pub ssm_prefix: String,
}

/// `Strict-Transport-Security` for responses served over HTTPS: browsers then never use
/// plain HTTP for this host (no subdomains: a tenant may put the portal on theirs).
pub const HSTS: &str = "max-age=31536000";

impl Config {
    /// Whether the API is served over HTTPS (everywhere but local runs).
    pub fn is_https(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }

    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &'static str| lookup(name).filter(|v| !v.trim().is_empty());
        let required = |name: &'static str| get(name).ok_or(ConfigError::Missing(name));
        let table_name = required("TABLE_NAME")?;
        let public_base_url = base_url("PUBLIC_BASE_URL", &required("PUBLIC_BASE_URL")?)?;
        let stripe_api_base = base_url(
            "STRIPE_API_BASE",
            &get("STRIPE_API_BASE").unwrap_or_else(|| DEFAULT_STRIPE_API_BASE.to_owned()),
        )?;
        let signing_keys_parameter = ssm_name(
            "SIGNING_KEYS_PARAMETER",
            get("SIGNING_KEYS_PARAMETER")
                .unwrap_or_else(|| DEFAULT_SIGNING_KEYS_PARAMETER.to_owned()),
        )?;
        let ssm_prefix = ssm_name(
            "SSM_PREFIX",
            get("SSM_PREFIX").unwrap_or_else(|| DEFAULT_SSM_PREFIX.to_owned()),
        )?
        .trim_end_matches('/')
        .to_owned();
        Ok(Config {
            table_name,
            public_base_url,
            signing_keys_parameter,
            stripe_api_base,
            ssm_prefix,
        })
    }
}

fn base_url(name: &'static str, value: &str) -> Result<String, ConfigError> {
    let url = url::Url::parse(value).map_err(|e| ConfigError::Invalid {
        name,
        why: format!("not an absolute URL ({e})"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ConfigError::Invalid {
            name,
            why: "scheme must be http or https".to_owned(),
        });
    }
    Ok(value.trim_end_matches('/').to_owned())
}

fn ssm_name(name: &'static str, value: String) -> Result<String, ConfigError> {
    if value.starts_with('/') {
        Ok(value)
    } else {
        Err(ConfigError::Invalid {
            name,
            why: "must start with '/'".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn missing_table_name_is_named() {
        let err = from(&[("PUBLIC_BASE_URL", "http://127.0.0.1:3000")]).unwrap_err();
        assert_eq!(err.to_string(), "missing environment variable TABLE_NAME");
    }

    #[test]
    fn missing_public_base_url_is_named() {
        let err = from(&[("TABLE_NAME", "t")]).unwrap_err();
        assert!(err.to_string().contains("PUBLIC_BASE_URL"));
    }

    #[test]
    fn defaults_apply_and_trailing_slashes_go() {
        let c = from(&[
            ("TABLE_NAME", "t"),
            ("PUBLIC_BASE_URL", "http://127.0.0.1:3000/"),
        ])
        .unwrap();
        assert_eq!(c.public_base_url, "http://127.0.0.1:3000");
        assert_eq!(c.stripe_api_base, DEFAULT_STRIPE_API_BASE);
        assert_eq!(c.signing_keys_parameter, DEFAULT_SIGNING_KEYS_PARAMETER);
        assert_eq!(c.ssm_prefix, DEFAULT_SSM_PREFIX);
    }

    #[test]
    fn invalid_urls_are_named() {
        let err = from(&[
            ("TABLE_NAME", "t"),
            ("PUBLIC_BASE_URL", "http://x"),
            ("STRIPE_API_BASE", "localhost:12111"),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("STRIPE_API_BASE"), "{err}");
    }
}
