//! Catalog use cases: create, change, deactivate and list products, categories and suppliers.
//! Each write runs in one transaction, then patches the in-memory index.

mod cache;
pub mod input;
pub mod lookup;
pub mod popularity;
mod ranked;
pub mod view;

use caisse_core::catalog::{Category, Product, Store, parse_name};
use caisse_core::staff::Permission;
use caisse_store::catalog::{self as db_catalog, ProductFilter, ProductOrder, ProductSort};
use caisse_store::{Tx, stores};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

pub use cache::{CatalogCache, PreparedStore, SellableItem, StoreCatalog, items_of, prepare_store};
use input::{ProductDraft, ProductPatch, VariantDraft, VariantPatch};
use view::{CategoryView, ProductView, category_views, product_view};

use crate::auth::Principal;
use crate::paging::Paging;
use crate::{App, AppError, now_us};

/// The store's settings, from memory.
pub fn store_of(app: &App, store_id: Uuid) -> Result<Store, AppError> {
    app.catalog
        .read(store_id, |sc| sc.store.clone())
        .ok_or(AppError::NotFound("store"))
}

async fn category_name(
    app: &App,
    store_id: Uuid,
    id: Option<Uuid>,
) -> Result<Option<String>, AppError> {
    let Some(id) = id else { return Ok(None) };
    Ok(db_catalog::list_categories(&app.db, store_id)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| c.name))
}

/// Refuses SKUs and barcodes already owned by another product, and unknown references.
async fn check_references(tx: &mut Tx, store_id: Uuid, p: &Product) -> Result<(), AppError> {
    let skus = std::iter::once(&p.sku).chain(p.variants.iter().map(|v| &v.sku));
    for sku in skus {
        if let Some((owner, _)) = db_catalog::sku_owner(tx, store_id, sku.as_str()).await?
            && owner != p.id
        {
            return Err(AppError::DuplicateSku(sku.to_string()));
        }
    }
    let codes = p
        .barcodes
        .iter()
        .chain(p.variants.iter().flat_map(|v| v.barcodes.iter()));
    for code in codes {
        if let Some((owner, _)) = db_catalog::barcode_owner(tx, store_id, code).await?
            && owner != p.id
        {
            return Err(AppError::DuplicateBarcode(view::display_code(code)));
        }
    }
    if let Some(c) = p.category_id
        && !db_catalog::category_exists(tx, store_id, c).await?
    {
        return Err(AppError::field(
            "category_id",
            "no such category in this store",
        ));
    }
    if let Some(s) = p.supplier_id
        && !db_catalog::supplier_exists(tx, store_id, s).await?
    {
        return Err(AppError::field(
            "supplier_id",
            "no such supplier in this store",
        ));
    }
    Ok(())
}

async fn finish_write(app: &App, store: &Store, p: &Product) -> Result<ProductView, AppError> {
    let categories = db_catalog::list_categories(&app.db, store.id).await?;
    let name = p
        .category_id
        .and_then(|id| categories.iter().find(|c| c.id == id))
        .map(|c| c.name.clone());
    // The index gets the whole path, so a word of a parent category finds the product too.
    let path = p
        .category_id
        .and_then(|id| caisse_core::catalog::category_paths(&categories).remove(&id));
    app.catalog.apply(store.id, p, path.as_deref());
    Ok(product_view(p, &store.currency, name))
}

/// Creates a product with its barcodes and variants.
pub async fn create_product(
    app: &App,
    who: &Principal,
    draft: &ProductDraft,
) -> Result<ProductView, AppError> {
    who.require(Permission::CatalogWrite)?;
    let store = store_of(app, who.store_id)?;
    let now = now_us();
    let p = input::product_from_draft(draft, &store.currency, now)?;
    let mut tx = app.db.begin().await?;
    check_references(&mut tx, store.id, &p).await?;
    db_catalog::insert_products(&mut tx, store.id, std::slice::from_ref(&p), now).await?;
    caisse_store::stores::bump_version(&mut tx, store.id).await?;
    tx.commit().await?;
    tracing::info!(product_id = %p.id, sku = %p.sku, "product created");
    finish_write(app, &store, &p).await
}

