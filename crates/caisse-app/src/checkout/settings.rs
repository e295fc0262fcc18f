//! The store's checkout settings and tax table, as the back office reads and changes them.
//!
//! Changes apply to new sales at once: the store's cached [`StoreConfig`] is dropped after
//! the commit and reloaded by the next request. A cart being rung up at that moment is priced
//! again, with the new taxes and cash rounding, at its next change (a line, a tender, its
//! completion) or read: carts keep no prices of their own. A change that re-prices (tax mode,
//! scope, cash rounding, the tax table) is refused with `tenders_in_progress` while a cart of
//! the store has tenders taken, whose total could otherwise drop below what a card already
//! paid. Completed documents never change.
//!
//! [`StoreConfig`]: super::config::StoreConfig

use caisse_core::catalog::TaxCategory;
use caisse_core::money::Currency;
use caisse_core::staff::Permission;
use caisse_core::tax::{TAX_PRESETS, TaxComponent, TaxError, TaxMode, TaxRate, TaxScope, TaxTable};
use caisse_core::tender::CashRounding;
use caisse_store::stores::{self, CheckoutSettings};
use caisse_store::tax_rates::{self, TaxRateRow};
use caisse_store::tax_usage;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tokio::sync::OwnedMutexGuard;
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::Cart;
use super::config::{preset_rows, rate_from_e4, rate_to_e4, store_config};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::input::Checker;
use crate::catalog::store_of;
use crate::catalog::view::MoneyJson;
use crate::money_input::{MoneyInput, max_amount};
use crate::{App, AppError};

/// Longest line of the address printed on receipts.
const ADDRESS_LINE_MAX: usize = 64;
/// Most lines of the address.
const ADDRESS_LINES_MAX: usize = 6;
/// Longest tax identification (VAT number, SIRET, EIN…).
const TAX_ID_MAX: usize = 64;
/// Longest line of the receipt footer.
const FOOTER_LINE_MAX: usize = 64;
/// Most lines of the receipt footer.
const FOOTER_LINES_MAX: usize = 10;
/// 100 % in ten-thousandths of a percent, the unit the discount limit is stored in.
const HUNDRED_PERCENT_E4: i64 = 1_000_000;
/// Most categories in a tax table.
const CATEGORIES_MAX: usize = 32;
/// Most taxes stacked in one category.
const RATES_MAX: usize = 8;
/// Longest idle time before the till locks, minutes (four hours).
const POS_LOCK_MAX_MINUTES: i64 = 240;

/// A store's checkout settings as clients read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CheckoutSettingsView {
    /// `inclusive` (VAT in shelf prices) or `exclusive` (sales tax added at the till).
    pub tax_mode: String,
    /// `per_line` (each line's tax rounded) or `per_document` (each rate's tax rounded once).
    pub tax_scope: String,
    /// Cash rounding: `none`, or the smallest coin in currency units (`0.05`, `1`).
    pub cash_rounding: String,
    /// The store's currency (the unit of `cash_rounding`).
    pub currency: String,
    /// Address printed on receipts, one line per `\n`.
    pub address: String,
    /// Tax identification printed on receipts.
    pub tax_id: String,
    /// Footer printed on receipts, one line per `\n`.
    pub receipt_footer: String,
    /// Largest discount a cashier may give without a manager, in percent (`"10"`, `"12.5"`).
    pub cashier_discount_limit: String,
    /// Local hour (0 to 23) before which a sale belongs to the previous business day.
    pub day_cutoff_hour: i64,
    /// Minutes without activity before the till locks and asks for a PIN (0: never).
    pub pos_lock_minutes: i64,
    /// The largest cash amount handled at once: change beyond what is due, a float, a
    /// paid-in or a paid-out (default 10,000 units of the currency).
    pub cash_limit: MoneyJson,
    /// The payment terminal this server drives: `external` (a standalone terminal whose
    /// approval the cashier copies in) or `simulated` (demos and tests). Set with
    /// `caisse serve --terminal`; read-only here.
    pub terminal: String,
}

