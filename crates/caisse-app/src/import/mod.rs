//! CSV import of the catalog. Import is header-driven, upserts by SKU, and is all or nothing:
//! every row is checked first, and if any is bad nothing is written and every bad cell is
//! reported with its line and column.
//!
//! The stages: [`read`] the file, [`parse`] each row on its own (on every core), [`plan`] the
//! rows in file order against the catalog and each other, then write the plan in one
//! transaction while the in-memory index of the catalog-to-be is built on another core; the
//! index is installed once the transaction is committed.

mod parse;
mod plan;
mod read;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Instant;

use caisse_core::money::Currency;
use caisse_core::staff::Permission;
use caisse_store::catalog as db_catalog;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Principal;
use crate::catalog::prepare_store;
use crate::catalog::store_of;
use crate::{App, AppError, now_us};
use plan::{Catalog, Plan, Present};
use read::Col;

/// Columns of the catalog CSV, in export order. `sku`, `name` and `price` are required on
/// import; a row with `parent_sku` is a variant of that product (its `name` is the variant label).
pub const COLUMNS: &[&str] = &[
    "sku",
    "parent_sku",
    "name",
    "brand",
    "description",
    "category",
    "unit",
    "sold_by_weight",
    "price",
    "cost",
    "tax_category",
    "barcodes",
    "supplier",
    "supplier_ref",
    "attributes",
    "active",
];
const REQUIRED: &[&str] = &["sku", "name", "price"];

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Products and variants created.
    pub created: u64,
    /// Products changed.
    pub updated: u64,
    /// Rows identical to what was stored.
    pub unchanged: u64,
    /// Nothing was written.
    pub dry_run: bool,
}

/// Reports progress: rows handled so far and the total.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Send + Sync);

/// Page cache (KiB) of an import's transaction (pages are allocated only as used; the
/// connection is closed afterwards, see `Db::begin_bulk`).
const IMPORT_CACHE_KIB: u32 = 512 * 1024;

/// New products per call to the store's bulk insert: progress is reported between calls.
const WRITE_CHUNK: usize = 50_000;

/// Imports products from CSV bytes (upsert by SKU). With `dry_run`, checks and counts only.
pub async fn import_products(
    app: &App,
    who: &Principal,
    data: &[u8],
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<ImportSummary, AppError> {
    who.require(Permission::CatalogWrite)?;
    let store = store_of(app, who.store_id)?;
    let currency =
        Currency::parse(&store.currency).map_err(|e| AppError::Internal(e.to_string()))?;
    let started = Instant::now();
    let table = read::read_table(data).map_err(AppError::InvalidCsv)?;
    let total = table.records.len() as u64;
    let elapsed_ms = || started.elapsed().as_millis();
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: file read");
    let mut tx = app.db.begin_bulk(IMPORT_CACHE_KIB).await?;
    let stored = Catalog {
        products: db_catalog::all_products(&app.db, store.id).await?,
        categories: db_catalog::list_categories(&app.db, store.id).await?,
        suppliers: db_catalog::list_suppliers(&app.db, store.id).await?,
    };
    let now = now_us();
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: catalog loaded");
    let present = Present {
        barcodes: table.has(Col::Barcodes),
        category: table.has(Col::Category),
        supplier: table.has(Col::Supplier),
    };
    let rows = parse::parse_rows(&table, currency.minor_digits());
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: rows parsed");
    let plan = plan::plan(rows, &present, stored, now, progress).map_err(|mut errors| {
        errors.sort_by_key(|e| e.line);
        AppError::InvalidCsv(errors)
    })?;
    // The records are no longer needed: free them on another core (or here if no thread can
    // be started).
    let _ = std::thread::Builder::new().spawn(move || drop(table));
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: rows checked");
    let mut summary = plan.summary.clone();
    summary.dry_run = dry_run;
    if dry_run {
        return Ok(summary);
    }
    if plan.changed().is_empty() && plan.created().is_empty() && plan.new_suppliers.is_empty() {
        // Nothing to write (categories are only created for a product that changes), and the
        // index in service already shows this catalog.
        progress(total, total);
        tracing::info!(
            unchanged = summary.unchanged,
            "catalog import changed nothing"
        );
        return Ok(summary);
    }
    // The index is built from the plan while the database is written (that is mostly one
    // core waiting on SQLite), and put in service only after the commit.
    let plan = Arc::new(plan);
    let index = tokio::task::spawn_blocking({
        let plan = Arc::clone(&plan);
        let store = store.clone();
        move || prepare_store(store, &plan.products, &plan.categories)
    });
    write_plan(&mut tx, store.id, &plan, now, total, progress).await?;
    caisse_store::stores::bump_version(&mut tx, store.id).await?;
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: rows written");
    tx.commit().await?;
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: committed");
    progress(total, total);
    let index = index.await.map_err(|e| AppError::Internal(e.to_string()))?;
    app.catalog.install(index);
    tracing::debug!(elapsed_ms = elapsed_ms(), "import: index installed");
    tracing::info!(
        created = summary.created,
        updated = summary.updated,
        "catalog imported"
    );
    Ok(summary)
}

/// Writes what the plan asks for inside the import's transaction.
async fn write_plan(
    tx: &mut caisse_store::Tx,
    store_id: Uuid,
    plan: &Plan,
    now: i64,
    total: u64,
    progress: Progress<'_>,
) -> Result<(), AppError> {
    for c in plan.created_categories() {
        db_catalog::insert_category(tx, store_id, c, now).await?;
    }
    for s in &plan.new_suppliers {
        db_catalog::insert_supplier(tx, store_id, s, now).await?;
    }
    // Changed products first: a barcode moved from one product to a new one is freed first.
    for p in plan.changed() {
        if !db_catalog::update_product(tx, store_id, p, now).await? {
            return Err(AppError::VersionConflict {
                current: p.version - 1,
            });
        }
    }
    let created = plan.created();
    let mut done = 0;
    for chunk in created.chunks(WRITE_CHUNK) {
        db_catalog::insert_products(tx, store_id, chunk, now).await?;
        done += chunk.len();
        progress(
            total.min(done as u64 * total / created.len().max(1) as u64),
            total,
        );
    }
    Ok(())
}