/// Reads, changes and writes back one product in a transaction.
async fn modify_product(
    app: &App,
    who: &Principal,
    id: Uuid,
    change: impl FnOnce(&Product, &Store, i64) -> Result<Product, AppError>,
) -> Result<ProductView, AppError> {
    who.require(Permission::CatalogWrite)?;
    let store = store_of(app, who.store_id)?;
    let now = now_us();
    let mut tx = app.db.begin().await?;
    let old = db_catalog::get_product_tx(&mut tx, store.id, id)
        .await?
        .ok_or(AppError::NotFound("product"))?;
    let new = change(&old, &store, now)?;
    check_references(&mut tx, store.id, &new).await?;
    if !db_catalog::update_product(&mut tx, store.id, &new, now).await? {
        return Err(AppError::VersionConflict {
            current: old.version,
        });
    }
    caisse_store::stores::bump_version(&mut tx, store.id).await?;
    tx.commit().await?;
    tracing::info!(product_id = %new.id, version = new.version, "product changed");
    finish_write(app, &store, &new).await
}

/// Changes a product (absent fields unchanged).
pub async fn update_product(
    app: &App,
    who: &Principal,
    id: Uuid,
    patch: &ProductPatch,
) -> Result<ProductView, AppError> {
    modify_product(app, who, id, |old, store, now| {
        input::apply_patch(old, patch, &store.currency, now)
    })
    .await
}

/// Activates or deactivates a product (products are never deleted).
pub async fn set_active(
    app: &App,
    who: &Principal,
    id: Uuid,
    active: bool,
) -> Result<ProductView, AppError> {
    let patch = ProductPatch {
        active: Some(active),
        ..ProductPatch::default()
    };
    update_product(app, who, id, &patch).await
}

/// Adds a variant to a product.
pub async fn add_variant(
    app: &App,
    who: &Principal,
    product_id: Uuid,
    draft: &VariantDraft,
) -> Result<ProductView, AppError> {
    modify_product(app, who, product_id, |old, store, now| {
        let mut c = input::Checker::default();
        let v = input::variant_from_draft(&mut c, "", draft, &store.currency);
        c.finish()?;
        let v = v.ok_or_else(|| AppError::Internal("variant check lost an error".into()))?;
        let mut p = old.clone();
        p.variants.push(v);
        p.version += 1;
        p.updated_at_us = now;
        input::check_item_codes(&p)?;
        Ok(p)
    })
    .await
}

/// Changes one variant.
pub async fn update_variant(
    app: &App,
    who: &Principal,
    variant_id: Uuid,
    patch: &VariantPatch,
) -> Result<ProductView, AppError> {
    let product_id = {
        let mut tx = app.db.begin().await?;
        let pid = db_catalog::variant_product(&mut tx, who.store_id, variant_id).await?;
        tx.commit().await?;
        pid.ok_or(AppError::NotFound("variant"))?
    };
    modify_product(app, who, product_id, |old, store, now| {
        let mut p = old.clone();
        let slot = p
            .variants
            .iter_mut()
            .find(|v| v.id == variant_id)
            .ok_or(AppError::NotFound("variant"))?;
        *slot = input::apply_variant_patch(slot, patch, &store.currency)?;
        p.version += 1;
        p.updated_at_us = now;
        input::check_item_codes(&p)?;
        Ok(p)
    })
    .await
}

/// One product.
pub async fn get_product(app: &App, who: &Principal, id: Uuid) -> Result<ProductView, AppError> {
    who.require(Permission::CatalogRead)?;
    let store = store_of(app, who.store_id)?;
    let p = db_catalog::get_product(&app.db, store.id, id)
        .await?
        .ok_or(AppError::NotFound("product"))?;
    let cat = category_name(app, store.id, p.category_id).await?;
    Ok(product_view(&p, &store.currency, cat))
}

/// Which page of the product list to show.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Words to look for in name, brand, category, SKU, barcodes (accent-insensitive). Among
    /// active products with no category filter, this is the till's search: a typo forgiven in
    /// a word of 5+ letters, best first, at most 1,000 sellable items looked at; otherwise
    /// every product with the words anywhere, by name.
    pub q: Option<String>,
    /// Only this category.
    pub category_id: Option<Uuid>,
    /// `true` (default), `false` or `all`.
    pub active: Option<String>,
    /// Page number from 1.
    pub page: Option<i64>,
    /// Rows per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
    /// `name`, `sku`, `price` or `updated` (the last change); a `-` before it reverses the
    /// order. Without it, a search among active products is ranked best first and any other
    /// list is by name.
    #[param(pattern = "^-?(name|sku|price|updated)$")]
    pub sort: Option<String>,
}

