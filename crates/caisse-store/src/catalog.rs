//! Catalog persistence: categories, suppliers, products, variants and their barcodes.
//! Products are written whole (row, barcodes, variants) inside the caller's transaction.

use std::collections::HashMap;

use caisse_core::catalog::{Category, Product, Sku, Supplier, TaxCategory, Unit, Variant};
use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

mod bulk;

pub use bulk::insert_products;
use bulk::{attributes_json, barcode_rows, insert_barcodes, insert_variants};

/// Ids per `IN (…)` list of the reads (well under both backends' parameter limits).
const BATCH: usize = 500;

// ---------------------------------------------------------------- categories and suppliers

/// Creates a category.
pub async fn insert_category(
    tx: &mut Tx,
    store_id: Uuid,
    c: &Category,
    now_us: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO categories (id, store_id, parent_id, name, created_at) VALUES ($1, $2, $3, $4, $5)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(c.id).bind(store_id).bind(c.parent_id).bind(&c.name).bind(now_us).execute(conn)
.await
.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Renames or moves a category.
pub async fn update_category(tx: &mut Tx, store_id: Uuid, c: &Category) -> Result<(), StoreError> {
    const SQL: &str =
        "UPDATE categories SET parent_id = $3, name = $4 WHERE id = $1 AND store_id = $2";
    let n = on_tx!(tx, conn => sqlx::query(SQL).bind(c.id).bind(store_id).bind(c.parent_id).bind(&c.name).execute(conn)
.await
.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
}

/// Every category of a store, by name.
pub async fn list_categories(db: &Db, store_id: Uuid) -> Result<Vec<Category>, StoreError> {
    const SQL: &str =
        "SELECT id, parent_id, name FROM categories WHERE store_id = $1 ORDER BY name, id";
    let rows: Vec<CategoryRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Category {
            id: r.id,
            parent_id: r.parent_id,
            name: r.name,
        })
        .collect())
}

/// Creates a supplier.
pub async fn insert_supplier(
    tx: &mut Tx,
    store_id: Uuid,
    s: &Supplier,
    now_us: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO suppliers (id, store_id, name, email, phone, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, conn => sqlx::query(SQL).bind(s.id).bind(store_id).bind(&s.name).bind(&s.email).bind(&s.phone).bind(now_us).execute(conn)
.await
.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SupplierRow {
    id: Uuid,
    name: String,
    email: Option<String>,
    phone: Option<String>,
}

/// Every supplier of a store, by name.
pub async fn list_suppliers(db: &Db, store_id: Uuid) -> Result<Vec<Supplier>, StoreError> {
    const SQL: &str =
        "SELECT id, name, email, phone FROM suppliers WHERE store_id = $1 ORDER BY name, id";
    let rows: Vec<SupplierRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Supplier {
            id: r.id,
            name: r.name,
            email: r.email,
            phone: r.phone,
        })
        .collect())
}

// ---------------------------------------------------------------- product rows

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: Uuid,
    sku: String,
    name: String,
    brand: Option<String>,
    description: Option<String>,
    category_id: Option<Uuid>,
    unit: String,
    sold_by_weight: bool,
    price: i64,
    cost: Option<i64>,
    tax_category: String,
    supplier_id: Option<Uuid>,
    supplier_ref: Option<String>,
    active: bool,
    version: i64,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: Uuid,
    product_id: Uuid,
    sku: String,
    name: String,
    attributes: String,
    price: Option<i64>,
    active: bool,
}

#[derive(sqlx::FromRow)]
struct BarcodeRow {
    code: String,
    product_id: Uuid,
    variant_id: Option<Uuid>,
}

/// A stored value that the domain types refuse means the database was edited by hand.
fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Db(sqlx::Error::Decode(
        format!("stored {what} {value:?} is not valid").into(),
    ))
}

fn product_from_row(r: ProductRow) -> Result<Product, StoreError> {
    Ok(Product {
        id: r.id,
        sku: Sku::parse(&r.sku).map_err(|_| corrupt("sku", &r.sku))?,
        unit: Unit::parse(&r.unit).map_err(|_| corrupt("unit", &r.unit))?,
        tax_category: TaxCategory::parse(&r.tax_category)
            .map_err(|_| corrupt("tax category", &r.tax_category))?,
        name: r.name,
        brand: r.brand,
        description: r.description,
        category_id: r.category_id,
        sold_by_weight: r.sold_by_weight,
        price: r.price,
        cost: r.cost,
        supplier_id: r.supplier_id,
        supplier_ref: r.supplier_ref,
        active: r.active,
        barcodes: Vec::new(),
        variants: Vec::new(),
        version: r.version,
        updated_at_us: r.updated_at,
    })
}

