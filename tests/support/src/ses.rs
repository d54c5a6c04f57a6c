//! Emails moto's SES accepted, read back through `tools/moto_server.py`'s `/_bp/ses/sent`.

use serde_json::Value;

/// One email moto's SES accepted (moto keeps only the HTML part when both are sent).
#[derive(Debug, Clone)]
pub struct SentEmail {
    /// `Source`.
    pub from: String,
    /// `ToAddresses`.
    pub to: Vec<String>,
    /// Subject line.
    pub subject: String,
    /// Body as moto stored it (the HTML part).
    pub body: String,
}

/// Every email moto at `aws_endpoint` accepted for `to`, oldest first.
pub async fn sent_emails(http: &reqwest::Client, aws_endpoint: &str, to: &str) -> Vec<SentEmail> {
    let data: Value = http
        .get(format!("{aws_endpoint}/_bp/ses/sent"))
        .query(&[("to", to)])
        .send()
        .await
        .expect("calling moto")
        .json()
        .await
        .expect("moto's sent emails as JSON (is moto started by tools/moto_server.py?)");
    let text = |m: &Value, k: &str| m[k].as_str().unwrap_or_default().to_owned();
    data["data"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| SentEmail {
            from: text(m, "source"),
            to: m["to"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_owned))
                .collect(),
            subject: text(m, "subject"),
            body: text(m, "body"),
        })
        .collect()
}
