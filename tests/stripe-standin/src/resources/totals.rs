//! Invoice money, the one place both real invoices and previews are summed up.
//!
//! Per line, in minor units of the invoice currency (yen for JPY, cents for USD):
//! 1. Line discounts (the line's own `discounts`, from subscription items and invoice items) in
//!    order, each on what the previous left; then invoice discounts (`invoice.discounts`).
//!    `percent_off` takes `round(rest × percent / 100)` of each eligible line. An invoice-level
//!    `amount_off` is spread over the eligible lines in proportion to what is left on them:
//!    each gets the floor of its share, then the leftover units go one each to the lines with the
//!    largest remainders (earlier line first on ties), so the shares add up to exactly
//!    `min(amount_off, eligible rest)`. A line-level `amount_off` takes `min(amount_off, rest)`.
//!    Eligible: `discountable` lines (not prorations) with something left, of a product in the
//!    coupon's `applies_to.products` when it has one, and an `amount_off` coupon only in its currency.
//! 2. Taxes on the discounted amount `d` of the line, with its rates (its own, else the
//!    invoice's `default_tax_rates`): inclusive rates are extracted, each
//!    `round(d × rate / (100 + sum of inclusive rates))`; the taxable amount is `d` minus them;
//!    exclusive rates add `round(taxable × rate / 100)` each.
//! 3. `subtotal` = Σ amounts − line discounts; `total` = subtotal − invoice discounts + exclusive
//!    taxes; `total_excluding_tax` = total − all taxes; `subtotal_excluding_tax` = subtotal −
//!    inclusive taxes; `amount_due` = max(total, 0) − amount paid.
//!
//! Rounding is half away from zero (half-up on magnitudes), so a credit line and its charge round
//! alike. Percentages are exact to 1/10 000 of a percent.

use serde_json::{json, Value};

use super::coupons::coupon_of;
use super::discounts;
use crate::state::Account;

/// A percentage as an exact integer in units of 1/10 000 %.
fn pct_units(v: &Value) -> i128 {
    (v.as_f64().unwrap_or(0.0) * 10_000.0).round() as i128
}

/// 100 % in `pct_units`.
const HUNDRED: i128 = 1_000_000;

/// `n / d` rounded half away from zero (`d > 0`).
pub fn div_round(n: i128, d: i128) -> i128 {
    let q = (2 * n.abs() + d) / (2 * d);
    if n < 0 {
        -q
    } else {
        q
    }
}

fn ref_id(v: &Value) -> Option<String> {
    v.as_str().or_else(|| v["id"].as_str()).map(str::to_string)
}

fn line_product(l: &Value) -> Option<&str> {
    l["pricing"]["price_details"]["product"].as_str()
}

/// Can `coupon` discount line `l` with `rest` left on it?
fn eligible(coupon: &Value, l: &Value, rest: i64, currency: &str) -> bool {
    if l["discountable"] != true || rest <= 0 {
        return false;
    }
    if coupon["amount_off"].is_i64() && coupon["currency"].as_str() != Some(currency) {
        return false;
    }
    match coupon["applies_to"]["products"].as_array() {
        Some(products) => line_product(l).is_some_and(|p| products.iter().any(|x| x == p)),
        None => true,
    }
}

/// Tax placeholders naming a line's rates (amounts are filled in by `compute`).
pub fn tax_entries(rates: &Value) -> Value {
    Value::Array(
        rates
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| ref_id(r).map(|id| (id, r["inclusive"] == true)))
            .map(|(id, inclusive)| tax_entry(&id, inclusive, 0, 0))
            .collect(),
    )
}

fn tax_entry(rate: &str, inclusive: bool, amount: i64, taxable: i64) -> Value {
    json!({
        "amount": amount,
        "tax_behavior": if inclusive { "inclusive" } else { "exclusive" },
        "tax_rate_details": {"tax_rate": rate},
        "taxability_reason": "not_available",
        "taxable_amount": taxable,
        "type": "tax_rate_details",
    })
}

/// Running sums of one discount or tax across lines, in first-seen order.
#[derive(Default)]
struct Sums(Vec<(String, i64, i64)>);

impl Sums {
    fn add(&mut self, key: &str, a: i64, b: i64) {
        match self.0.iter_mut().find(|(k, _, _)| k == key) {
            Some(e) => {
                e.1 += a;
                e.2 += b;
            }
            None => self.0.push((key.to_string(), a, b)),
        }
    }
}