fn variant_from_row(r: VariantRow) -> Result<(Uuid, Variant), StoreError> {
    let attributes: Vec<(String, String)> = serde_json::from_str(&r.attributes)
        .map_err(|_| corrupt("variant attributes", &r.attributes))?;
    Ok((
        r.product_id,
        Variant {
            id: r.id,
            sku: Sku::parse(&r.sku).map_err(|_| corrupt("sku", &r.sku))?,
            name: r.name,
            attributes,
            price: r.price,
            barcodes: Vec::new(),
            active: r.active,
        },
    ))
}

/// Puts variants and barcodes under their products (products keep their order).
fn assemble(
    mut products: Vec<Product>,
    variants: Vec<VariantRow>,
    barcodes: Vec<BarcodeRow>,
) -> Result<Vec<Product>, StoreError> {
    let index: HashMap<Uuid, usize> = products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    for v in variants {
        let (pid, variant) = variant_from_row(v)?;
        if let Some(&i) = index.get(&pid) {
            products[i].variants.push(variant);
        }
    }
    for b in barcodes {
        let Some(&i) = index.get(&b.product_id) else {
            continue;
        };
        let p = &mut products[i];
        match b.variant_id {
            None => p.barcodes.push(b.code),
            Some(vid) => {
                if let Some(v) = p.variants.iter_mut().find(|v| v.id == vid) {
                    v.barcodes.push(b.code);
                }
            }
        }
    }
    for p in &mut products {
        p.barcodes.sort();
        for v in &mut p.variants {
            v.barcodes.sort();
        }
    }
    Ok(products)
}

/// The normalised text the back-office list filters on (name, brand, SKUs, barcodes).
pub fn search_text(p: &Product) -> String {
    let mut out = String::new();
    search_text_into(p, &mut String::new(), &mut out);
    out
}

/// [`search_text`] into `out`, with `raw` as scratch space (both reused between products).
fn search_text_into(p: &Product, raw: &mut String, out: &mut String) {
    raw.clear();
    raw.push_str(&p.name);
    for part in [
        p.brand.as_deref(),
        Some(p.sku.as_str()),
        p.supplier_ref.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        raw.push(' ');
        raw.push_str(part);
    }
    for v in &p.variants {
        raw.push(' ');
        raw.push_str(v.sku.as_str());
        raw.push(' ');
        raw.push_str(&v.name);
    }
    for code in p
        .barcodes
        .iter()
        .chain(p.variants.iter().flat_map(|v| v.barcodes.iter()))
    {
        raw.push(' ');
        raw.push_str(code.trim_start_matches('0'));
    }
    out.clear();
    out.push(' ');
    out.push_str(&caisse_core::search::normalize(raw));
    out.push(' ');
}

// ---------------------------------------------------------------- writes