/// A change to the checkout settings; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckoutSettingsPatch {
    /// `inclusive` or `exclusive`.
    pub tax_mode: Option<String>,
    /// `per_line` or `per_document`.
    pub tax_scope: Option<String>,
    /// `none`, or the smallest coin in currency units (`0.05`, `0.10`, `1`).
    pub cash_rounding: Option<String>,
    /// Up to 6 lines of at most 64 characters; empty for none.
    pub address: Option<String>,
    /// At most 64 characters on one line; empty for none.
    pub tax_id: Option<String>,
    /// Up to 10 lines of at most 64 characters; empty for none.
    pub receipt_footer: Option<String>,
    /// Percent from 0 to 100 with at most 4 decimals (`"10"`, `"12.5"`).
    pub cashier_discount_limit: Option<String>,
    /// 0 to 23.
    pub day_cutoff_hour: Option<i64>,
    /// Minutes from 0 (never lock) to 240.
    pub pos_lock_minutes: Option<i64>,
    /// Above zero: minor units or `{"amount", "currency"}`.
    pub cash_limit: Option<MoneyInput>,
}

/// One tax of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxRateInput {
    /// Short code printed on receipts and journals: `A-Z`, `0-9`, `_` (`VAT20`, `STATE`).
    pub code: String,
    /// Name shown to people (`TVA 20 %`).
    pub label: String,
    /// Percent as a decimal string (`"20"`, `"5.5"`, `"8.875"`), never a number.
    pub rate: String,
}

/// A tax category and its taxes (several stack, as US state and city sales taxes do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxCategoryInput {
    /// The category products name (`standard`, `reduced`): `a-z`, `0-9`, `_`.
    pub category: String,
    /// Its taxes, in receipt order; at least one (a 0 % tax for zero-rated goods).
    pub rates: Vec<TaxRateInput>,
}

/// The store's tax table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TaxTableView {
    /// Categories in name order.
    pub categories: Vec<TaxCategoryInput>,
}

/// A new tax table: the whole table, or a built-in preset (`fr`, `de`, `gb`, `us-ny-nyc`).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxTableInput {
    /// Every category with its taxes; one must be `standard`.
    pub categories: Option<Vec<TaxCategoryInput>>,
    /// A preset instead of `categories`.
    pub preset: Option<String>,
}

