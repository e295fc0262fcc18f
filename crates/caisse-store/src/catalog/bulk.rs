//! Multi-row inserts of new products, variants and barcodes: one product created in the back
//! office, the demo catalog, or a million rows of a CSV import.
//!
//! On SQLite, past the B-tree work itself, a row costs mostly the handling of each bound value
//! (sqlx boxes it, SQLite copies it, both free it), so these statements bind as little as they
//! can: values shared by every row (store, timestamps) are bound once per statement through
//! `INSERT … SELECT … FROM (VALUES …) AS v` (both backends name the columns of a `VALUES` table
//! `column1`, `column2`, …), repeated texts (unit, tax category) share one allocation, and each
//! statement carries as many rows as the parameter limit allows.

use std::sync::Arc;

use caisse_core::catalog::{Product, Variant};
use uuid::Uuid;

use super::search_text_into;
use crate::{StoreError, Tx, on_tx};

/// Bound parameters per statement: SQLite's limit (`SQLITE_MAX_VARIABLE_NUMBER` of the bundled
/// library; PostgreSQL allows 65,535).
const MAX_PARAMS: usize = 32_766;

/// Product rows per statement: 16 values each, plus the store and two timestamps.
const PRODUCT_ROWS: usize = (MAX_PARAMS - 3) / 16;
/// Variant rows per statement: 8 values each, plus the store.
const VARIANT_ROWS: usize = (MAX_PARAMS - 1) / 8;
/// Barcode rows per statement: 3 values each, plus the store.
const BARCODE_ROWS: usize = (MAX_PARAMS - 1) / 3;

const PRODUCTS_HEAD: &str = "INSERT INTO products (id, store_id, sku, name, brand, description, category_id, unit, sold_by_weight, price, cost, tax_category, supplier_id, supplier_ref, active, search_text, version, created_at, updated_at) SELECT v.column1, ";
const PRODUCTS_MIDDLE: &str = ", v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10, v.column11, v.column12, v.column13, v.column14, v.column15, v.column16, ";

/// A row's barcode: (GTIN-14, product, variant).
pub(crate) type BarcodeRef<'a> = (&'a str, Uuid, Option<Uuid>);

/// Texts bound on many rows (a unit, a tax category): one allocation shared by all of them
/// (a cloned `Arc<str>` is bound as is, a `&str` would be copied for every row).
#[derive(Default)]
struct Repeated(Vec<Arc<str>>);

impl Repeated {
    /// Past this many distinct values the text is not repeated much: stop remembering.
    const MAX: usize = 64;

    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(found) = self.0.iter().find(|t| ***t == *text) {
            return Arc::clone(found);
        }
        let shared: Arc<str> = Arc::from(text);
        if self.0.len() < Self::MAX {
            self.0.push(Arc::clone(&shared));
        }
        shared
    }
}

/// What a product row needs besides its fields: buffers reused from row to row.
#[derive(Default)]
struct RowScratch {
    repeated: Repeated,
    raw: String,
    text: String,
}

impl RowScratch {
    /// The product's search text, built in the reused buffers.
    fn search_text(&mut self, p: &Product) -> Arc<str> {
        search_text_into(p, &mut self.raw, &mut self.text);
        Arc::from(self.text.as_str())
    }
}

fn text(s: &str) -> Arc<str> {
    Arc::from(s)
}