/// Splits `total` over `weights` in proportion, largest remainders first (see the module doc).
pub fn spread(total: i64, weights: &[i64]) -> Vec<i64> {
    let base: i128 = weights.iter().map(|w| *w as i128).sum();
    if base <= 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<i64> = Vec::with_capacity(weights.len());
    let mut rems: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = total as i128 * *w as i128;
        shares.push((exact / base) as i64);
        rems.push((exact % base, i));
    }
    let mut left = total - shares.iter().sum::<i64>();
    rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rems {
        if left <= 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares
}

/// Recomputes every money field of `inv` (a draft or a preview) from its lines, discounts and
/// tax rates. `extra` holds a preview's unstored discounts.
pub fn compute(acct: &Account, inv: &mut Value, extra: &[Value]) {
    let currency = inv["currency"].as_str().unwrap_or("usd").to_string();
    let invoice_discounts: Vec<String> = inv["discounts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(ref_id)
        .collect();
    let defaults = inv["default_tax_rates"].clone();
    let coupon = |did: &str| -> Option<Value> {
        let d = discounts::find(acct, extra, did)?;
        coupon_of(acct, d["source"]["coupon"].as_str()?).cloned()
    };
    let Some(lines) = inv["lines"]["data"].as_array_mut() else {
        return;
    };
    let n = lines.len();
    let gross: Vec<i64> = lines
        .iter()
        .map(|l| l["amount"].as_i64().unwrap_or(0))
        .collect();
    let mut rest = gross.clone();
    let mut per_line: Vec<Vec<(String, i64)>> = vec![Vec::new(); n];
    let mut line_level = 0_i64;
    let mut totals = Sums::default();
    // 1a. The lines' own discounts.
    for (i, l) in lines.iter().enumerate() {
        let own: Vec<String> = l["discounts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(ref_id)
            .collect();
        for did in own {
            let Some(c) = coupon(&did) else { continue };
            if !eligible(&c, l, rest[i], &currency) {
                continue;
            }
            let off = match c["amount_off"].as_i64() {
                Some(a) => a.min(rest[i]),
                None => div_round(rest[i] as i128 * pct_units(&c["percent_off"]), HUNDRED) as i64,
            }
            .clamp(0, rest[i]);
            rest[i] -= off;
            line_level += off;
            per_line[i].push((did.clone(), off));
            totals.add(&did, off, 0);
        }
    }
    // 1b. Invoice discounts, each on what is left.
    let mut invoice_level = 0_i64;
    for did in &invoice_discounts {
        totals.add(did, 0, 0);
        let Some(c) = coupon(did) else { continue };
        let idx: Vec<usize> = (0..n)
            .filter(|i| eligible(&c, &lines[*i], rest[*i], &currency))
            .collect();
        let offs: Vec<i64> = match c["amount_off"].as_i64() {
            Some(a) => {
                let weights: Vec<i64> = idx.iter().map(|i| rest[*i]).collect();
                let cap: i64 = weights.iter().sum();
                spread(a.min(cap), &weights)
            }
            None => idx
                .iter()
                .map(|i| div_round(rest[*i] as i128 * pct_units(&c["percent_off"]), HUNDRED) as i64)
                .collect(),
        };
        for (i, off) in idx.into_iter().zip(offs) {
            let off = off.clamp(0, rest[i]);
            rest[i] -= off;
            invoice_level += off;
            per_line[i].push((did.clone(), off));
            totals.add(did, off, 0);
        }
    }
    // 2. Taxes per line on the discounted amount.
    let (mut inclusive_tax, mut exclusive_tax) = (0_i64, 0_i64);
    let mut tax_sums = Sums::default();
    let mut behaviours: Vec<(String, bool)> = Vec::new();
    for (i, l) in lines.iter_mut().enumerate() {
        let own = l["taxes"].as_array().cloned().unwrap_or_default();
        let rates: Vec<(String, bool, i128)> = if own.is_empty() {
            defaults
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| Some((ref_id(r)?, r["inclusive"] == true)))
                .collect::<Vec<_>>()
        } else {
            own.iter()
                .filter_map(|t| {
                    Some((
                        ref_id(&t["tax_rate_details"]["tax_rate"])?,
                        t["tax_behavior"] == "inclusive",
                    ))
                })
                .collect()
        }
        .into_iter()
        .map(|(id, inc)| {
            let pct = acct
                .get("tax_rate", &id)
                .map(|r| pct_units(&r["percentage"]))
                .unwrap_or(0);
            (id, inc, pct)
        })
        .collect();
        let d = rest[i] as i128;
        let inclusive_pct: i128 = rates.iter().filter(|r| r.1).map(|r| r.2).sum();
        let incl: Vec<i64> = rates
            .iter()
            .map(|r| {
                if r.1 {
                    div_round(d * r.2, HUNDRED + inclusive_pct) as i64
                } else {
                    0
                }
            })
            .collect();
        let taxable = rest[i] - incl.iter().sum::<i64>();
        let mut entries = Vec::new();
        for ((id, inc, pct), incl_amount) in rates.iter().zip(incl) {
            let amount = if *inc {
                inclusive_tax += incl_amount;
                incl_amount
            } else {
                let t = div_round(taxable as i128 * pct, HUNDRED) as i64;
                exclusive_tax += t;
                t
            };
            entries.push(tax_entry(id, *inc, amount, taxable));
            let key = format!("{id}/{inc}");
            tax_sums.add(&key, amount, taxable);
            if !behaviours.iter().any(|(k, _)| *k == key) {
                behaviours.push((key, *inc));
            }
        }
        l["taxes"] = Value::Array(entries);
        let amounts: Vec<Value> = per_line[i]
            .iter()
            .map(|(did, a)| json!({"amount": a, "discount": did}))
            .collect();
        l["discount_amounts"] = Value::Array(amounts);
        l["pretax_credit_amounts"] = Value::Array(
            per_line[i]
                .iter()
                .filter(|(_, a)| *a != 0)
                .map(|(did, a)| json!({"amount": a, "credit_balance_transaction": null, "discount": did, "type": "discount"}))
                .collect(),
        );
    }
    // 3. The invoice's sums.
    let subtotal = gross.iter().sum::<i64>() - line_level;
    let total = subtotal - invoice_level + exclusive_tax;
    inv["subtotal"] = json!(subtotal);
    inv["subtotal_excluding_tax"] = json!(subtotal - inclusive_tax);
    inv["total"] = json!(total);
    inv["total_excluding_tax"] = json!(total - exclusive_tax - inclusive_tax);
    inv["total_discount_amounts"] = Value::Array(
        totals
            .0
            .iter()
            .map(|(did, a, _)| json!({"amount": a, "discount": did}))
            .collect(),
    );
    inv["total_pretax_credit_amounts"] = Value::Array(
        totals
            .0
            .iter()
            .filter(|(_, a, _)| *a != 0)
            .map(|(did, a, _)| json!({"amount": a, "credit_balance_transaction": null, "discount": did, "type": "discount"}))
            .collect(),
    );
    inv["total_taxes"] = Value::Array(
        tax_sums
            .0
            .iter()
            .zip(&behaviours)
            .map(|((key, a, taxable), (_, inc))| {
                let id = key.rsplit_once('/').map_or(key.as_str(), |(id, _)| id);
                tax_entry(id, *inc, *a, *taxable)
            })
            .collect(),
    );
    let due = total.max(0);
    let paid = inv["amount_paid"].as_i64().unwrap_or(0);
    inv["amount_due"] = json!(due);
    inv["amount_remaining"] = json!((due - paid).max(0));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(-15, 10), -2);
    }

    #[test]
    fn amount_off_spreads_exactly_with_largest_remainders() {
        // 1000 over 1/3 : 1/3 : 1/3 → 334, 333, 333 (the first line wins the tie).
        assert_eq!(spread(1000, &[100, 100, 100]), vec![334, 333, 333]);
        // 500 over 3000 and 1000 → 375 and 125.
        assert_eq!(spread(500, &[3000, 1000]), vec![375, 125]);
        // 7 over 1, 2, 4 → exact.
        assert_eq!(spread(7, &[1, 2, 4]), vec![1, 2, 4]);
        assert_eq!(spread(10, &[0, 0]), vec![0, 0]);
        assert_eq!(spread(100, &[1, 1, 1]).iter().sum::<i64>(), 100);
    }

    #[test]
    fn tax_maths_per_line() {
        // 20 % inclusive on 1 000: 1000 × 20 / 120 = 166.67 → 167, taxable 833.
        assert_eq!(div_round(1000 * 200_000, HUNDRED + 200_000), 167);
        // 8.875 % exclusive on 1 999: 177.41 → 177.
        assert_eq!(div_round(1999 * 88_750, HUNDRED), 177);
    }
}
