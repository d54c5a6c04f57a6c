use shared::ids::ReturnUrl;
use shared::project::{CancellationMode, Project, ProjectStore, ProjectStoreError};

use crate::support::*;

fn new_project() -> Project {
    Project::new(
        project(),
        "Acme",
        ReturnUrl::parse("https://app.acme.test/billing").unwrap(),
        "/billing-portal",
        at(1_800_000_000),
    )
}

#[tokio::test]
async fn a_created_project_reads_back_equal() {
    let projects = ProjectStore::new(fresh_table().await);
    let p = new_project();
    projects.create(&p).await.unwrap();
    assert_eq!(projects.get(&p.id).await.unwrap(), Some(p));
}

#[tokio::test]
async fn creating_a_project_twice_fails() {
    let projects = ProjectStore::new(fresh_table().await);
    let p = new_project();
    projects.create(&p).await.unwrap();
    let err = projects.create(&p).await.unwrap_err();
    assert!(
        matches!(err, ProjectStoreError::AlreadyExists(_)),
        "{err:?}"
    );
}

#[tokio::test]
async fn updating_replaces_the_record_and_needs_an_existing_project() {
    let projects = ProjectStore::new(fresh_table().await);
    let mut p = new_project();
    let err = projects.update(&p).await.unwrap_err();
    assert!(matches!(err, ProjectStoreError::NotFound(_)), "{err:?}");
    projects.create(&p).await.unwrap();
    p.name = "Acme Inc".into();
    p.cancellation_mode = CancellationMode::Immediate;
    p.max_token_seconds = 600;
    projects.update(&p).await.unwrap();
    assert_eq!(projects.get(&p.id).await.unwrap(), Some(p));
}

#[tokio::test]
async fn an_unknown_project_is_none() {
    let projects = ProjectStore::new(fresh_table().await);
    assert_eq!(projects.get(&project()).await.unwrap(), None);
}
