//! portal-admin against moto: run the real binary, parse its JSON, check the store.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use secrecy::ExposeSecret;
use serde_json::Value;
use shared::api_key::ApiKeyStore;
use shared::ids::ProjectId;
use shared::project::{
    CancellationMode, DowngradeTiming, ProjectStore, ProrationBehavior, QuantityPolicy,
};
use tests::fixture::{fresh_stripe_key, random_hex, TestEnv};

/// Runs portal-admin with `env`'s table, SSM prefix and moto endpoint.
fn admin(env: &TestEnv, args: &[&str], stdin: Option<&str>, vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal-admin"));
    cmd.args(args)
        .envs(env.function_env())
        .env_remove("STRIPE_SECRET_KEY")
        .envs(vars.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("running portal-admin");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// Runs `portal-admin project update --project <project> <args…>`.
fn update(env: &TestEnv, project: &str, args: &[&str]) -> Output {
    let mut all = vec!["project", "update", "--project", project];
    all.extend_from_slice(args);
    admin(env, &all, None, &[])
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "portal-admin failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("portal-admin prints JSON")
}

fn create(env: &TestEnv, stripe_key: &str) -> Value {
    json_of(&admin(
        env,
        &[
            "project",
            "create",
            "--name",
            "Acme",
            "--return-url",
            "https://app.acme.test/billing",
        ],
        None,
        &[("STRIPE_SECRET_KEY", stripe_key)],
    ))
}

async fn authenticates(env: &TestEnv, key: &str) -> bool {
    ApiKeyStore::new(env.table.clone())
        .authenticate(key)
        .await
        .is_ok()
}

#[tokio::test]
async fn project_create_prints_the_project_and_a_working_api_key() {
    let env = TestEnv::new().await;
    let stripe_key = fresh_stripe_key();

    let out = create(&env, &stripe_key);

    let project = ProjectId::parse(out["project"].as_str().unwrap()).unwrap();
    let api_key = out["api_key"].as_str().unwrap();
    assert!(api_key.starts_with(&format!("bpk_{project}_")));
    let authed = ApiKeyStore::new(env.table.clone())
        .authenticate(api_key)
        .await
        .unwrap();
    assert_eq!(authed, project);
    let stored = ProjectStore::new(env.table.clone())
        .get(&project)
        .await
        .unwrap()
        .expect("project stored");
    assert_eq!(stored.name, "Acme");
    assert_eq!(
        stored.default_return_url.as_str(),
        "https://app.acme.test/billing"
    );
    let secret = env
        .secrets()
        .get(&stored.stripe_secret_key_parameter)
        .await
        .unwrap();
    assert_eq!(secret.expose_secret(), stripe_key);
}

#[tokio::test]
async fn the_stripe_key_can_come_from_stdin() {
    let env = TestEnv::new().await;
    let stripe_key = fresh_stripe_key();

    let out = json_of(&admin(
        &env,
        &[
            "project",
            "create",
            "--name",
            "Piped",
            "--return-url",
            "https://app.acme.test/billing",
            "--stripe-secret-key",
            "-",
        ],
        Some(&format!("{stripe_key}\n")),
        &[],
    ));

    let project = ProjectId::parse(out["project"].as_str().unwrap()).unwrap();
    let stored = ProjectStore::new(env.table.clone())
        .get(&project)
        .await
        .unwrap()
        .unwrap();
    let secret = env
        .secrets()
        .get(&stored.stripe_secret_key_parameter)
        .await
        .unwrap();
    assert_eq!(secret.expose_secret(), stripe_key);
}

#[tokio::test]
async fn project_create_without_a_stripe_key_fails_and_says_how_to_give_one() {
    let env = TestEnv::new().await;

    let out = admin(
        &env,
        &[
            "project",
            "create",
            "--name",
            "Acme",
            "--return-url",
            "https://app.acme.test/billing",
        ],
        None,
        &[],
    );

    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("STRIPE_SECRET_KEY"), "{stderr}");
}

#[tokio::test]
async fn a_bad_return_url_is_refused() {
    let env = TestEnv::new().await;

    let out = admin(
        &env,
        &[
            "project",
            "create",
            "--name",
            "Acme",
            "--return-url",
            "javascript:alert(1)",
        ],
        None,
        &[("STRIPE_SECRET_KEY", &fresh_stripe_key())],
    );

    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--return-url"));
}

#[tokio::test]
async fn project_show_prints_the_settings_without_secrets() {
    let env = TestEnv::new().await;
    let stripe_key = fresh_stripe_key();
    let created = create(&env, &stripe_key);
    let project = created["project"].as_str().unwrap();

    let out = admin(&env, &["project", "show", "--project", project], None, &[]);

    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let shown = json_of(&out);
    assert_eq!(shown["id"], project);
    assert_eq!(shown["name"], "Acme");
    assert!(!text.contains(&stripe_key), "show printed the Stripe key");
    assert!(!text.contains(created["api_key"].as_str().unwrap()));
}

#[tokio::test]
async fn project_update_changes_only_the_given_settings() {
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();
    let new_stripe_key = fresh_stripe_key();

    let out = json_of(&admin(
        &env,
        &[
            "project",
            "update",
            "--project",
            project,
            "--accent-color",
            "#0a7cff",
            "--support-url",
            "mailto:help@acme.test",
            "--allowed-prices",
            "price_basic,price_pro",
            "--cancellation-mode",
            "immediate",
            "--pause-offered",
            "true",
            "--max-pause-days",
            "45",
            "--reason-survey",
            "false",
            "--default-locale",
            "pt-BR",
            "--max-token-seconds",
            "600",
            "--frame-ancestors",
            "https://app.acme.test",
            "--webhook-secrets",
            "whsec_one,whsec_two",
            "--stripe-secret-key",
            "-",
        ],
        Some(&new_stripe_key),
        &[],
    ));
    assert_eq!(out["updated_secrets"].as_array().unwrap().len(), 2);

    let id = ProjectId::parse(project).unwrap();
    let stored = ProjectStore::new(env.table.clone())
        .get(&id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Acme", "unchanged");
    assert_eq!(
        stored
            .branding
            .accent_color
            .map(|c| c.to_string())
            .as_deref(),
        Some("#0a7cff")
    );
    assert_eq!(
        stored.support_url.as_ref().map(|u| u.as_str()),
        Some("mailto:help@acme.test")
    );
    let prices: Vec<&str> = stored.allowed_prices.iter().map(|p| p.as_str()).collect();
    assert_eq!(prices, ["price_basic", "price_pro"]);
    assert_eq!(stored.cancellation_mode, CancellationMode::Immediate);
    assert!(stored.pause_offered);
    assert_eq!(stored.max_pause_days, 45);
    assert!(!stored.reason_survey);
    assert_eq!(stored.default_locale, shared::i18n::Lang::PtBr);
    assert_eq!(stored.max_token_seconds, 600);
    let ancestors: Vec<&str> = stored.frame_ancestors.iter().map(|a| a.as_str()).collect();
    assert_eq!(ancestors, ["https://app.acme.test"]);
    let secrets = env.secrets();
    let stripe = secrets
        .get(&stored.stripe_secret_key_parameter)
        .await
        .unwrap();
    assert_eq!(stripe.expose_secret(), new_stripe_key);
    let webhook = secrets
        .get(&stored.webhook_secrets_parameter)
        .await
        .unwrap();
    assert_eq!(webhook.expose_secret(), "whsec_one,whsec_two");
}

#[tokio::test]
async fn a_bad_setting_changes_nothing() {
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();

    let out = update(
        &env,
        project,
        &["--name", "Renamed", "--accent-color", "blue"],
    );

    assert!(!out.status.success());
    let id = ProjectId::parse(project).unwrap();
    let stored = ProjectStore::new(env.table.clone())
        .get(&id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Acme");
}

#[tokio::test]
async fn plan_change_settings_are_set_and_checked_by_project_update() {
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();

    json_of(&update(
        &env,
        project,
        &[
            "--allowed-prices",
            "price_basic,price_pro",
            "--proration",
            "always-invoice",
            "--downgrade-timing",
            "period-end",
            "--quantity",
            "1-50",
            "--downgrade-price",
            "price_basic",
        ],
    ));
    let p = stored_project(&env, project).await;
    assert_eq!(p.proration_behavior, ProrationBehavior::AlwaysInvoice);
    assert_eq!(p.downgrade_timing, DowngradeTiming::PeriodEnd);
    assert_eq!(p.quantity, Some(QuantityPolicy { min: 1, max: 50 }));
    assert_eq!(
        p.downgrade_price.as_ref().map(|p| p.as_str()),
        Some("price_basic")
    );

    // Refused, and nothing changes: a downgrade price the project does not allow, a
    // price list that drops the downgrade price, bad quantity bounds.
    for bad in [
        &["--downgrade-price", "price_other"][..],
        &["--allowed-prices", "price_pro"][..],
        &["--quantity", "0-5"][..],
        &["--quantity", "9-3"][..],
        &["--quantity", "lots"][..],
    ] {
        let out = update(&env, project, bad);
        assert!(!out.status.success(), "{bad:?} was accepted");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
    assert_eq!(
        stored_project(&env, project).await,
        p,
        "a refused update changed the project"
    );

    json_of(&update(
        &env,
        project,
        &["--quantity", "none", "--downgrade-price", ""],
    ));
    let p = stored_project(&env, project).await;
    assert_eq!(p.quantity, None);
    assert_eq!(p.downgrade_price, None);
    let prices: Vec<&str> = p.allowed_prices.iter().map(|p| p.as_str()).collect();
    assert_eq!(prices, ["price_basic", "price_pro"]);
}

#[tokio::test]
async fn updating_an_unknown_project_fails() {
    let env = TestEnv::new().await;
    let unknown = format!("proj_{}", &random_hex(12)[..24]);

    let out = admin(
        &env,
        &["project", "update", "--project", &unknown, "--name", "X"],
        None,
        &[],
    );

    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}

#[tokio::test]
async fn a_revoked_api_key_stops_authenticating_while_others_still_work() {
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();
    let first = created["api_key"].as_str().unwrap();

    let second = json_of(&admin(
        &env,
        &["api-key", "create", "--project", project, "--label", "ci"],
        None,
        &[],
    ));
    let second_key = second["api_key"].as_str().unwrap();
    assert!(authenticates(&env, second_key).await);

    let listed = json_of(&admin(
        &env,
        &["api-key", "list", "--project", project],
        None,
        &[],
    ));
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    let listed_text = serde_json::to_string(listed).unwrap();
    assert!(!listed_text.contains(first) && !listed_text.contains(second_key));

    json_of(&admin(
        &env,
        &[
            "api-key",
            "revoke",
            "--project",
            project,
            "--id",
            second["id"].as_str().unwrap(),
        ],
        None,
        &[],
    ));

    assert!(!authenticates(&env, second_key).await);
    assert!(authenticates(&env, first).await);
    let listed = json_of(&admin(
        &env,
        &["api-key", "list", "--project", project],
        None,
        &[],
    ));
    let revoked: Vec<&Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| !k["revoked_at"].is_null())
        .collect();
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["id"], second["id"]);
}

#[tokio::test]
async fn revoking_an_unknown_key_fails() {
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();

    let out = admin(
        &env,
        &[
            "api-key",
            "revoke",
            "--project",
            project,
            "--id",
            &random_hex(32),
        ],
        None,
        &[],
    );

    assert!(!out.status.success());
}

#[tokio::test]
async fn signing_keys_rotate_adds_a_key_and_keeps_the_old_one() {
    let env = TestEnv::new().await;
    let parameter = format!("{}/rotated-keys", env.config.ssm_prefix);

    let init = json_of(&admin(
        &env,
        &["signing-keys", "init", "--parameter", &parameter],
        None,
        &[],
    ));
    assert_eq!(init["created"], true);
    let again = json_of(&admin(
        &env,
        &["signing-keys", "init", "--parameter", &parameter],
        None,
        &[],
    ));
    assert_eq!(again["created"], false);
    let rotated = json_of(&admin(
        &env,
        &["signing-keys", "rotate", "--parameter", &parameter],
        None,
        &[],
    ));

    let stored = env.secrets().get(&parameter).await.unwrap();
    let stored: Value = serde_json::from_str(stored.expose_secret()).unwrap();
    assert_eq!(stored["active"], rotated["active"]);
    assert_ne!(rotated["active"], "k1");
    let keys = stored["keys"].as_object().unwrap();
    assert!(keys.contains_key("k1") && keys.len() == 2);
}

#[tokio::test]
async fn dev_bootstrap_creates_the_table_and_the_signing_keys() {
    let env = TestEnv::new().await;
    let table = format!("bp-test-{}", random_hex(8));
    let parameter = format!("{}/bootstrap-keys", env.config.ssm_prefix);

    let out = json_of(&admin(
        &env,
        &[
            "dev",
            "bootstrap",
            "--table",
            &table,
            "--parameter",
            &parameter,
        ],
        None,
        &[],
    ));

    assert_eq!(out["table"], table.as_str());
    env.clients
        .dynamodb
        .describe_table()
        .table_name(&table)
        .send()
        .await
        .expect("the table exists");
    assert!(env.secrets().get(&parameter).await.is_ok());
}

async fn stored_project(env: &TestEnv, project: &str) -> shared::project::Project {
    ProjectStore::new(env.table.clone())
        .get(&ProjectId::parse(project).unwrap())
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn billing_fields_can_be_narrowed_and_turned_off() {
    use shared::project::BillingField;
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();
    assert_eq!(
        stored_project(&env, project).await.billing_fields,
        BillingField::ALL.to_vec(),
        "all four by default"
    );

    let update = |list| update(&env, project, &["--billing-fields", list]);
    let out = json_of(&update("address, tax-id,address"));
    assert_eq!(
        out["billing_fields"],
        serde_json::json!(["address", "tax_id"])
    );
    assert_eq!(
        stored_project(&env, project).await.billing_fields,
        [BillingField::Address, BillingField::TaxId]
    );
    json_of(&update("none"));
    assert!(stored_project(&env, project)
        .await
        .billing_fields
        .is_empty());
}

#[tokio::test]
async fn an_unknown_billing_field_is_refused_and_changes_nothing() {
    use shared::project::BillingField;
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();
    for bad in ["email,phone", "", " , "] {
        let out = update(&env, project, &["--billing-fields", bad]);
        assert!(!out.status.success(), "{bad:?} accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--billing-fields"), "{stderr}");
        assert_eq!(
            stored_project(&env, project).await.billing_fields,
            BillingField::ALL.to_vec()
        );
    }
}

#[tokio::test]
async fn a_pause_of_no_days_or_over_a_year_is_refused_and_changes_nothing() {
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();
    let before = stored_project(&env, project).await;
    for days in ["0", "366", "-1", "soon"] {
        let out = update(
            &env,
            project,
            &["--pause-offered", "true", "--max-pause-days", days],
        );
        assert!(!out.status.success(), "--max-pause-days {days} accepted");
    }
    let after = stored_project(&env, project).await;
    assert!(!after.pause_offered);
    assert_eq!(after.max_pause_days, before.max_pause_days);
}

#[tokio::test]
async fn metrics_prints_a_table_with_a_sparkline_per_series() {
    use shared::ids::CustomerId;
    use shared::metrics::emf::Emf;
    use shared::metrics::{MetricsStore, Ticket, TicketCategory};

    let env = TestEnv::new().await;
    let tenant = env.project().await;
    let id = tenant.project.id.to_string();
    let store = MetricsStore::new(env.table.clone(), Emf::memory("test").0);
    let now = time::OffsetDateTime::now_utc();
    let yesterday = now - time::Duration::days(1);
    for _ in 0..3 {
        store.minted(&tenant.project.id, yesterday).await.unwrap();
    }
    store
        .redeemed(
            &tenant.project.id,
            &CustomerId::parse("cus_1").unwrap(),
            now,
        )
        .await
        .unwrap();
    let ticket = Ticket {
        customer: None,
        category: TicketCategory::Plan,
        created: now.unix_timestamp(),
    };
    store
        .tickets(&tenant.project.id, &[ticket], now)
        .await
        .unwrap();

    let out = admin(
        &env,
        &["metrics", "--project", &id, "--days", "3"],
        None,
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in:\n{text}"))
            .to_owned()
    };
    assert!(text.contains(&format!("({id}) · ")), "{text}");
    // Three days, oldest first: minted only yesterday, the ticket today.
    assert!(row("minted").ends_with("▁█▁"), "{}", row("minted"));
    assert!(row("minted").contains(" 3 "), "{}", row("minted"));
    assert!(
        row("billing tickets").ends_with("▁▁█"),
        "{}",
        row("billing tickets")
    );
    assert!(
        row("deflection rate").contains("0.0%"),
        "{}",
        row("deflection rate")
    );
    assert!(row("completion rate").contains("0.0%"));

    let json = json_of(&admin(
        &env,
        &["metrics", "--project", &id, "--days", "3", "--json"],
        None,
        &[],
    ));
    assert_eq!(json["totals"]["minted"], 3);
    assert_eq!(json["days"].as_array().unwrap().len(), 3);

    for bad in [
        vec!["metrics", "--project", id.as_str(), "--days", "0"],
        vec!["metrics", "--project", id.as_str(), "--days", "367"],
        vec!["metrics", "--project", "proj_nope"],
    ] {
        let out = admin(&env, &bad, None, &[]);
        assert!(!out.status.success(), "{bad:?} should fail");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
}

#[tokio::test]
async fn the_default_locale_is_english_and_takes_only_a_language_the_portal_speaks() {
    use shared::i18n::Lang;
    let env = TestEnv::new().await;
    let created = create(&env, &fresh_stripe_key());
    let project = created["project"].as_str().unwrap();
    assert_eq!(stored_project(&env, project).await.default_locale, Lang::En);
    for tag in ["pt", "sv", "", "de;q=1"] {
        let out = update(&env, project, &["--default-locale", tag]);
        assert!(!out.status.success(), "--default-locale {tag:?} accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--default-locale"), "{stderr}");
    }
    assert_eq!(stored_project(&env, project).await.default_locale, Lang::En);
    let out = update(&env, project, &["--default-locale", "ja"]);
    assert!(out.status.success());
    assert_eq!(stored_project(&env, project).await.default_locale, Lang::Ja);
}

#[tokio::test]
async fn a_sign_in_slug_is_unique_across_projects_and_prints_the_sign_in_url() {
    let env = TestEnv::new().await;
    let a = create(&env, &fresh_stripe_key());
    let b = create(&env, &fresh_stripe_key());
    let (a, b) = (
        a["project"].as_str().unwrap(),
        b["project"].as_str().unwrap(),
    );
    let slug = format!("acme-{}", random_hex(4));

    let out = json_of(&update(
        &env,
        a,
        &[
            "--login",
            "on",
            "--login-slug",
            &slug,
            "--public-base-url",
            "https://billing.acme.test/",
        ],
    ));
    assert_eq!(out["login_enabled"], true);
    assert_eq!(
        out["login_url"],
        format!("https://billing.acme.test/portal/login/{slug}")
    );

    // B may not take A's slug; nothing of B changes.
    let taken = update(&env, b, &["--login", "on", "--login-slug", &slug]);
    assert!(!taken.status.success());
    assert!(
        String::from_utf8_lossy(&taken.stderr).contains("taken"),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    let store = ProjectStore::new(env.table.clone());
    let b_id = ProjectId::parse(b).unwrap();
    let stored_b = store.get(&b_id).await.unwrap().unwrap();
    assert!(!stored_b.login_enabled && stored_b.login_slug.is_none());

    // A bad slug is refused before anything is written.
    let bad = update(&env, b, &["--login-slug", "Not A Slug"]);
    assert!(!bad.status.success());

    // Once A lets it go, B may have it (the URL on the stack's PUBLIC_BASE_URL).
    json_of(&update(&env, a, &["--login-slug", ""]));
    let out = json_of(&update(&env, b, &["--login", "on", "--login-slug", &slug]));
    let url = out["login_url"].as_str().unwrap();
    assert!(url.ends_with(&format!("/portal/login/{slug}")), "{url}");
    let slug = shared::login::LoginSlug::parse(&slug).unwrap();
    assert_eq!(store.project_of_slug(&slug).await.unwrap(), Some(b_id));
}
