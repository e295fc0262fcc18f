//! A store's checkout configuration (tax table, tax policy, cash rounding, receipt header),
//! read once and kept in memory until the settings change.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use caisse_core::catalog::{Store, TaxCategory};
use caisse_core::money::{Currency, Locale, Rounding};
use caisse_core::tax::{TaxComponent, TaxMode, TaxPolicy, TaxRate, TaxScope, TaxTable};
use caisse_core::tender::CashRounding;
use caisse_store::{stores, tax_rates};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::ErrorCode;
use crate::{App, AppError};

/// Everything checkout needs to know about a store.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// The store.
    pub store: Store,
    /// Its currency.
    pub currency: Currency,
    /// Its locale (receipts, formatting).
    pub locale: Locale,
    /// Its time zone (business dates).
    pub time_zone: jiff::tz::TimeZone,
    /// Tax mode, scope and rounding.
    pub policy: TaxPolicy,
    /// Rates per tax category.
    pub taxes: TaxTable,
    /// Cash rounding of totals paid in cash.
    pub cash_rounding: CashRounding,
    /// The stored settings (address, footer, limits…).
    pub settings: stores::CheckoutSettings,
    /// Where sales move stock, and whether they may take it below zero.
    pub stock: StockPolicy,
}

/// A store's stock policy as checkout applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockPolicy {
    /// The location sales and returns move (the store's selling location).
    pub selling_location: Uuid,
    /// Allow and flag, or refuse.
    pub negative: caisse_core::inventory::NegativeStock,
    /// Whether cashiers may count stock.
    pub cashiers_may_count: bool,
}

impl StockPolicy {
    /// Reads the stored policy (an unknown word refuses nothing: `allow`).
    pub fn from_row(
        store_id: Uuid,
        row: &caisse_store::stock_setup::StockPolicyRow,
    ) -> StockPolicy {
        StockPolicy {
            // Every store gets its location when it is made; a store made by hand without
            // one books on an id that no location has, and the foreign key refuses the sale.
            selling_location: row.selling_location_id.unwrap_or(store_id),
            negative: caisse_core::inventory::NegativeStock::parse(&row.negative_stock)
                .unwrap_or_default(),
            cashiers_may_count: row.cashiers_may_count,
        }
    }
}

impl StoreConfig {
    /// The largest cash amount handled at once: change beyond what is due, a float, a
    /// paid-in or a paid-out (the store's setting, or 10,000 units of its currency).
    pub fn cash_limit(&self) -> i64 {
        self.settings
            .cash_limit
            .unwrap_or_else(|| crate::money_input::default_cash_limit(self.currency))
    }

    /// The largest amount of any single money input.
    pub fn max_amount(&self) -> i64 {
        crate::money_input::max_amount(self.currency)
    }

    /// The tax components of a category, or a clear error.
    pub fn components(&self, category: &str) -> Result<Vec<TaxComponent>, AppError> {
        let cat = TaxCategory::parse(category)
            .map_err(|e| AppError::Internal(format!("stored tax category: {e}")))?;
        self.taxes
            .components(&cat)
            .map(<[TaxComponent]>::to_vec)
            .ok_or_else(|| {
                AppError::state(
                    ErrorCode::UnknownTaxCategory,
                    format!("the store has no tax rate for the category {category}"),
                )
            })
    }

    /// The business date of an instant: local date, minus one day before the cut-off hour.
    pub fn business_date(&self, at_us: i64) -> Result<jiff::civil::Date, AppError> {
        let ts = jiff::Timestamp::from_microsecond(at_us)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let local = self.time_zone.to_datetime(ts);
        let date = local.date();
        if i64::from(local.hour()) < self.settings.day_cutoff_hour {
            date.yesterday()
                .map_err(|e| AppError::Internal(e.to_string()))
        } else {
            Ok(date)
        }
    }

    /// The cashier's discount limit as a percentage.
    pub fn cashier_discount_limit(&self) -> Decimal {
        Decimal::new(self.settings.cashier_discount_limit, 4)
    }
}