/// Rewrites a product whole: its row (only if its stored version is `p.version - 1`),
/// its variants (new ones inserted, existing ones updated, none deleted) and its barcodes.
/// Returns `Ok(false)` when the version did not match (someone else changed it first).
pub async fn update_product(
    tx: &mut Tx,
    store_id: Uuid,
    p: &Product,
    now_us: i64,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE products SET sku = $3, name = $4, brand = $5, description = $6, category_id = $7, unit = $8, \
         sold_by_weight = $9, price = $10, cost = $11, tax_category = $12, supplier_id = $13, supplier_ref = $14, active = $15, \
         search_text = $16, version = $17, updated_at = $18 WHERE id = $1 AND store_id = $2 AND version = $19";
    let n = on_tx!(tx, conn => sqlx::query(SQL)
        .bind(p.id)
        .bind(store_id)
        .bind(p.sku.as_str())
        .bind(&p.name)
        .bind(&p.brand)
        .bind(&p.description)
        .bind(p.category_id)
        .bind(p.unit.as_str())
        .bind(p.sold_by_weight)
        .bind(p.price)
        .bind(p.cost)
        .bind(p.tax_category.as_str())
        .bind(p.supplier_id)
        .bind(&p.supplier_ref)
        .bind(p.active)
        .bind(search_text(p))
        .bind(p.version)
        .bind(now_us)
        .bind(p.version - 1)
        .execute(conn)
.await
.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    const DELETE_BARCODES: &str = "DELETE FROM barcodes WHERE product_id = $1";
    on_tx!(tx, conn => sqlx::query(DELETE_BARCODES).bind(p.id).execute(conn)
.await
.map(|r| r.rows_affected()))?;
    const EXISTING: &str = "SELECT id FROM variants WHERE product_id = $1";
    let existing: Vec<(Uuid,)> =
        on_tx!(tx, conn => sqlx::query_as(EXISTING).bind(p.id).fetch_all(conn).await)?;
    let mut new_variants = Vec::new();
    for (pos, v) in p.variants.iter().enumerate() {
        if existing.iter().any(|(id,)| *id == v.id) {
            const UPDATE_VARIANT: &str = "UPDATE variants SET position = $2, sku = $3, name = $4, attributes = $5, price = $6, active = $7 WHERE id = $1";
            on_tx!(tx, conn => sqlx::query(UPDATE_VARIANT)
                .bind(v.id)
                .bind(pos as i64)
                .bind(v.sku.as_str())
                .bind(&v.name)
                .bind(attributes_json(v))
                .bind(v.price)
                .bind(v.active)
                .execute(conn)
.await
.map(|r| r.rows_affected()))?;
        } else {
            new_variants.push((p.id, pos as i64, v));
        }
    }
    insert_variants(tx, store_id, &new_variants).await?;
    let barcodes: Vec<_> = barcode_rows(p).collect();
    insert_barcodes(tx, store_id, &barcodes).await?;
    Ok(true)
}

// ---------------------------------------------------------------- reads

const PRODUCT_COLUMNS_SQL: &str = "SELECT id, sku, name, brand, description, category_id, unit, sold_by_weight, price, cost, tax_category, supplier_id, supplier_ref, active, version, updated_at FROM products";

/// Reads one product with its variants and barcodes.
pub async fn get_product(db: &Db, store_id: Uuid, id: Uuid) -> Result<Option<Product>, StoreError> {
    const SQL: &str = "SELECT id, sku, name, brand, description, category_id, unit, sold_by_weight, price, cost, tax_category, supplier_id, supplier_ref, active, version, updated_at FROM products WHERE store_id = $1 AND id = $2";
    let row: Option<ProductRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(id).fetch_optional(p).await)?;
    let Some(row) = row else { return Ok(None) };
    let mut out = with_children(db, vec![product_from_row(row)?]).await?;
    Ok(out.pop())
}

/// Loads variants and barcodes for the given products.
async fn with_children(db: &Db, products: Vec<Product>) -> Result<Vec<Product>, StoreError> {
    if products.is_empty() {
        return Ok(products);
    }
    let ids: Vec<Uuid> = products.iter().map(|p| p.id).collect();
    let mut variants = Vec::new();
    let mut barcodes = Vec::new();
    for chunk in ids.chunks(BATCH) {
        on_pool!(db, pool => {
            let mut qb = sqlx::QueryBuilder::new("SELECT id, product_id, sku, name, attributes, price, active FROM variants WHERE product_id IN (");
            let mut sep = qb.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            qb.push(") ORDER BY product_id, position");
            variants.extend(qb.build_query_as::<VariantRow>().fetch_all(pool).await?);
            let mut qb = sqlx::QueryBuilder::new("SELECT code, product_id, variant_id FROM barcodes WHERE product_id IN (");
            let mut sep = qb.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            qb.push(")");
            barcodes.extend(qb.build_query_as::<BarcodeRow>().fetch_all(pool).await?);
        });
    }
    assemble(products, variants, barcodes)
}

/// Which products a back-office list shows.
#[derive(Debug, Clone, Default)]
pub struct ProductFilter {
    /// Words that must all appear (accent- and case-insensitive) in name, brand, SKU or barcodes.
    pub query: Option<String>,
    /// Only this category.
    pub category_id: Option<Uuid>,
    /// `Some(true)` active only, `Some(false)` inactive only, `None` both.
    pub active: Option<bool>,
    /// The order of the rows.
    pub order: ProductOrder,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// A column the product list can be sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProductSort {
    /// By name (then id).
    #[default]
    Name,
    /// By SKU.
    Sku,
    /// By price (then name).
    Price,
    /// By the last change (then id).
    Updated,
}

/// The order of a product list: a column and a direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProductOrder {
    /// The column.
    pub by: ProductSort,
    /// Largest first.
    pub descending: bool,
}

