//! The in-memory catalog: one search index and one table of sellable items per store, built
//! at start and patched after every committed change, so scans and typeahead never touch the
//! database and never show a stale price or name.

use std::collections::HashMap;
use std::sync::RwLock;

use caisse_core::catalog::{Product, Store};
use caisse_core::search::{CatalogIndex, IndexEntry};
use caisse_store::{Db, catalog, stores};
use uuid::Uuid;

use crate::AppError;

/// What the till needs to sell one item, kept in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SellableItem {
    /// Product id, or variant id for a variant.
    pub item_id: Uuid,
    /// The product.
    pub product_id: Uuid,
    /// The variant, if the item is one.
    pub variant_id: Option<Uuid>,
    /// SKU of the item.
    pub sku: String,
    /// Full name (product — variant).
    pub name: String,
    /// Price per unit in minor units.
    pub price: i64,
    /// `each`, `kg`, `l`, `m`.
    pub unit: &'static str,
    /// Weighed at the till.
    pub sold_by_weight: bool,
    /// Tax category.
    pub tax_category: String,
}

/// One store's catalog in memory.
pub struct StoreCatalog {
    /// Store settings (currency, scale layout...).
    pub store: Store,
    /// Search and lookup index.
    pub index: CatalogIndex,
    items: HashMap<Uuid, SellableItem>,
    /// Per product: the version applied and the item ids it produced.
    products: HashMap<Uuid, (i64, Vec<Uuid>)>,
    /// When the units sold were last counted from the database (UTC µs; 0: never).
    popularity_at_us: i64,
}

impl StoreCatalog {
    /// The sellable item with this id.
    pub fn item(&self, item_id: Uuid) -> Option<&SellableItem> {
        self.items.get(&item_id)
    }

    /// The sellable item with this id if it can be sold now (it and its product are active).
    pub fn active_item(&self, item_id: Uuid) -> Option<&SellableItem> {
        let active = self.index.is_active(item_id);
        self.items.get(&item_id).filter(|_| active)
    }
}

/// Every store's in-memory catalog.
pub struct CatalogCache {
    stores: RwLock<HashMap<Uuid, StoreCatalog>>,
}

/// The sellable items of a product: itself when it has no variants, else each variant.
/// `category` is the path of the product's category ("Épicerie / Biscuits"), searched as well.
pub fn items_of(p: &Product, category: Option<&str>) -> Vec<(IndexEntry, SellableItem)> {
    let barcodes = |codes: &[String]| {
        codes
            .iter()
            .filter_map(|c| c.parse::<u64>().ok())
            .collect::<Vec<_>>()
    };
    let entry = |item_id, variant_id, sku: &str, name: String, codes: Vec<u64>, active, price| {
        (
            IndexEntry {
                item_id,
                product_id: p.id,
                variant_id,
                sku: sku.to_owned(),
                name: name.clone(),
                brand: p.brand.clone(),
                category: category.map(str::to_owned),
                barcodes: codes,
                active,
            },
            SellableItem {
                item_id,
                product_id: p.id,
                variant_id,
                sku: sku.to_owned(),
                name,
                price,
                unit: p.unit.as_str(),
                sold_by_weight: p.sold_by_weight,
                tax_category: p.tax_category.as_str().to_owned(),
            },
        )
    };
    // The product itself as a sellable item.
    let own = || {
        entry(
            p.id,
            None,
            p.sku.as_str(),
            p.name.clone(),
            barcodes(&p.barcodes),
            p.active,
            p.price,
        )
    };
    if p.variants.is_empty() {
        return vec![own()];
    }
    let mut out: Vec<_> = p
        .variants
        .iter()
        .map(|v| {
            entry(
                v.id,
                Some(v.id),
                v.sku.as_str(),
                p.variant_display_name(v),
                barcodes(&v.barcodes),
                p.active && v.active,
                p.price_of(Some(v)),
            )
        })
        .collect();
    if !p.barcodes.is_empty() {
        // Barcodes on a product that has variants still find the product itself.
        out.push(own());
    }
    out
}

impl CatalogCache {
    /// Loads every store's catalog from the database.
    pub async fn load(db: &Db) -> Result<CatalogCache, AppError> {
        let cache = CatalogCache {
            stores: RwLock::new(HashMap::new()),
        };
        for store in stores::list(db).await? {
            cache.reload_store(db, store.id).await?;
        }
        Ok(cache)
    }

    /// Rebuilds one store's catalog from the database (after a bulk import, or a new store).
    pub async fn reload_store(&self, db: &Db, store_id: Uuid) -> Result<(), AppError> {
        let store = stores::get(db, store_id).await?;
        let products = catalog::all_products(db, store_id).await?;
        let categories = catalog::list_categories(db, store_id).await?;
        self.replace_store(store, products, categories).await?;
        self.recount_popularity(db, store_id).await
    }

    /// Rebuilds one store's catalog from products already in memory.
    pub async fn replace_store(
        &self,
        store: Store,
        products: Vec<Product>,
        categories: Vec<caisse_core::catalog::Category>,
    ) -> Result<(), AppError> {
        let built =
            tokio::task::spawn_blocking(move || prepare_store(store, &products, &categories))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
        self.install(built);
        Ok(())
    }