/// Converts a stored rate (ten-thousandths of a percent) into a [`TaxRate`].
pub fn rate_from_e4(e4: i64) -> Result<TaxRate, AppError> {
    TaxRate::from_decimal(Decimal::new(e4, 4)).map_err(|e| AppError::Internal(e.to_string()))
}

/// Converts a [`TaxRate`] into ten-thousandths of a percent for storage.
pub fn rate_to_e4(rate: TaxRate) -> Result<i64, AppError> {
    let scaled = rate.as_decimal() * Decimal::new(10_000, 0);
    i64::try_from(scaled.trunc()).map_err(|e| AppError::Internal(e.to_string()))
}

/// The tax preset for a store without a table, from its locale.
pub fn default_preset(locale: &str) -> &'static str {
    match locale {
        "de-DE" => "de",
        "en-GB" => "gb",
        "en-US" => "us-ny-nyc",
        _ => "fr",
    }
}

/// Checkout configuration per store, loaded on first use.
///
/// Each store has a generation that every settings change bumps. A load notes the generation
/// before it reads the database and keeps what it read only if no change came meanwhile: a
/// load that read the old settings can never put them back after the change invalidated them.
#[derive(Default)]
pub struct ConfigCache {
    stores: RwLock<Cached>,
}

#[derive(Default)]
struct Cached {
    configs: HashMap<Uuid, Arc<StoreConfig>>,
    generations: HashMap<Uuid, u64>,
}

impl ConfigCache {
    /// Forgets a store's configuration (after its settings change).
    pub fn invalidate(&self, store_id: Uuid) {
        let mut c = self.stores.write().unwrap_or_else(|p| p.into_inner());
        c.configs.remove(&store_id);
        *c.generations.entry(store_id).or_default() += 1;
    }

    fn cached(&self, store_id: Uuid) -> Option<Arc<StoreConfig>> {
        self.stores
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .configs
            .get(&store_id)
            .cloned()
    }

    /// The store's generation: note it before reading the settings.
    fn generation(&self, store_id: Uuid) -> u64 {
        self.stores
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .generations
            .get(&store_id)
            .copied()
            .unwrap_or(0)
    }

    /// Keeps a configuration read at `generation`, unless the settings changed since; says
    /// whether it was kept.
    fn keep(&self, store_id: Uuid, generation: u64, config: &Arc<StoreConfig>) -> bool {
        let mut c = self.stores.write().unwrap_or_else(|p| p.into_inner());
        if c.generations.get(&store_id).copied().unwrap_or(0) != generation {
            return false;
        }
        c.configs.insert(store_id, Arc::clone(config));
        true
    }
}

/// The store's checkout configuration.
pub async fn store_config(app: &App, store_id: Uuid) -> Result<Arc<StoreConfig>, AppError> {
    if let Some(c) = app.checkout.config.cached(store_id) {
        return Ok(c);
    }
    let generation = app.checkout.config.generation(store_id);
    let store = stores::get(&app.db, store_id).await?;
    let settings = stores::checkout_settings(&app.db, store_id).await?;
    let stock = caisse_store::stock_setup::policy(&app.db, store_id).await?;
    let stock = StockPolicy::from_row(store_id, &stock);
    let mut rows = tax_rates::list(&app.db, store_id).await?;
    if rows.is_empty() {
        rows = preset_rows(default_preset(&store.locale))?;
        let mut tx = app.db.begin().await?;
        tax_rates::replace(&mut tx, store_id, &rows).await?;
        tx.commit().await?;
    }
    let config = Arc::new(build(store, settings, stock, &rows)?);
    // Read before a change that invalidated the store meanwhile: answer this request with it
    // (it read the database before the change committed), but do not keep it.
    app.checkout.config.keep(store_id, generation, &config);
    Ok(config)
}

