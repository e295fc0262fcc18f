//! Restock suggestions: from an item's sales over a window of days, its on-hand and what is on
//! order, and its supplier's lead time and pack size, how much to order now, with every number
//! used (so a manager can check it by hand). Integer arithmetic only: quantities are
//! thousandths, square roots are integer square roots, rounding is stated at each step.
//!
//! The rule (a periodic-review, order-up-to policy):
//! - each day of the window ends with an on-hand, rebuilt backwards from the on-hand now through
//!   the day's net movements; a day that ended at or below zero was out of stock and is not
//!   counted (neither its sales nor the day);
//! - average daily sales = sales on counted days / counted days (half up, thousandths);
//! - safety stock = average × safety days, or, from a service level, z × daily standard
//!   deviation × √lead time (half up);
//! - reorder point = average × lead time + safety stock;
//! - order-up-to = reorder point + average × review period;
//! - when on-hand + on-order ≤ reorder point (and the item sells), suggest order-up-to −
//!   (on-hand + on-order), rounded up to whole packs (a whole unit when no pack size is set).

/// How safety stock is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// This many days of average sales.
    Days(i64),
    /// A service level, as its z-value in thousandths (95 % is 1645).
    ServiceLevel {
        /// The z-value × 1000.
        z_milli: i64,
    },
}

/// The z-value (× 1000) of a service level given in per mille (950 for 95 %), for the levels a
/// store may choose.
pub fn z_of_service_level(per_mille: i64) -> Option<i64> {
    match per_mille {
        800 => Some(842),
        850 => Some(1036),
        900 => Some(1282),
        950 => Some(1645),
        975 => Some(1960),
        980 => Some(2054),
        990 => Some(2326),
        995 => Some(2576),
        _ => None,
    }
}

/// The store's restock policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Safety stock rule.
    pub safety: Safety,
    /// Days between two orders to the same supplier.
    pub review_days: i64,
}

/// One day of an item's window: its net movement (every kind) and what it sold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Day {
    /// Sum of the day's movements, thousandths (signed).
    pub net: i64,
    /// Sold that day (sales less returns), thousandths.
    pub sold: i64,
}

/// Where the item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Supply {
    /// The supplier's lead time in days.
    pub lead_time_days: i64,
    /// Units per pack, thousandths (None: orders in whole units).
    pub pack_size: Option<i64>,
    /// Ordered and not received yet, thousandths.
    pub on_order: i64,
}

/// Every number a suggestion used. Quantities in thousandths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Explain {
    /// Days in the window.
    pub window_days: i64,
    /// Days counted (not out of stock).
    pub days_counted: i64,
    /// Days that ended at or below zero.
    pub out_of_stock_days: i64,
    /// Sold on the counted days.
    pub sold: i64,
    /// Average daily sales.
    pub avg_daily: i64,
    /// Daily standard deviation (population, over counted days).
    pub std_daily: i64,
    /// The supplier's lead time.
    pub lead_time_days: i64,
    /// Safety days (when safety stock is in days).
    pub safety_days: Option<i64>,
    /// The z-value × 1000 (when safety stock is from a service level).
    pub z_milli: Option<i64>,
    /// √lead time × 1000 (from a service level).
    pub sqrt_lead_milli: Option<i64>,
    /// Safety stock.
    pub safety_stock: i64,
    /// Reorder point.
    pub reorder_point: i64,
    /// Review period in days.
    pub review_days: i64,
    /// Order-up-to level.
    pub order_up_to: i64,
    /// On hand now.
    pub on_hand: i64,
    /// On order.
    pub on_order: i64,
    /// On hand + on order.
    pub position: i64,
    /// Order-up-to − position, when at or below the reorder point (else 0).
    pub need: i64,
    /// The rounding step: the pack size, or one unit.
    pub step: i64,
    /// What to order: `need` rounded up to whole steps (0: nothing to order).
    pub suggested: i64,
}

/// Integer square root (the largest r with r² ≤ n).
pub fn isqrt(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    // Newton from a power of two above the root: decreases to the floor of the root.
    let mut x = 1u128 << (128 - n.leading_zeros()).div_ceil(2);
    loop {
        let y = (x + n / x) / 2;
        if y >= x {
            return x;
        }
        x = y;
    }
}