    /// Puts a prepared catalog in place of the store's current one. A product the current one
    /// has at a newer version than the prepared one (committed by another writer after the
    /// data the prepared one was built from, and applied meanwhile) is carried over as it is.
    pub fn install(&self, prepared: PreparedStore) {
        let mut built = prepared.0;
        let mut guard = self.write();
        if let Some(current) = guard.get(&built.store.id) {
            built.index.set_units_sold(current.index.all_units_sold());
            built.popularity_at_us = current.popularity_at_us;
            for (product_id, (version, ids)) in &current.products {
                if built
                    .products
                    .get(product_id)
                    .is_some_and(|(v, _)| v >= version)
                {
                    continue;
                }
                if let Some((_, stale)) = built.products.remove(product_id) {
                    for id in stale {
                        built.index.remove(id);
                        built.items.remove(&id);
                    }
                }
                for id in ids {
                    if let (Some(entry), Some(item)) =
                        (current.index.get(*id), current.items.get(id))
                    {
                        built.index.upsert(entry);
                        built.items.insert(*id, item.clone());
                    }
                }
                built.products.insert(*product_id, (*version, ids.clone()));
            }
        }
        let replaced = guard.insert(built.store.id, built);
        drop(guard);
        // Freeing a million entries takes a while: not while readers wait.
        drop(replaced);
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Uuid, StoreCatalog>> {
        self.stores.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on a store's catalog under the read lock.
    pub fn read<T>(&self, store_id: Uuid, f: impl FnOnce(&StoreCatalog) -> T) -> Option<T> {
        let guard = self.stores.read().unwrap_or_else(|e| e.into_inner());
        guard.get(&store_id).map(f)
    }

    /// Applies a committed product (new or changed), with the path of its category. Older
    /// versions than the one already applied are ignored, so concurrent writers cannot leave a
    /// stale entry behind.
    pub fn apply(&self, store_id: Uuid, p: &Product, category: Option<&str>) {
        let mut guard = self.write();
        let Some(sc) = guard.get_mut(&store_id) else {
            return;
        };
        if let Some((v, _)) = sc.products.get(&p.id)
            && *v >= p.version
        {
            return;
        }
        if let Some((_, old)) = sc.products.remove(&p.id) {
            for id in old {
                sc.index.remove(id);
                sc.items.remove(&id);
            }
        }
        let mut ids = Vec::new();
        for (entry, item) in items_of(p, category) {
            ids.push(item.item_id);
            sc.index.upsert(entry);
            sc.items.insert(item.item_id, item);
        }
        sc.products.insert(p.id, (p.version, ids));
    }

    /// Replaces a store's settings (currency, scale layout) in memory.
    pub fn set_store(&self, store: Store) {
        if let Some(sc) = self.write().get_mut(&store.id) {
            sc.store = store;
        }
    }

    /// Adds units sold `(item, units)` to the store's items, and says whether the counts are
    /// old enough (as of `now_us`) to be recounted from the database.
    pub fn add_units_sold(
        &self,
        store_id: Uuid,
        sold: impl IntoIterator<Item = (Uuid, u32)>,
        now_us: i64,
    ) -> bool {
        let mut guard = self.write();
        let Some(sc) = guard.get_mut(&store_id) else {
            return false;
        };
        for (item_id, units) in sold {
            sc.index.add_units_sold(item_id, units);
        }
        now_us - sc.popularity_at_us > super::popularity::RECOUNT_AFTER_US
    }

    /// Replaces the units sold of every item of the store, as counted at `counted_at_us`.
    pub fn set_units_sold(&self, store_id: Uuid, counts: Vec<(Uuid, u32)>, counted_at_us: i64) {
        if let Some(sc) = self.write().get_mut(&store_id) {
            sc.index.set_units_sold(counts);
            sc.popularity_at_us = counted_at_us;
        }
    }

    /// Adds an empty catalog for a store created after start.
    pub fn add_store(&self, store: Store) {
        self.write()
            .entry(store.id)
            .or_insert_with(|| build(store, &[], &HashMap::new()));
    }
}

/// A store's catalog built aside, not yet serving anything (see [`CatalogCache::install`]).
pub struct PreparedStore(StoreCatalog);

/// Builds a store's catalog from products in memory without touching the one in service, so a
/// bulk import can build it while its transaction is still being written, and install it
/// once committed. CPU-bound (seconds for a million products): run it on a blocking thread.
pub fn prepare_store(
    store: Store,
    products: &[Product],
    categories: &[caisse_core::catalog::Category],
) -> PreparedStore {
    let paths = caisse_core::catalog::category_paths(categories);
    PreparedStore(build(store, products, &paths))
}

fn build(store: Store, products: &[Product], cats: &HashMap<Uuid, String>) -> StoreCatalog {
    let mut entries = Vec::with_capacity(products.len());
    let mut items = HashMap::with_capacity(products.len());
    let mut versions = HashMap::with_capacity(products.len());
    for p in products {
        let category = p.category_id.and_then(|c| cats.get(&c)).map(String::as_str);
        let mut ids = Vec::new();
        for (entry, item) in items_of(p, category) {
            ids.push(item.item_id);
            entries.push(entry);
            items.insert(item.item_id, item);
        }
        versions.insert(p.id, (p.version, ids));
    }
    StoreCatalog {
        store,
        index: CatalogIndex::build(entries),
        items,
        products: versions,
        popularity_at_us: 0,
    }
}