/// The rows of a tax preset (`fr`, `de`, `gb`, `us-ny-nyc`).
pub fn preset_rows(preset: &str) -> Result<Vec<tax_rates::TaxRateRow>, AppError> {
    let table = TaxTable::preset(preset).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut rows = Vec::new();
    for cat in table.categories() {
        let components = table.components(cat).unwrap_or_default();
        for (i, c) in components.iter().enumerate() {
            rows.push(tax_rates::TaxRateRow {
                category: cat.as_str().to_owned(),
                code: c.code.clone(),
                label: c.label.clone(),
                rate_e4: rate_to_e4(c.rate)?,
                position: i32::try_from(i).unwrap_or(i32::MAX),
            });
        }
    }
    Ok(rows)
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

fn build(
    store: Store,
    settings: stores::CheckoutSettings,
    stock: StockPolicy,
    rows: &[tax_rates::TaxRateRow],
) -> Result<StoreConfig, AppError> {
    let currency = Currency::parse(&store.currency).map_err(internal)?;
    let locale = Locale::parse(&store.locale).map_err(internal)?;
    let time_zone = jiff::tz::TimeZone::get(&store.time_zone).map_err(internal)?;
    let mode = TaxMode::parse(&settings.tax_mode).map_err(internal)?;
    let scope = TaxScope::parse(&settings.tax_scope).map_err(internal)?;
    let policy = TaxPolicy {
        mode,
        scope,
        rounding: Rounding::HalfUp,
    };
    let mut by_cat: Vec<(TaxCategory, Vec<TaxComponent>)> = Vec::new();
    for r in rows {
        let cat = TaxCategory::parse(&r.category).map_err(internal)?;
        let comp =
            TaxComponent::new(&r.code, &r.label, rate_from_e4(r.rate_e4)?).map_err(internal)?;
        match by_cat.iter_mut().find(|(c, _)| *c == cat) {
            Some((_, v)) => v.push(comp),
            None => by_cat.push((cat, vec![comp])),
        }
    }
    let taxes = TaxTable::new(by_cat).map_err(internal)?;
    let cash_rounding = if settings.cash_rounding > 0 {
        CashRounding::nearest(settings.cash_rounding).map_err(internal)?
    } else {
        CashRounding::None
    };
    Ok(StoreConfig {
        store,
        currency,
        locale,
        time_zone,
        policy,
        taxes,
        cash_rounding,
        settings,
        stock,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(name: &str) -> Arc<StoreConfig> {
        let store = Store {
            id: Uuid::nil(),
            name: name.into(),
            currency: "EUR".into(),
            locale: "fr-FR".into(),
            time_zone: "Europe/Paris".into(),
            tax_mode: "inclusive".into(),
            scale_layout: "none".into(),
        };
        let settings = stores::CheckoutSettings {
            tax_mode: "inclusive".into(),
            tax_scope: "per_line".into(),
            cash_rounding: 0,
            address: String::new(),
            tax_id: String::new(),
            receipt_footer: String::new(),
            cashier_discount_limit: 100_000,
            day_cutoff_hour: 0,
            pos_lock_minutes: 5,
            cash_limit: None,
        };
        let rows = preset_rows("fr").expect("preset");
        let stock = StockPolicy {
            selling_location: Uuid::nil(),
            negative: caisse_core::inventory::NegativeStock::Allow,
            cashiers_may_count: false,
        };
        Arc::new(build(store, settings, stock, &rows).expect("config"))
    }

    #[test]
    fn a_load_that_read_before_a_change_never_puts_the_old_settings_back() {
        let cache = ConfigCache::default();
        let id = Uuid::now_v7();
        // A request starts loading (notes the generation, reads the old settings)…
        let before = cache.generation(id);
        let old = config("old name");
        // …meanwhile the settings change and the store is invalidated…
        cache.invalidate(id);
        // …then the slow load finishes: what it read is not kept.
        assert!(!cache.keep(id, before, &old));
        assert!(cache.cached(id).is_none(), "stale settings were put back");
        // A load that started after the change is kept.
        let now = cache.generation(id);
        assert!(cache.keep(id, now, &config("new name")));
        let kept = cache.cached(id).expect("kept");
        assert_eq!(kept.store.name, "new name");
        // Other stores are not affected by this store's changes.
        let other = Uuid::now_v7();
        let g = cache.generation(other);
        cache.invalidate(id);
        assert!(cache.keep(other, g, &config("other")));
    }
}