/// Why a tax table was refused.
#[derive(Debug, thiserror::Error)]
pub enum TaxTableError {
    /// Active products still sell under categories the new table drops.
    #[error("active products still use the tax categories {}: move them to another category first", .0.join(", "))]
    CategoriesInUse(Vec<String>),
    /// Anything else (invalid input, not allowed, database).
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<caisse_store::StoreError> for TaxTableError {
    fn from(e: caisse_store::StoreError) -> Self {
        TaxTableError::App(e.into())
    }
}

impl TaxTableError {
    /// The stable code clients can rely on.
    pub fn code(&self) -> ErrorCode {
        match self {
            TaxTableError::CategoriesInUse(_) => ErrorCode::TaxCategoryInUse,
            TaxTableError::App(e) => e.code(),
        }
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// The stored cash rounding step (0: none) as a rule.
fn rounding_of(step: i64) -> Result<CashRounding, AppError> {
    if step > 0 {
        CashRounding::nearest(step).map_err(internal)
    } else {
        Ok(CashRounding::None)
    }
}

fn view_of(
    app: &App,
    s: &CheckoutSettings,
    currency: Currency,
) -> Result<CheckoutSettingsView, AppError> {
    Ok(CheckoutSettingsView {
        terminal: app.checkout.terminal.kind().to_owned(),
        tax_mode: s.tax_mode.clone(),
        tax_scope: s.tax_scope.clone(),
        cash_rounding: rounding_of(s.cash_rounding)?.to_text(currency),
        currency: currency.code().to_owned(),
        address: s.address.clone(),
        tax_id: s.tax_id.clone(),
        receipt_footer: s.receipt_footer.clone(),
        cashier_discount_limit: Decimal::new(s.cashier_discount_limit, 4)
            .normalize()
            .to_string(),
        day_cutoff_hour: s.day_cutoff_hour,
        pos_lock_minutes: s.pos_lock_minutes,
        cash_limit: MoneyJson::new(
            s.cash_limit
                .unwrap_or_else(|| crate::money_input::default_cash_limit(currency)),
            currency.code(),
        ),
    })
}

/// The store's checkout settings (anyone signed in: the till needs them too).
pub async fn get_checkout_settings(
    app: &App,
    who: &Principal,
) -> Result<CheckoutSettingsView, AppError> {
    let cfg = store_config(app, who.store_id).await?;
    view_of(app, &cfg.settings, cfg.currency)
}

/// Text of several lines: each line trimmed at its end, no control characters, at most
/// `lines` lines of `width` characters. Empty is allowed (nothing printed).
fn lines_text(input: &str, lines: usize, width: usize) -> Result<String, String> {
    let normal = input.replace("\r\n", "\n");
    let kept: Vec<&str> = normal.trim().lines().map(str::trim_end).collect();
    if kept.len() > lines {
        return Err(format!("at most {lines} lines"));
    }
    for line in &kept {
        if line.chars().count() > width {
            return Err(format!("lines of at most {width} characters"));
        }
        if let Some(c) = line.chars().find(|c| c.is_control()) {
            return Err(format!("must not contain {c:?}"));
        }
    }
    Ok(kept.join("\n"))
}

/// A percentage from 0 to 100 with at most 4 decimals, in ten-thousandths (`"12.5"` is 125000).
fn percent_e4(input: &str) -> Result<i64, &'static str> {
    let text = input.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return Err("a percentage is digits with an optional dot, such as 10 or 12.5");
    }
    if fraction.len() > 4 {
        return Err("at most 4 decimals");
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 3 {
        return Err("must be from 0 to 100");
    }
    let mut e4: i64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        e4 = e4 * 10 + i64::from(b - b'0');
    }
    for _ in fraction.len()..4 {
        e4 *= 10;
    }
    if e4 > HUNDRED_PERCENT_E4 {
        return Err("must be from 0 to 100");
    }
    Ok(e4)
}

/// Changes the checkout settings (owners only). Every field is checked before anything is
/// written; the new settings apply to new sales and to open carts at their next change
/// (refused with `tenders_in_progress` while a re-pricing change meets a cart being paid).
pub async fn update_checkout_settings(
    app: &App,
    who: &Principal,
    patch: &CheckoutSettingsPatch,
) -> Result<CheckoutSettingsView, AppError> {
    who.require(Permission::StoreSettings)?;
    let currency = store_config(app, who.store_id).await?.currency;
    let before = stores::checkout_settings(&app.db, who.store_id).await?;
    let mut s = before.clone();
    let mut c = Checker::default();
    if let Some(m) = &patch.tax_mode
        && let Some(m) = c.check("tax_mode", TaxMode::parse(m))
    {
        m.as_str().clone_into(&mut s.tax_mode);
    }
    if let Some(sc) = &patch.tax_scope
        && let Some(sc) = c.check("tax_scope", TaxScope::parse(sc))
    {
        sc.as_str().clone_into(&mut s.tax_scope);
    }
    if let Some(r) = &patch.cash_rounding
        && let Some(r) = c.check("cash_rounding", CashRounding::parse(r, currency))
    {
        s.cash_rounding = match r {
            CashRounding::None => 0,
            CashRounding::Nearest { step } => step,
        };
    }
    if let Some(a) = &patch.address
        && let Some(a) = c.check(
            "address",
            lines_text(a, ADDRESS_LINES_MAX, ADDRESS_LINE_MAX),
        )
    {
        s.address = a;
    }
    if let Some(t) = &patch.tax_id
        && let Some(t) = c.check("tax_id", lines_text(t, 1, TAX_ID_MAX))
    {
        s.tax_id = t;
    }
    if let Some(f) = &patch.receipt_footer
        && let Some(f) = c.check(
            "receipt_footer",
            lines_text(f, FOOTER_LINES_MAX, FOOTER_LINE_MAX),
        )
    {
        s.receipt_footer = f;
    }
    if let Some(l) = &patch.cashier_discount_limit
        && let Some(l) = c.check("cashier_discount_limit", percent_e4(l))
    {
        s.cashier_discount_limit = l;
    }
    if let Some(h) = patch.day_cutoff_hour {
        if (0..=23).contains(&h) {
            s.day_cutoff_hour = h;
        } else {
            c.fail("day_cutoff_hour", "must be an hour from 0 to 23");
        }
    }
    if let Some(m) = patch.pos_lock_minutes {
        if (0..=POS_LOCK_MAX_MINUTES).contains(&m) {
            s.pos_lock_minutes = m;
        } else {
            c.fail(
                "pos_lock_minutes",
                format!("must be from 0 (never) to {POS_LOCK_MAX_MINUTES} minutes"),
            );
        }
    }
    if let Some(limit) = &patch.cash_limit {
        match limit.minor("cash_limit", currency, max_amount(currency)) {
            Ok(v) if v > 0 => s.cash_limit = Some(v),
            Ok(_) => c.fail("cash_limit", "must be above zero"),
            Err(AppError::Validation(errors)) => {
                for e in errors {
                    c.fail("cash_limit", e.reason);
                }
            }
            Err(e) => return Err(e),
        }
    }
    c.finish()?;
    let reprices = s.tax_mode != before.tax_mode
        || s.tax_scope != before.tax_scope
        || s.cash_rounding != before.cash_rounding;
    let _held = if reprices {
        hold_carts(app, who.store_id).await?
    } else {
        Vec::new()
    };
    let mut tx = app.db.begin().await?;
    stores::update_checkout_settings(&mut tx, who.store_id, &s).await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    app.checkout.config.invalidate(who.store_id);
    // The catalog's copy of the store carries the tax mode too (`GET /store`, `PATCH /store`).
    if let Ok(mut store) = store_of(app, who.store_id)
        && store.tax_mode != s.tax_mode
    {
        store.tax_mode.clone_from(&s.tax_mode);
        app.catalog.set_store(store);
    }
    tracing::info!(store_id = %who.store_id, "checkout settings changed");
    view_of(app, &s, currency)
}

/// Locks the store's live carts for a change that prices them again, and refuses it while one
/// of them has tenders taken: a total that drops below a card payment would leave that sale
/// unpayable and uncancellable. Carts without tenders are simply priced again; holding their
/// locks until the new settings are in place keeps a tender from slipping in meanwhile. All
/// locks are taken before any database transaction begins, so nothing waits in a cycle.
async fn hold_carts(app: &App, store_id: Uuid) -> Result<Vec<OwnedMutexGuard<Cart>>, AppError> {
    let mut held = Vec::new();
    for handle in app.checkout.carts.handles() {
        let cart = handle.lock_owned().await;
        if cart.store_id != store_id {
            continue;
        }
        if cart.live_payments().next().is_some() {
            return Err(AppError::state(
                ErrorCode::TendersInProgress,
                format!(
                    "sale {} has tenders taken and would be priced again: complete it first",
                    cart.id
                ),
            ));
        }
        held.push(cart);
    }
    Ok(held)
}

fn table_view(table: &TaxTable) -> TaxTableView {
    TaxTableView {
        categories: table
            .categories()
            .map(|cat| TaxCategoryInput {
                category: cat.as_str().to_owned(),
                rates: table
                    .components(cat)
                    .unwrap_or_default()
                    .iter()
                    .map(|t| TaxRateInput {
                        code: t.code.clone(),
                        label: t.label.clone(),
                        rate: t.rate.to_string(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The store's tax table (anyone signed in).
pub async fn get_tax_rates(app: &App, who: &Principal) -> Result<TaxTableView, AppError> {
    let cfg = store_config(app, who.store_id).await?;
    Ok(table_view(&cfg.taxes))
}

/// Checks a whole table sent by a client, reporting every bad field, and turns it into rows.
fn rows_from_input(categories: &[TaxCategoryInput]) -> Result<Vec<TaxRateRow>, AppError> {
    let mut c = Checker::default();
    if categories.len() > CATEGORIES_MAX {
        return Err(AppError::field(
            "categories",
            format!("at most {CATEGORIES_MAX} categories"),
        ));
    }
    let mut entries: Vec<(TaxCategory, Vec<TaxComponent>)> = Vec::new();
    for (i, cat) in categories.iter().enumerate() {
        let field = format!("categories.{i}");
        let name = c.check(
            &format!("{field}.category"),
            TaxCategory::parse(&cat.category),
        );
        if let Some(n) = &name
            && entries.iter().any(|(e, _)| e == n)
        {
            c.fail(
                format!("{field}.category"),
                format!("{} is given twice", n.as_str()),
            );
        }
        if cat.rates.is_empty() {
            c.fail(
                format!("{field}.rates"),
                "give at least one rate (a 0 % rate for zero-rated goods)",
            );
        }
        if cat.rates.len() > RATES_MAX {
            c.fail(
                format!("{field}.rates"),
                format!("at most {RATES_MAX} taxes in a category"),
            );
        }
        let mut components: Vec<TaxComponent> = Vec::new();
        for (j, r) in cat.rates.iter().enumerate() {
            let rf = format!("{field}.rates.{j}");
            let rate = c.check(&format!("{rf}.rate"), TaxRate::parse(&r.rate));
            match TaxComponent::new(&r.code, &r.label, rate.unwrap_or(TaxRate::ZERO)) {
                Ok(t) if components.iter().any(|o| o.code == t.code) => c.fail(
                    format!("{rf}.code"),
                    format!("{} is already a code of this category", t.code),
                ),
                Ok(t) if rate.is_some() => components.push(t),
                Ok(_) => {}
                Err(e @ TaxError::InvalidLabel { .. }) => {
                    c.fail(format!("{rf}.label"), e.to_string())
                }
                Err(e) => c.fail(format!("{rf}.code"), e.to_string()),
            }
        }
        if let Some(n) = name {
            entries.push((n, components));
        }
    }
    if !entries.iter().any(|(n, _)| *n == TaxCategory::standard()) {
        c.fail(
            "categories",
            "a standard category is required (products are standard-rated by default)",
        );
    }
    c.finish()?;
    let mut rows = Vec::new();
    for (cat, components) in &entries {
        for (position, t) in components.iter().enumerate() {
            rows.push(TaxRateRow {
                category: cat.as_str().to_owned(),
                code: t.code.clone(),
                label: t.label.clone(),
                rate_e4: rate_to_e4(t.rate)?,
                position: i32::try_from(position).map_err(internal)?,
            });
        }
    }
    // The core's own rules (no empty table or category, unique codes) hold by now.
    TaxTable::new(entries).map_err(|e| AppError::field("categories", e.to_string()))?;
    Ok(rows)
}

/// The table the request asks for, checked.
fn requested_rows(input: &TaxTableInput) -> Result<Vec<TaxRateRow>, AppError> {
    match (&input.categories, &input.preset) {
        (Some(categories), None) => rows_from_input(categories),
        (None, Some(preset)) => {
            let name = preset.trim();
            if !TAX_PRESETS.contains(&name) {
                return Err(AppError::field(
                    "preset",
                    format!(
                        "unknown preset {name:?} (known: {})",
                        TAX_PRESETS.join(", ")
                    ),
                ));
            }
            preset_rows(name)
        }
        _ => Err(AppError::field(
            "categories",
            "give either categories or a preset",
        )),
    }
}

/// Replaces the store's whole tax table (owners only). Refuses, changing nothing, a table
/// that drops a category active products still sell under, or while a cart is being paid.
/// The new rates apply to new sales and to open carts at their next change.
pub async fn replace_tax_rates(
    app: &App,
    who: &Principal,
    input: &TaxTableInput,
) -> Result<TaxTableView, TaxTableError> {
    who.require(Permission::StoreSettings)?;
    let rows = requested_rows(input)?;
    let store_id = who.store_id;
    let old = store_config(app, store_id).await?;
    let kept = |cat: &str| rows.iter().any(|r| r.category == cat);
    let _held = hold_carts(app, store_id).await?;
    let mut tx = app.db.begin().await?;
    let dropped: Vec<String> = tax_usage::active_categories(&mut tx, store_id)
        .await?
        .into_iter()
        .filter(|cat| !kept(cat))
        .filter(|cat| TaxCategory::parse(cat).is_ok_and(|c| old.taxes.components(&c).is_some()))
        .collect();
    if !dropped.is_empty() {
        drop(tx); // rolls back: nothing was written
        return Err(TaxTableError::CategoriesInUse(dropped));
    }
    tax_rates::replace(&mut tx, store_id, &rows).await?;
    caisse_store::stores::bump_version(&mut tx, store_id).await?;
    tx.commit().await?;
    app.checkout.config.invalidate(store_id);
    tracing::info!(store_id = %store_id, rates = rows.len(), "tax table replaced");
    Ok(table_view(&table_of(&rows)?))
}

/// Rows (already checked) as a table.
fn table_of(rows: &[TaxRateRow]) -> Result<TaxTable, AppError> {
    let mut entries: Vec<(TaxCategory, Vec<TaxComponent>)> = Vec::new();
    for r in rows {
        let cat = TaxCategory::parse(&r.category).map_err(internal)?;
        let t = TaxComponent::new(&r.code, &r.label, rate_from_e4(r.rate_e4)?).map_err(internal)?;
        match entries.iter_mut().find(|(c, _)| *c == cat) {
            Some((_, v)) => v.push(t),
            None => entries.push((cat, vec![t])),
        }
    }
    TaxTable::new(entries).map_err(internal)
}

#[cfg(test)]
mod tests;
