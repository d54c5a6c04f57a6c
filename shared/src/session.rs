//! Portal sessions: what `POST /v1/sessions` parses, checks and mints.

use anyhow::Context;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::clock::{random_base62, Random};
use crate::error::ApiError;
use crate::ids::{CustomerId, Flow, Locale, ProjectId, ReturnUrl, SubscriptionId};
use crate::project::Project;
use crate::stripe::{CustomerView, StripeClient, StripeError, StripeKey};
use crate::token::{Claims, PortalToken, SigningKeys, TokenRequest, TokenStore};

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Token lifetime when the request names none.
pub const DEFAULT_EXPIRES_IN: i64 = 300;
/// Shortest `expires_in` accepted.
pub const MIN_EXPIRES_IN: i64 = 60;
/// Longest `expires_in` accepted (before the project's cap).
pub const MAX_EXPIRES_IN: i64 = 86_400;

const FIELDS: [&str; 6] = [
    "customer",
    "return_url",
    "locale",
    "flow",
    "subscription",
    "expires_in",
];

/// The parameters of `POST /v1/sessions`, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionParams {
    /// Required customer.
    pub customer: CustomerId,
    /// Optional return URL (checked against the project later).
    pub return_url: Option<ReturnUrl>,
    /// Locale, default `auto`.
    pub locale: Locale,
    /// Flow, default `overview`.
    pub flow: Flow,
    /// Subscription for `subscription_*` flows.
    pub subscription: Option<SubscriptionId>,
    /// Requested lifetime, seconds.
    pub expires_in: i64,
}

/// Parses the raw body into JSON (400 `json_invalid` on failure, without echoing it).
pub fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::InvalidJson(format!(
            "line {}, column {}: {}",
            e.line(),
            e.column(),
            classify(&e)
        ))
    })?;
    if !value.is_object() {
        return Err(ApiError::InvalidJson(
            "the body must be a JSON object".to_owned(),
        ));
    }
    Ok(value)
}

fn classify(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "unexpected end of input",
        Category::Syntax => "syntax error",
        Category::Data => "unexpected data",
        Category::Io => "read error",
    }
}

fn string_param<'a>(map: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, ApiError> {
    match map.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Err(ApiError::ParameterInvalid {
            param: name.to_owned(),
            message: format!("Invalid {name}: must not be empty."),
        }),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::ParameterInvalid {
            param: name.to_owned(),
            message: format!("Invalid {name}: must be a string."),
        }),
    }
}

fn parsed<T>(name: &str, r: Result<T, crate::ids::ParseError>) -> Result<T, ApiError> {
    r.map_err(|e| ApiError::ParameterInvalid {
        param: name.to_owned(),
        message: format!("{e}."),
    })
}

impl SessionParams {
    /// Validates every field of the JSON body; unknown fields are refused.
    pub fn parse(body: &Value) -> Result<SessionParams, ApiError> {
        let map = body
            .as_object()
            .ok_or_else(|| ApiError::InvalidJson("the body must be a JSON object".to_owned()))?;
        // Deterministic order, so the same bad body always names the same field.
        let mut unknown: Vec<&String> = map
            .keys()
            .filter(|k| !FIELDS.contains(&k.as_str()))
            .collect();
        unknown.sort();
        if let Some(param) = unknown.first() {
            return Err(ApiError::ParameterUnknown {
                param: (*param).clone(),
            });
        }
        let customer =
            string_param(map, "customer")?.ok_or_else(|| ApiError::ParameterMissing {
                param: "customer".to_owned(),
            })?;
        let customer = parsed("customer", CustomerId::parse(customer))?;
        let return_url = string_param(map, "return_url")?
            .map(|s| parsed("return_url", ReturnUrl::parse(s)))
            .transpose()?;
        let locale = string_param(map, "locale")?
            .map(|s| parsed("locale", Locale::parse(s)))
            .transpose()?
            .unwrap_or_default();
        let flow = string_param(map, "flow")?
            .map(|s| parsed("flow", s.parse::<Flow>()))
            .transpose()?
            .unwrap_or_default();
        let subscription = string_param(map, "subscription")?
            .map(|s| parsed("subscription", SubscriptionId::parse(s)))
            .transpose()?;
        if flow.needs_subscription() && subscription.is_none() {
            return Err(ApiError::ParameterMissing {
                param: "subscription".to_owned(),
            });
        }
        let expires_in = match map.get("expires_in") {
            None | Some(Value::Null) => DEFAULT_EXPIRES_IN,
            Some(v) => v
                .as_i64()
                .filter(|n| (MIN_EXPIRES_IN..=MAX_EXPIRES_IN).contains(n))
                .ok_or_else(|| ApiError::ParameterInvalid {
                    param: "expires_in".to_owned(),
                    message: format!(
                        "Invalid expires_in: must be an integer from {MIN_EXPIRES_IN} to {MAX_EXPIRES_IN}."
                    ),
                })?,
        };
        Ok(SessionParams {
            customer,
            return_url,
            locale,
            flow,
            subscription,
            expires_in,
        })
    }
}