impl ProductOrder {
    /// The ORDER BY clause: one fixed text per order, never built from the request.
    fn sql(self) -> &'static str {
        match (self.by, self.descending) {
            (ProductSort::Name, false) => " ORDER BY name, id",
            (ProductSort::Name, true) => " ORDER BY name DESC, id DESC",
            (ProductSort::Sku, false) => " ORDER BY sku, id",
            (ProductSort::Sku, true) => " ORDER BY sku DESC, id DESC",
            (ProductSort::Price, false) => " ORDER BY price, name, id",
            (ProductSort::Price, true) => " ORDER BY price DESC, name DESC, id DESC",
            (ProductSort::Updated, false) => " ORDER BY updated_at, id",
            (ProductSort::Updated, true) => " ORDER BY updated_at DESC, id DESC",
        }
    }
}

/// A page of products (in the filter's order) and how many match in all.
pub async fn list_products(
    db: &Db,
    store_id: Uuid,
    f: &ProductFilter,
) -> Result<(Vec<Product>, i64), StoreError> {
    let words: Vec<String> = f
        .query
        .as_deref()
        .map(caisse_core::search::normalize)
        .unwrap_or_default()
        .split_whitespace()
        .map(|w| format!("%{}%", w.replace(['%', '_'], "")))
        .collect();
    let (rows, total) = on_pool!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new("SELECT COUNT(*) FROM products WHERE store_id = ");
        qb.push_bind(store_id);
        push_filters(&mut qb, f, &words);
        let (total,): (i64,) = qb.build_query_as().fetch_one(pool).await?;
        let mut qb = sqlx::QueryBuilder::new(PRODUCT_COLUMNS_SQL);
        qb.push(" WHERE store_id = ");
        qb.push_bind(store_id);
        push_filters(&mut qb, f, &words);
        qb.push(f.order.sql());
        qb.push(" LIMIT ");
        qb.push_bind(f.limit);
        qb.push(" OFFSET ");
        qb.push_bind(f.offset);
        let rows: Vec<ProductRow> = qb.build_query_as().fetch_all(pool).await?;
        (rows, total)
    });
    let products = rows
        .into_iter()
        .map(product_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((with_children(db, products).await?, total))
}

fn push_filters<'a, DB>(qb: &mut sqlx::QueryBuilder<DB>, f: &ProductFilter, words: &'a [String])
where
    DB: sqlx::Database,
    Uuid: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    bool: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    if let Some(c) = f.category_id {
        qb.push(" AND category_id = ");
        qb.push_bind(c);
    }
    if let Some(a) = f.active {
        qb.push(" AND active = ");
        qb.push_bind(a);
    }
    for w in words {
        qb.push(" AND search_text LIKE ");
        qb.push_bind(w.clone());
    }
}

/// Every product of a store with variants and barcodes (index build, export).
pub async fn all_products(db: &Db, store_id: Uuid) -> Result<Vec<Product>, StoreError> {
    const SQL: &str = "SELECT id, sku, name, brand, description, category_id, unit, sold_by_weight, price, cost, tax_category, supplier_id, supplier_ref, active, version, updated_at FROM products WHERE store_id = $1 ORDER BY sku";
    const VARIANTS: &str = "SELECT id, product_id, sku, name, attributes, price, active FROM variants WHERE store_id = $1 ORDER BY product_id, position";
    const BARCODES: &str = "SELECT code, product_id, variant_id FROM barcodes WHERE store_id = $1";
    let (rows, variants, barcodes) = on_pool!(db, p => {
        let rows: Vec<ProductRow> = sqlx::query_as(SQL).bind(store_id).fetch_all(p).await?;
        let variants: Vec<VariantRow> = sqlx::query_as(VARIANTS).bind(store_id).fetch_all(p).await?;
        let barcodes: Vec<BarcodeRow> = sqlx::query_as(BARCODES).bind(store_id).fetch_all(p).await?;
        (rows, variants, barcodes)
    });
    let products = rows
        .into_iter()
        .map(product_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    assemble(products, variants, barcodes)
}

/// Who owns a code: a product SKU, a variant SKU or a barcode, as (product id, variant id).
pub type ItemRef = (Uuid, Option<Uuid>);

/// Every SKU of a store (products and variants) with the item it names.
pub async fn sku_owners(
    tx: &mut Tx,
    store_id: Uuid,
) -> Result<HashMap<String, ItemRef>, StoreError> {
    const SQL: &str = "SELECT sku, id, NULL AS variant_id FROM products WHERE store_id = $1 \
         UNION ALL SELECT sku, product_id, id FROM variants WHERE store_id = $1";
    let rows: Vec<(String, Uuid, Option<Uuid>)> =
        on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|(s, p, v)| (s, (p, v))).collect())
}

