//! The plan change request: the confirm form (and the page's query) read as the portal
//! reads them (`item`, `price`, `quantity`, each at most 255 bytes), then `plan::check`
//! against fixed subscriptions, prices and both fixture projects, and the parameters a
//! passed change writes. Input: the form body / query string.
#![no_main]

use billing_portal_fuzz::{offered, project, strict_project, subscriptions};
use libfuzzer_sys::fuzz_target;
use portal::fuzzing::{Form, Query};
use shared::plan::{self, ChangeRequest, Direction, Refusal, When};
use shared::project::DowngradeTiming;

/// `pages/plan.rs`: the longest value read for an id or a quantity.
const MAX_FIELD: usize = 255;

fuzz_target!(|data: &[u8]| {
    let form = Form::of(data);
    // As `confirm` builds it (a missing price is "").
    let posted = ChangeRequest {
        item: form.bounded("item", MAX_FIELD).map(str::to_owned),
        price: form
            .bounded("price", MAX_FIELD)
            .unwrap_or_default()
            .to_owned(),
        quantity: form.bounded("quantity", MAX_FIELD).map(str::to_owned),
    };
    let mut requests = vec![posted];
    // As `page` builds it from the query (no price: nothing asked yet).
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(q) = Query::of_uri(&format!("/portal/subscriptions/sub_1/update?{text}")) {
            let bounded = |name| q.get(name).filter(|v| v.len() <= MAX_FIELD);
            if let Some(price) = bounded("price") {
                requests.push(ChangeRequest {
                    item: bounded("item").map(str::to_owned),
                    price: price.to_owned(),
                    quantity: bounded("quantity").map(str::to_owned),
                });
            }
        }
    }
    for project in [project(), strict_project()] {
        for sub in subscriptions() {
            let offered: Vec<_> = offered()
                .iter()
                .filter(|p| plan::offerable(project, sub, p))
                .cloned()
                .collect();
            for req in &requests {
                let Ok(change) = plan::check(project, sub, &offered, req) else {
                    if !plan::changeable(sub) {
                        assert_eq!(
                            plan::check(project, sub, &offered, req).err(),
                            Some(Refusal::NotChangeable)
                        );
                    }
                    continue;
                };
                assert!(plan::changeable(sub));
                assert_eq!(change.target.id.as_str(), req.price);
                assert!(project.allowed_prices.contains(&change.target.id));
                assert!(offered.iter().any(|p| p.id == change.target.id));
                assert!(sub.items.data.iter().any(|i| i.id == change.item.id));
                if let Some(item) = &req.item {
                    assert_eq!(change.item.id.as_str(), item);
                }
                let current_qty = change.item.quantity.unwrap_or(1);
                match change.quantity {
                    None => assert!(change.target.is_metered()),
                    Some(q) => assert!(
                        q == current_qty || project.quantity.is_some_and(|p| p.allows(q)),
                        "quantity {q} outside the policy"
                    ),
                }
                assert!(
                    change.target.id != change.item.price.id
                        || change.quantity != change.item.quantity,
                    "a change that changes nothing passed"
                );
                match (change.direction, project.downgrade_timing, change.when) {
                    (Direction::Downgrade, DowngradeTiming::PeriodEnd, When::PeriodEnd) => {}
                    (_, _, When::Now(b)) => assert_eq!(b, project.proration_behavior),
                    other => panic!("unexpected timing {other:?}"),
                }
                let update = change.update_params();
                assert_eq!(update.items.len(), 1);
                assert_eq!(update.items[0].price, change.target.id);
                assert_eq!(update.items[0].id.as_ref(), Some(&change.item.id));
                let preview = change.preview_change();
                assert_eq!(preview.items, update.items);
                assert!(
                    !change.is_done(sub),
                    "a change already done passed the check"
                );
                let _ = (
                    change.proration(),
                    change.changes_interval(),
                    change.preview_change(),
                    change.renewal_preview_change(),
                    change.invoiced_now(),
                );
            }
        }
    }
});