/// The columns `GET /products` sorts by.
const PRODUCT_SORTS: &[&str] = &["name", "sku", "price", "updated"];

/// A page of products.
#[derive(Debug, Clone, serde::Serialize, ToSchema)]
pub struct ProductPage {
    /// The products on this page.
    pub items: Vec<ProductView>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Products matching in all.
    pub total: i64,
}

/// Lists products with filters and paging, by name.
pub async fn list_products(
    app: &App,
    who: &Principal,
    q: &ListQuery,
) -> Result<ProductPage, AppError> {
    who.require(Permission::CatalogRead)?;
    let store = store_of(app, who.store_id)?;
    let mut c = input::Checker::default();
    let paging = Paging::read(
        q.sort.as_deref(),
        q.page,
        q.per_page,
        PRODUCT_SORTS,
        "name",
        &mut c.errors,
    );
    let active = match q.active.as_deref() {
        None | Some("true") => Some(true),
        Some("false") => Some(false),
        Some("all") => None,
        Some(_) => {
            c.fail("active", "must be true, false or all");
            None
        }
    };
    c.finish()?;
    let (page, per_page) = (paging.page, paging.per_page);
    let text = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if let (Some(text), Some(true), None, None) = (text, active, q.category_id, &q.sort) {
        return ranked::ranked_page(app, &store, text, page, per_page).await;
    }
    let by = match paging.key {
        "sku" => ProductSort::Sku,
        "price" => ProductSort::Price,
        "updated" => ProductSort::Updated,
        _ => ProductSort::Name,
    };
    let filter = ProductFilter {
        query: q.q.clone(),
        category_id: q.category_id,
        active,
        order: ProductOrder {
            by,
            descending: paging.descending,
        },
        offset: paging.offset(),
        limit: per_page,
    };
    let (products, total) = db_catalog::list_products(&app.db, store.id, &filter).await?;
    let cats = db_catalog::list_categories(&app.db, store.id).await?;
    let name_of = |id: Option<Uuid>| {
        id.and_then(|id| cats.iter().find(|c| c.id == id))
            .map(|c| c.name.clone())
    };
    Ok(ProductPage {
        items: products
            .iter()
            .map(|p| product_view(p, &store.currency, name_of(p.category_id)))
            .collect(),
        page,
        per_page,
        total,
    })
}

/// A new category.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryDraft {
    /// Name.
    pub name: String,
    /// Parent category.
    pub parent_id: Option<Uuid>,
}

/// Every category of the store with its path.
pub async fn list_categories(app: &App, who: &Principal) -> Result<Vec<CategoryView>, AppError> {
    who.require(Permission::CatalogRead)?;
    Ok(category_views(
        &db_catalog::list_categories(&app.db, who.store_id).await?,
    ))
}

/// Creates a category.
pub async fn create_category(
    app: &App,
    who: &Principal,
    d: &CategoryDraft,
) -> Result<CategoryView, AppError> {
    who.require(Permission::CatalogWrite)?;
    let name = parse_name(&d.name).map_err(|e| AppError::field("name", e.to_string()))?;
    let cat = Category {
        id: Uuid::now_v7(),
        parent_id: d.parent_id,
        name,
    };
    let mut tx = app.db.begin().await?;
    if let Some(pid) = d.parent_id
        && !db_catalog::category_exists(&mut tx, who.store_id, pid).await?
    {
        return Err(AppError::field(
            "parent_id",
            "no such category in this store",
        ));
    }
    db_catalog::insert_category(&mut tx, who.store_id, &cat, now_us()).await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    let all = db_catalog::list_categories(&app.db, who.store_id).await?;
    category_views(&all)
        .into_iter()
        .find(|c| c.id == cat.id)
        .ok_or(AppError::NotFound("category"))
}

/// Creates a store (first start, demo) and its empty in-memory catalog.
pub async fn create_store(app: &App, store: Store) -> Result<Store, AppError> {
    let mut tx = app.db.begin().await?;
    stores::insert(&mut tx, &store, now_us()).await?;
    tx.commit().await?;
    app.catalog.add_store(store.clone());
    Ok(store)
}