/// The `201` body of `POST /v1/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalSession {
    /// Always `portal_session`.
    pub object: &'static str,
    /// `ps_…`.
    pub id: String,
    /// The portal URL with the token (a secret: never log it).
    #[serde(rename = "url")]
    pub url: String,
    /// The project.
    pub project: ProjectId,
    /// The customer.
    pub customer: CustomerId,
    /// The flow.
    pub flow: Flow,
    /// Creation, epoch seconds.
    pub created: i64,
    /// Token expiry, epoch seconds.
    pub expires_at: i64,
}

/// What rebuilds a session's link: its claims and the id of the key that signed them.
/// An idempotency row keeps this, never the token, its signature or the URL: a reader of
/// the table cannot sign in with it (signing needs the key in SSM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSeal {
    kid: String,
    claims: Claims,
}

impl LinkSeal {
    /// The seal as stored.
    pub fn to_json(&self) -> anyhow::Result<String> {
        serde_json::to_string(self).context("encoding a link seal")
    }

    /// A stored seal.
    pub fn from_json(json: &str) -> anyhow::Result<LinkSeal> {
        serde_json::from_str(json).context("decoding a link seal")
    }

    /// The portal URL again: signing is deterministic, so it is the first answer's.
    pub fn url(&self, keys: &SigningKeys, public_base_url: &str) -> anyhow::Result<String> {
        let token = keys.sign_with(&self.kid, &self.claims)?;
        Ok(portal_url(public_base_url, &token))
    }
}

/// The link of a portal token.
fn portal_url(public_base_url: &str, token: &PortalToken) -> String {
    format!("{public_base_url}/portal/s/{}", token.expose())
}

/// The JSON body of a created session as it may rest: everything but its `url`.
pub fn body_at_rest(body: &Value) -> Value {
    let mut body = body.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("url");
    }
    body
}

/// A body at rest with its `url` rebuilt from the seal.
pub fn body_from_rest(
    stored: &str,
    seal: &LinkSeal,
    keys: &SigningKeys,
    public_base_url: &str,
) -> anyhow::Result<String> {
    let mut body: Value = serde_json::from_str(stored).context("decoding a stored session")?;
    let map = body
        .as_object_mut()
        .ok_or_else(|| anyhow::anyhow!("a stored session is not an object"))?;
    map.insert(
        "url".to_owned(),
        Value::String(seal.url(keys, public_base_url)?),
    );
    Ok(body.to_string())
}

/// What creating a session needs.
pub struct Sessions<'a> {
    /// Token store (signs and stores).
    pub tokens: &'a TokenStore,
    /// Stripe client.
    pub stripe: &'a StripeClient,
    /// Public base URL of the API, no trailing slash.
    pub public_base_url: &'a str,
    /// Randomness for ids.
    pub rng: &'a dyn Random,
}

impl Sessions<'_> {
    /// Checks the parameters against the project and its Stripe account, then mints a token.
    pub async fn create(
        &self,
        project: &Project,
        stripe_key: &StripeKey,
        params: SessionParams,
        now: OffsetDateTime,
    ) -> Result<(PortalSession, LinkSeal), ApiError> {
        if let Some(url) = &params.return_url {
            if !project.allows_return_url(url) {
                return Err(ApiError::ParameterInvalid {
                    param: "return_url".to_owned(),
                    message: "Invalid return_url: not in the project's allowed return URLs."
                        .to_owned(),
                });
            }
        }
        let expires_in = params
            .expires_in
            .min(i64::from(project.max_token_seconds))
            .max(1);

        // Both lookups go out together; the customer is judged first.
        let customer_call =
            self.stripe
                .own_customer(stripe_key, &params.customer, CustomerView::Plain);
        let subscription_call = async {
            match &params.subscription {
                Some(id) => Some(
                    self.stripe
                        .customer_subscription(stripe_key, &params.customer, id)
                        .await,
                ),
                None => None,
            }
        };
        let (customer, subscription) = tokio::join!(customer_call, subscription_call);
        let customer =
            customer.map_err(|e| stripe_error(e, "customer", params.customer.as_str()))?;
        if customer.is_none() {
            return Err(missing("customer", params.customer.as_str()));
        }
        if let (Some(result), Some(id)) = (subscription, &params.subscription) {
            let sub = result.map_err(|e| stripe_error(e, "subscription", id.as_str()))?;
            if sub.is_none() {
                // Another customer's subscription is reported as missing, to reveal nothing.
                return Err(missing("subscription", id.as_str()));
            }
        }

        let session_id = format!("ps_{}", random_base62(self.rng, 24)?);
        let request = TokenRequest {
            project: project.id.clone(),
            customer: params.customer.clone(),
            flow: params.flow,
            subscription: params.subscription,
            return_url: params.return_url,
            locale: params.locale,
            expires_in,
        };
        let (token, claims) = self
            .tokens
            .mint(request, &session_id, now, self.rng)
            .await?;
        tracing::info!(project = %project.id, session = %session_id, flow = %params.flow, "portal session created");
        let session = PortalSession {
            object: "portal_session",
            id: session_id,
            url: portal_url(self.public_base_url, &token),
            project: project.id.clone(),
            customer: params.customer,
            flow: params.flow,
            created: now.unix_timestamp(),
            expires_at: claims.exp,
        };
        let seal = LinkSeal {
            kid: self.tokens.keys().active_kid().to_owned(),
            claims,
        };
        Ok((session, seal))
    }
}