/// Every barcode of a store with the item it finds.
pub async fn barcode_owners(
    tx: &mut Tx,
    store_id: Uuid,
) -> Result<HashMap<String, ItemRef>, StoreError> {
    const SQL: &str = "SELECT code, product_id, variant_id FROM barcodes WHERE store_id = $1";
    let rows: Vec<(String, Uuid, Option<Uuid>)> =
        on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|(s, p, v)| (s, (p, v))).collect())
}

/// The item a SKU names, if any (products and variants share one SKU space).
pub async fn sku_owner(
    tx: &mut Tx,
    store_id: Uuid,
    sku: &str,
) -> Result<Option<ItemRef>, StoreError> {
    const SQL: &str = "SELECT id, NULL AS variant_id FROM products WHERE store_id = $1 AND sku = $2 \
         UNION ALL SELECT product_id, id FROM variants WHERE store_id = $1 AND sku = $2";
    Ok(on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(sku).fetch_optional(c).await)?)
}

/// The item a barcode finds, if any.
pub async fn barcode_owner(
    tx: &mut Tx,
    store_id: Uuid,
    code: &str,
) -> Result<Option<ItemRef>, StoreError> {
    const SQL: &str =
        "SELECT product_id, variant_id FROM barcodes WHERE store_id = $1 AND code = $2";
    Ok(on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(code).fetch_optional(c).await)?)
}

/// Reads a product inside a transaction (for read-modify-write of a whole product).
pub async fn get_product_tx(
    tx: &mut Tx,
    store_id: Uuid,
    id: Uuid,
) -> Result<Option<Product>, StoreError> {
    const SQL: &str = "SELECT id, sku, name, brand, description, category_id, unit, sold_by_weight, price, cost, tax_category, supplier_id, supplier_ref, active, version, updated_at FROM products WHERE store_id = $1 AND id = $2";
    const VARIANTS: &str = "SELECT id, product_id, sku, name, attributes, price, active FROM variants WHERE product_id = $1 ORDER BY position";
    const BARCODES: &str =
        "SELECT code, product_id, variant_id FROM barcodes WHERE product_id = $1";
    let found = on_tx!(tx, c => {
        let row: Option<ProductRow> = sqlx::query_as(SQL).bind(store_id).bind(id).fetch_optional(&mut *c).await?;
        match row {
            None => None,
            Some(row) => {
                let variants: Vec<VariantRow> = sqlx::query_as(VARIANTS).bind(id).fetch_all(&mut *c).await?;
                let barcodes: Vec<BarcodeRow> = sqlx::query_as(BARCODES).bind(id).fetch_all(&mut *c).await?;
                Some((row, variants, barcodes))
            }
        }
    });
    match found {
        None => Ok(None),
        Some((row, variants, barcodes)) => {
            Ok(assemble(vec![product_from_row(row)?], variants, barcodes)?.pop())
        }
    }
}

/// Whether a category belongs to the store.
pub async fn category_exists(tx: &mut Tx, store_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM categories WHERE store_id = $1 AND id = $2";
    let (n,): (i64,) =
        on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(id).fetch_one(c).await)?;
    Ok(n > 0)
}

/// Whether a supplier belongs to the store.
pub async fn supplier_exists(tx: &mut Tx, store_id: Uuid, id: Uuid) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM suppliers WHERE store_id = $1 AND id = $2";
    let (n,): (i64,) =
        on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(id).fetch_one(c).await)?;
    Ok(n > 0)
}

/// The product a variant belongs to.
pub async fn variant_product(
    tx: &mut Tx,
    store_id: Uuid,
    variant_id: Uuid,
) -> Result<Option<Uuid>, StoreError> {
    const SQL: &str = "SELECT product_id FROM variants WHERE store_id = $1 AND id = $2";
    let row: Option<(Uuid,)> = on_tx!(tx, c => sqlx::query_as(SQL).bind(store_id).bind(variant_id).fetch_optional(c).await)?;
    Ok(row.map(|(p,)| p))
}

/// Ids of the store's products changed (or created) at or after `since_us`.
pub async fn changed_since(
    db: &Db,
    store_id: Uuid,
    since_us: i64,
) -> Result<Vec<Uuid>, StoreError> {
    const SQL: &str = "SELECT id FROM products WHERE store_id = $1 AND updated_at >= $2";
    let rows: Vec<(Uuid,)> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(since_us).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
