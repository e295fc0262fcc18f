//! Popularity of items for search ranking: units sold over the last 28 days.
//!
//! The counts are read from the stored sale lines in one grouped query when a store's catalog
//! is loaded, then kept current in memory: a completed sale adds its lines to the index after
//! its answer is stored (no work inside the sale's transaction, nothing written). Once a day,
//! the next completed sale also starts a recount in the background, so sales older than the
//! window drop out and sales made through other servers come in.

use uuid::Uuid;

use super::CatalogCache;
use crate::{App, AppError, now_us};

/// How far back sales count: 28 days, in µs.
pub const WINDOW_US: i64 = 28 * 24 * 3600 * 1_000_000;

/// How old the counts may grow before a completed sale starts a recount: one day, in µs.
pub(crate) const RECOUNT_AFTER_US: i64 = 24 * 3600 * 1_000_000;

/// Units one sale line counts for: a counted item's quantity (thousandths) in whole units, at
/// least one; one for anything weighed or measured; none for a returned quantity. The store's
/// query applies the same rule.
pub fn line_units(unit: &str, quantity: i64) -> u32 {
    if quantity <= 0 {
        return 0;
    }
    if unit == "each" && quantity >= 1000 {
        u32::try_from(quantity / 1000).unwrap_or(u32::MAX)
    } else {
        1
    }
}

/// Counts the lines `(item, unit, quantity)` of a sale just completed in the store's index,
/// and starts the daily recount when it is due.
pub fn sale_completed<'a>(
    app: &App,
    store_id: Uuid,
    lines: impl IntoIterator<Item = (Uuid, &'a str, i64)>,
) {
    let sold = lines
        .into_iter()
        .map(|(item_id, unit, quantity)| (item_id, line_units(unit, quantity)));
    let recount_due = app.catalog.add_units_sold(store_id, sold, now_us());
    if recount_due {
        let app = app.clone();
        tokio::spawn(async move {
            if let Err(error) = app.catalog.recount_popularity(&app.db, store_id).await {
                tracing::warn!(%store_id, %error, "recounting item popularity failed");
            }
        });
    }
}

impl CatalogCache {
    /// Recounts the units each item of the store sold over the window from the database.
    pub async fn recount_popularity(
        &self,
        db: &caisse_store::Db,
        store_id: Uuid,
    ) -> Result<(), AppError> {
        let now = now_us();
        let rows =
            caisse_store::popularity::units_sold_since(db, store_id, now - WINDOW_US).await?;
        let counts = rows
            .into_iter()
            .map(|(item_id, units)| (item_id, u32::try_from(units.max(0)).unwrap_or(u32::MAX)));
        self.set_units_sold(store_id, counts.collect(), now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_whole_units_or_one_purchase() {
        let cases = [
            ("each", 1000, 1),
            ("each", 3000, 3),
            ("each", 2500, 2),
            ("each", 500, 1),
            ("kg", 1250, 1),
            ("l", 3000, 1),
            ("each", -1000, 0),
            ("each", 0, 0),
        ];
        for (unit, quantity, expected) in cases {
            assert_eq!(line_units(unit, quantity), expected, "{unit} {quantity}");
        }
    }
}