fn missing(kind: &'static str, id: &str) -> ApiError {
    ApiError::ResourceMissing {
        kind,
        param: kind.to_owned(),
        id: id.to_owned(),
    }
}

/// Maps a Stripe failure to the tenant API's answer.
pub fn stripe_error(e: StripeError, kind: &'static str, id: &str) -> ApiError {
    match e {
        StripeError::NotFound(_) => missing(kind, id),
        StripeError::Unreachable(why) => {
            tracing::warn!(reason = %why, "Stripe unreachable");
            ApiError::StripeUnavailable("Could not reach Stripe. Please retry.".to_owned())
        }
        StripeError::Unauthorized(_) => {
            tracing::error!("Stripe refused the project's secret key");
            ApiError::StripeUnavailable("Stripe refused this project's credentials.".to_owned())
        }
        other => {
            tracing::warn!(error = %other, "Stripe call failed");
            ApiError::StripeUnavailable("Stripe returned an error. Please retry.".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> Result<SessionParams, ApiError> {
        SessionParams::parse(&v)
    }

    fn param_of(e: ApiError) -> (String, Option<String>) {
        (
            e.code().unwrap_or_default().to_owned(),
            e.param().map(str::to_owned),
        )
    }

    #[test]
    fn defaults_apply() {
        let p = parse(json!({"customer": "cus_1"})).unwrap();
        assert_eq!(p.flow, Flow::Overview);
        assert_eq!(p.locale.as_str(), "auto");
        assert_eq!(p.expires_in, 300);
        assert!(p.return_url.is_none());
    }

    #[test]
    fn customer_is_required() {
        let e = parse(json!({"flow": "invoices"})).unwrap_err();
        assert_eq!(
            param_of(e),
            ("parameter_missing".into(), Some("customer".into()))
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = parse(json!({"customer": "cus_1", "colour": "red"})).unwrap_err();
        assert_eq!(
            param_of(e),
            ("parameter_unknown".into(), Some("colour".into()))
        );
    }

    #[test]
    fn subscription_flows_need_a_subscription() {
        let e = parse(json!({"customer": "cus_1", "flow": "subscription_cancel"})).unwrap_err();
        assert_eq!(
            param_of(e),
            ("parameter_missing".into(), Some("subscription".into()))
        );
        assert!(parse(
            json!({"customer": "cus_1", "flow": "subscription_cancel", "subscription": "sub_1"})
        )
        .is_ok());
    }

    #[test]
    fn each_field_is_validated() {
        for (body, param) in [
            (json!({"customer": 5}), "customer"),
            (json!({"customer": "sub_1"}), "customer"),
            (
                json!({"customer": "cus_1", "return_url": "/x"}),
                "return_url",
            ),
            (json!({"customer": "cus_1", "locale": "english"}), "locale"),
            (json!({"customer": "cus_1", "flow": "refund"}), "flow"),
            (
                json!({"customer": "cus_1", "subscription": "cus_2"}),
                "subscription",
            ),
            (json!({"customer": "cus_1", "expires_in": 59}), "expires_in"),
            (
                json!({"customer": "cus_1", "expires_in": 86_401}),
                "expires_in",
            ),
            (
                json!({"customer": "cus_1", "expires_in": 300.5}),
                "expires_in",
            ),
            (
                json!({"customer": "cus_1", "expires_in": "300"}),
                "expires_in",
            ),
        ] {
            let e = parse(body.clone()).unwrap_err();
            assert_eq!(e.status(), 400, "{body}");
            assert_eq!(e.param(), Some(param), "{body}");
        }
    }

    #[test]
    fn bad_json_is_a_400_without_echo() {
        let e = parse_json(b"{\"customer\": \"cus_secretvalue").unwrap_err();
        assert_eq!(e.code(), Some("json_invalid"));
        assert!(!e.public_message().contains("secretvalue"));
        assert!(parse_json(b"[1,2]").is_err());
    }
}