/// Inserts new products with their variants and barcodes.
pub async fn insert_products(
    tx: &mut Tx,
    store_id: Uuid,
    products: &[Product],
    now_us: i64,
) -> Result<(), StoreError> {
    let mut scratch = RowScratch::default();
    on_tx!(tx, conn => {
        let mut build = |chunk: &[Product]| {
            let mut qb = sqlx::QueryBuilder::new(PRODUCTS_HEAD);
            qb.push_bind(store_id);
            qb.push(PRODUCTS_MIDDLE);
            qb.push_bind(now_us);
            qb.push(", ");
            qb.push_bind(now_us);
            qb.push(" FROM (");
            qb.push_values(chunk, |mut b, p| {
                b.push_bind(p.id)
                    .push_bind(text(p.sku.as_str()))
                    .push_bind(text(&p.name))
                    .push_bind(p.brand.as_deref().map(text))
                    .push_bind(p.description.as_deref().map(text))
                    .push_bind(p.category_id)
                    .push_bind(scratch.repeated.get(p.unit.as_str()))
                    .push_bind(p.sold_by_weight)
                    .push_bind(p.price)
                    .push_bind(p.cost)
                    .push_bind(scratch.repeated.get(p.tax_category.as_str()))
                    .push_bind(p.supplier_id)
                    .push_bind(p.supplier_ref.as_deref().map(text))
                    .push_bind(p.active)
                    .push_bind(scratch.search_text(p))
                    .push_bind(p.version);
            });
            qb.push(") AS v");
            qb
        };
        let mut chunks = products.chunks(PRODUCT_ROWS);
        let mut next = chunks.next().map(&mut build);
        while let Some(mut qb) = next {
            // The next statement is built while the database runs this one (two cores busy
            // instead of taking turns).
            let (done, following) = tokio::join!(qb.build().execute(&mut *conn), async {
                chunks.next().map(&mut build)
            });
            done?;
            next = following;
        }
    });
    let variants: Vec<(Uuid, i64, &Variant)> = products
        .iter()
        .flat_map(|p| {
            p.variants
                .iter()
                .enumerate()
                .map(move |(i, v)| (p.id, i as i64, v))
        })
        .collect();
    insert_variants(tx, store_id, &variants).await?;
    let mut barcodes: Vec<BarcodeRef<'_>> = products.iter().flat_map(barcode_rows).collect();
    // In key order, consecutive rows land on the same pages of the (store_id, code) key.
    barcodes.sort_unstable_by_key(|(code, _, _)| *code);
    insert_barcodes(tx, store_id, &barcodes).await
}

/// Every barcode of a product and of its variants.
pub(crate) fn barcode_rows(p: &Product) -> impl Iterator<Item = BarcodeRef<'_>> {
    p.barcodes
        .iter()
        .map(move |c| (c.as_str(), p.id, None))
        .chain(p.variants.iter().flat_map(move |v| {
            v.barcodes
                .iter()
                .map(move |c| (c.as_str(), p.id, Some(v.id)))
        }))
}

/// Inserts variants given as (product id, position, variant).
pub(crate) async fn insert_variants(
    tx: &mut Tx,
    store_id: Uuid,
    rows: &[(Uuid, i64, &Variant)],
) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO variants (id, product_id, store_id, position, sku, name, attributes, price, active) SELECT v.column1, v.column2, ";
    const MIDDLE: &str =
        ", v.column3, v.column4, v.column5, v.column6, v.column7, v.column8 FROM (";
    for chunk in rows.chunks(VARIANT_ROWS) {
        on_tx!(tx, conn => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_bind(store_id);
            qb.push(MIDDLE);
            qb.push_values(chunk, |mut b, (pid, pos, v)| {
                b.push_bind(v.id)
                    .push_bind(*pid)
                    .push_bind(*pos)
                    .push_bind(text(v.sku.as_str()))
                    .push_bind(text(&v.name))
                    .push_bind(attributes_json(v))
                    .push_bind(v.price)
                    .push_bind(v.active);
            });
            qb.push(") AS v");
            qb.build().execute(conn).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// A variant's attributes as stored: a JSON list of [key, value] pairs.
pub(crate) fn attributes_json(v: &Variant) -> String {
    serde_json::to_string(&v.attributes).unwrap_or_else(|_| "[]".to_owned())
}

/// Inserts barcodes.
pub(crate) async fn insert_barcodes(
    tx: &mut Tx,
    store_id: Uuid,
    rows: &[BarcodeRef<'_>],
) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO barcodes (store_id, code, product_id, variant_id) SELECT ";
    const MIDDLE: &str = ", v.column1, v.column2, v.column3 FROM (";
    on_tx!(tx, conn => {
        let build = |chunk: &[BarcodeRef<'_>]| {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_bind(store_id);
            qb.push(MIDDLE);
            qb.push_values(chunk, |mut b, (code, pid, vid)| {
                b.push_bind(text(code)).push_bind(*pid).push_bind(*vid);
            });
            qb.push(") AS v");
            qb
        };
        let mut chunks = rows.chunks(BARCODE_ROWS);
        let mut next = chunks.next().map(build);
        while let Some(mut qb) = next {
            let (done, following) = tokio::join!(qb.build().execute(&mut *conn), async {
                chunks.next().map(build)
            });
            done?;
            next = following;
        }
    });
    Ok(())
}