/// `a / b` rounded half up (b > 0, a ≥ 0).
fn div_half_up(a: i128, b: i128) -> i128 {
    (2 * a + b) / (2 * b)
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// The suggestion for one item: `days` is its window, oldest first (the last day ends now),
/// `on_hand` what it has now.
pub fn suggest(policy: &Policy, days: &[Day], on_hand: i64, supply: &Supply) -> Explain {
    let mut e = Explain {
        window_days: i64::try_from(days.len()).unwrap_or(i64::MAX),
        lead_time_days: supply.lead_time_days,
        review_days: policy.review_days,
        on_hand,
        on_order: supply.on_order,
        step: supply.pack_size.filter(|p| *p > 0).unwrap_or(1000),
        ..Explain::default()
    };
    // Walk back from now: the last day ends with the on-hand now; each earlier day ends with
    // the next day's end less the next day's movements.
    let mut end = i128::from(on_hand);
    let (mut n, mut sum, mut squares) = (0i128, 0i128, 0i128);
    for day in days.iter().rev() {
        if end > 0 {
            let sold = i128::from(day.sold.max(0));
            n += 1;
            sum += sold;
            squares += sold * sold;
        } else {
            e.out_of_stock_days += 1;
        }
        end -= i128::from(day.net);
    }
    e.days_counted = clamp(n);
    e.sold = clamp(sum);
    if n > 0 {
        e.avg_daily = clamp(div_half_up(sum, n));
        // Population variance (n Σx² − (Σx)²) / n², floored; its integer square root.
        let var = (n * squares - sum * sum).max(0) / (n * n);
        e.std_daily = clamp(isqrt(var.unsigned_abs()) as i128);
    }
    let avg = i128::from(e.avg_daily);
    let lead = i128::from(supply.lead_time_days.max(0));
    let safety = match policy.safety {
        Safety::Days(d) => {
            e.safety_days = Some(d);
            avg * i128::from(d.max(0))
        }
        Safety::ServiceLevel { z_milli } => {
            let sqrt_lead = isqrt((lead * 1_000_000).unsigned_abs()) as i128;
            e.z_milli = Some(z_milli);
            e.sqrt_lead_milli = Some(clamp(sqrt_lead));
            div_half_up(
                i128::from(z_milli.max(0)) * i128::from(e.std_daily) * sqrt_lead,
                1_000_000,
            )
        }
    };
    e.safety_stock = clamp(safety);
    let rop = avg * lead + safety;
    e.reorder_point = clamp(rop);
    let out = rop + avg * i128::from(policy.review_days.max(0));
    e.order_up_to = clamp(out);
    let position = i128::from(on_hand) + i128::from(supply.on_order);
    e.position = clamp(position);
    if e.avg_daily > 0 && position <= rop {
        let need = (out - position).max(0);
        e.need = clamp(need);
        let step = i128::from(e.step);
        e.suggested = clamp((need + step - 1) / step * step);
    }
    e
}

/// The value of `quantity` (thousandths) at `unit_cost` (minor units per unit), half up.
pub fn line_value(quantity: i64, unit_cost: i64) -> i64 {
    clamp(div_half_up(
        i128::from(quantity.max(0)) * i128::from(unit_cost.max(0)),
        1000,
    ))
}

/// How many more packs of one line (its `step` at `unit_cost`) bring an order worth `total`
/// up to the supplier's minimum `min_order` (0 when it is reached, or when the line costs
/// nothing).
pub fn packs_to_minimum(total: i64, min_order: i64, step: i64, unit_cost: i64) -> i64 {
    let short = i128::from(min_order) - i128::from(total);
    let per_pack = i128::from(step.max(0)) * i128::from(unit_cost.max(0));
    if short <= 0 || per_pack == 0 {
        return 0;
    }
    // short minor units × 1000 / (step × cost) packs, rounded up: the line value of the packs
    // added then covers the shortfall even after its own half-up rounding.
    clamp((short * 1000 + per_pack - 1) / per_pack)
}

#[cfg(test)]
#[path = "restock_tests.rs"]
mod tests;
