//! The plan: the rows, checked on their own, walked in file order against the catalog and
//! against each other (duplicate SKUs and barcodes, variants and their products), giving what
//! to create and what to change. Every error is reported, in file order.
//!
//! A row looks its SKU and barcodes up in two maps only: one for SKUs (stored product, stored
//! variant, line in the file) and one for barcodes (stored owner, line in the file).

use std::collections::HashMap;

use caisse_core::catalog::{Category, Product, Sku, Supplier, TaxCategory, Unit, Variant};
use uuid::Uuid;

use super::parse::{Kind, Parsed, ProductFields};
use super::read::Col;
use super::{ImportSummary, Progress};
use crate::RowError;

/// Which optional columns the file has: a column the file lacks leaves stored values alone.
pub(super) struct Present {
    pub(super) barcodes: bool,
    pub(super) category: bool,
    pub(super) supplier: bool,
}

/// What the plan starts from.
pub(super) struct Catalog {
    pub(super) products: Vec<Product>,
    pub(super) categories: Vec<Category>,
    pub(super) suppliers: Vec<Supplier>,
}

/// Everything the file asks for, checked, before anything is written.
pub(super) struct Plan {
    /// The whole catalog after the import: the products the file leaves alone, then those it
    /// changes, then the new ones (in file order). The in-memory index is built from it
    /// without reading anything back.
    pub(super) products: Vec<Product>,
    untouched: usize,
    changed: usize,
    /// Every category after the import.
    pub(super) categories: Vec<Category>,
    pub(super) new_categories: usize,
    pub(super) new_suppliers: Vec<Supplier>,
    pub(super) summary: ImportSummary,
}

impl Plan {
    /// Stored products the file changes, each with its next version.
    pub(super) fn changed(&self) -> &[Product] {
        &self.products[self.untouched..self.untouched + self.changed]
    }

    /// Products to create.
    pub(super) fn created(&self) -> &[Product] {
        &self.products[self.untouched + self.changed..]
    }

    /// Categories to create.
    pub(super) fn created_categories(&self) -> &[Category] {
        &self.categories[self.categories.len() - self.new_categories..]
    }
}

/// A product of the plan.
struct Slot {
    product: Product,
    /// Stored before the import.
    stored: bool,
    /// Changed (or created) by the file.
    touched: bool,
}

/// What a SKU names.
#[derive(Default)]
struct SkuUse {
    /// The product with this SKU (stored, or created earlier in the file).
    product: Option<usize>,
    /// The stored product this SKU is a variant of.
    variant_of: Option<usize>,
    /// The last line of the file with this SKU so far.
    line: Option<u64>,
}

/// What a barcode (GTIN-14) is used by.
#[derive(Default)]
struct CodeUse {
    /// SKU of the stored item it finds.
    owner: Option<String>,
    /// The last line of the file with this barcode so far.
    line: Option<u64>,
}

struct Planner {
    slots: Vec<Slot>,
    /// Slots the file touches, in the order it first touches them: new rows are then written
    /// in file order (ids are UUIDv7 made in that order, SKUs usually ascend), so their B-tree
    /// inserts append instead of landing on random pages.
    order: Vec<usize>,
    skus: HashMap<String, SkuUse>,
    codes: HashMap<String, CodeUse>,
    refs: Refs,
    errors: Vec<RowError>,
    summary: ImportSummary,
}

impl Planner {
    fn add(&mut self, line: u64, column: &str, reason: impl Into<String>) {
        self.add_coded(line, column, "invalid", serde_json::Value::Null, reason);
    }

    /// An error with its code and the values its message needs (see [`RowError::code`]).
    fn add_coded(
        &mut self,
        line: u64,
        column: &str,
        code: &'static str,
        params: serde_json::Value,
        reason: impl Into<String>,
    ) {
        self.errors.push(RowError {
            line,
            column: column.to_owned(),
            code,
            params,
            reason: reason.into(),
        });
    }

    /// The value, or `None` with the error noted.
    fn keep<T>(&mut self, line: u64, col: Col, r: Result<T, String>) -> Option<T> {
        r.map_err(|e| self.add(line, col.name(), e)).ok()
    }

    fn touch(&mut self, slot: usize) {
        if let Some(s) = self.slots.get_mut(slot)
            && !s.touched
        {
            s.touched = true;
            self.order.push(slot);
        }
    }
}

/// Walks the rows in file order; `Err` lists every bad cell.
pub(super) fn plan(
    rows: Vec<Parsed<'_>>,
    present: &Present,
    stored: Catalog,
    now: i64,
    progress: Progress<'_>,
) -> Result<Plan, Vec<RowError>> {
    let mut skus: HashMap<String, SkuUse> =
        HashMap::with_capacity(stored.products.len() + rows.len());
    let mut codes: HashMap<String, CodeUse> =
        HashMap::with_capacity(stored.products.len() + rows.len());
    let mut slots = Vec::with_capacity(stored.products.len() + rows.len());
    for (i, p) in stored.products.into_iter().enumerate() {
        for b in &p.barcodes {
            codes.entry(b.clone()).or_default().owner = Some(p.sku.to_string());
        }
        for v in &p.variants {
            skus.entry(v.sku.to_string()).or_default().variant_of = Some(i);
            for b in &v.barcodes {
                codes.entry(b.clone()).or_default().owner = Some(v.sku.to_string());
            }
        }
        skus.entry(p.sku.to_string()).or_default().product = Some(i);
        slots.push(Slot {
            product: p,
            stored: true,
            touched: false,
        });
    }
    let mut pl = Planner {
        slots,
        order: Vec::new(),
        skus,
        codes,
        refs: Refs::new(stored.categories, stored.suppliers),
        errors: Vec::new(),
        summary: ImportSummary::default(),
    };
    let total = rows.len() as u64;
    for (i, row) in rows.into_iter().enumerate() {
        if i % 10_000 == 0 {
            progress(i as u64, total);
        }
        pl.row(row, present, now);
    }
    if !pl.errors.is_empty() {
        return Err(pl.errors);
    }
    Ok(pl.finish(now))
}

impl Planner {
    /// Checks one row against the catalog and the rows before it, and plans it.
    fn row(&mut self, row: Parsed<'_>, present: &Present, now: i64) {
        let line = row.line;
        let Some(sku) = self.keep(line, Col::Sku, row.sku) else {
            return;
        };
        let used = self.skus.entry(sku.to_string()).or_default();
        let (product_slot, variant_of) = (used.product, used.variant_of);
        if let Some(first) = used.line.replace(line) {
            let reason = format!("duplicate SKU {sku} (also on line {first})");
            let params = serde_json::json!({ "sku": sku.as_str(), "first": first });
            self.add_coded(line, Col::Sku.name(), "duplicate_sku", params, reason);
            return;
        }
        let name = self.keep(line, Col::Name, row.name);
        let price = row.price.and_then(|r| self.keep(line, Col::Price, r));
        let mut codes = Vec::with_capacity(row.codes.len());
        for (code, parsed) in row.codes {
            let Some(g) = self.keep(line, Col::Barcodes, parsed) else {
                continue;
            };
            let used = self.codes.entry(g.clone()).or_default();
            if let Some(first) = used.line.replace(line) {
                let reason = format!("barcode {code} is also on line {first}");
                let params = serde_json::json!({ "code": code, "first": first });
                self.add_coded(
                    line,
                    Col::Barcodes.name(),
                    "duplicate_barcode",
                    params,
                    reason,
                );
            } else if let Some(owner) = &used.owner
                // A stored owner whose row came earlier in the file has given its codes up.
                && owner != sku.as_str()
                && self.skus.get(owner).is_none_or(|u| u.line.is_none())
            {
                let reason = format!("barcode {code} already belongs to {owner}");
                let params = serde_json::json!({ "code": code, "owner": owner });
                self.add_coded(line, Col::Barcodes.name(), "barcode_taken", params, reason);
            }
            codes.push(g);
        }
        // Stored barcodes come back sorted: compare like with like.
        codes.sort();
        let (Some(name), Some(price)) = (name, price) else {
            return;
        };
        match row.kind {
            Kind::Variant { attributes, active } => {
                let attributes = self.keep(line, Col::Attributes, attributes);
                let active = self.keep(line, Col::Active, active);
                let (Some(attributes), Some(active)) = (attributes, active) else {
                    return;
                };
                if product_slot.is_some() {
                    let reason = format!("{sku} is a product, not a variant");
                    let params = serde_json::json!({ "sku": sku.as_str() });
                    self.add_coded(line, Col::Sku.name(), "not_a_variant", params, reason);
                    return;
                }
                let parent = row.parent.unwrap_or("");
                let Some(slot) = self.skus.get(parent).and_then(|u| u.product) else {
                    let reason =
                        format!("no product {parent} (earlier in the file or in the catalog)");
                    let params = serde_json::json!({ "parent": parent });
                    self.add_coded(
                        line,
                        Col::ParentSku.name(),
                        "unknown_parent",
                        params,
                        reason,
                    );
                    return;
                };
                let variant = Variant {
                    id: Uuid::nil(),
                    sku,
                    name,
                    attributes: attributes.unwrap_or_default(),
                    price,
                    barcodes: if present.barcodes { codes } else { Vec::new() },
                    active: active.unwrap_or(true),
                };
                self.variant(slot, variant, present);
            }
            Kind::Product {
                fields,
                category,
                supplier,
            } => {
                if let Some(owner) = variant_of.and_then(|i| self.slots.get(i)) {
                    let reason = format!(
                        "{sku} is a variant of {}; give parent_sku",
                        owner.product.sku
                    );
                    let params = serde_json::json!({ "sku": sku.as_str(), "parent": owner.product.sku.as_str() });
                    self.add_coded(
                        line,
                        Col::Sku.name(),
                        "variant_needs_parent",
                        params,
                        reason,
                    );
                    return;
                }
                let Some(price) = price else {
                    let null = serde_json::Value::Null;
                    self.add_coded(line, Col::Price.name(), "required", null, "required");
                    return;
                };
                let fields = match fields {
                    Ok(f) => Some(f),
                    Err(bad) => {
                        for (col, reason) in bad {
                            self.add(line, col.name(), reason);
                        }
                        None
                    }
                };
                let category_id = category.map(|path| self.refs.category(path));
                let supplier_id = supplier.map(|name| self.refs.supplier(name));
                let Some(fields) = fields else {
                    return;
                };
                let change = Change {
                    name,
                    price,
                    fields,
                    category_id: present.category.then_some(category_id),
                    supplier_id: present.supplier.then_some(supplier_id),
                    barcodes: present.barcodes.then_some(codes),
                };
                self.product(sku, product_slot, change, now);
            }
        }
    }

    /// Adds a variant to its product, or updates the variant with the same SKU.
    fn variant(&mut self, slot: usize, mut variant: Variant, present: &Present) {
        let Some(s) = self.slots.get_mut(slot) else {
            return;
        };
        let stored = s.stored;
        match s.product.variants.iter_mut().find(|v| v.sku == variant.sku) {
            Some(v) => {
                variant.id = v.id;
                if !present.barcodes {
                    variant.barcodes = v.barcodes.clone();
                }
                if *v == variant {
                    self.summary.unchanged += 1;
                    return;
                }
                *v = variant;
            }
            None => {
                variant.id = Uuid::now_v7();
                s.product.variants.push(variant);
                self.summary.created += u64::from(stored);
            }
        }
        self.touch(slot);
    }

    /// Creates a product, or applies the row to the stored product with its SKU.
    fn product(&mut self, sku: Sku, slot: Option<usize>, change: Change, now: i64) {
        let Some(slot) = slot else {
            let mut p = Product {
                id: Uuid::now_v7(),
                sku,
                name: String::new(),
                brand: None,
                description: None,
                category_id: None,
                unit: Unit::Each,
                sold_by_weight: false,
                price: 0,
                cost: None,
                tax_category: TaxCategory::standard(),
                supplier_id: None,
                supplier_ref: None,
                active: true,
                barcodes: Vec::new(),
                variants: Vec::new(),
                version: 0,
                updated_at_us: now,
            };
            change.apply(&mut p);
            let slot = self.slots.len();
            let sku = p.sku.to_string();
            self.slots.push(Slot {
                product: p,
                stored: false,
                touched: false,
            });
            self.skus.entry(sku).or_default().product = Some(slot);
            self.summary.created += 1;
            self.touch(slot);
            return;
        };
        let Some(s) = self.slots.get_mut(slot) else {
            return;
        };
        // Only a stored product needs its old state, to tell a change from a no-op.
        let before = s.product.clone();
        change.apply(&mut s.product);
        if s.product == before {
            self.summary.unchanged += 1;
        } else {
            self.touch(slot);
        }
    }

    /// Versions the touched products and lays the catalog out as [`Plan::products`] wants.
    fn finish(self, now: i64) -> Plan {
        let Planner {
            slots,
            order,
            refs,
            mut summary,
            ..
        } = self;
        let mut slots: Vec<Option<Slot>> = slots.into_iter().map(Some).collect();
        let mut changed = Vec::new();
        let mut created = Vec::new();
        for i in order {
            let Some(Slot {
                product: mut p,
                stored,
                ..
            }) = slots.get_mut(i).and_then(Option::take)
            else {
                continue;
            };
            p.version += 1;
            p.updated_at_us = now;
            if stored {
                summary.updated += 1;
                changed.push(p);
            } else {
                summary.created += p.variants.len() as u64;
                created.push(p);
            }
        }
        let mut products: Vec<Product> = slots.into_iter().flatten().map(|s| s.product).collect();
        let (untouched, changed_len) = (products.len(), changed.len());
        products.reserve(changed.len() + created.len());
        products.append(&mut changed);
        products.append(&mut created);
        let new_categories = refs.new_cats;
        let mut categories = refs.cats;
        categories.extend_from_slice(&new_categories);
        Plan {
            products,
            untouched,
            changed: changed_len,
            categories,
            new_categories: new_categories.len(),
            new_suppliers: refs.new_sups,
            summary,
        }
    }
}

/// What a product row sets (`None`: the file lacks the column).
struct Change {
    name: String,
    price: i64,
    fields: ProductFields,
    category_id: Option<Option<Uuid>>,
    supplier_id: Option<Option<Uuid>>,
    barcodes: Option<Vec<String>>,
}

impl Change {
    fn apply(self, p: &mut Product) {
        p.name = self.name;
        p.price = self.price;
        let f = self.fields;
        if let Some(v) = f.brand {
            p.brand = v;
        }
        if let Some(v) = f.description {
            p.description = v;
        }
        if let Some(v) = f.unit {
            p.unit = v;
        }
        if let Some(v) = f.sold_by_weight {
            p.sold_by_weight = v;
        }
        if let Some(v) = f.cost {
            p.cost = v;
        }
        if let Some(v) = f.tax_category {
            p.tax_category = v;
        }
        if let Some(v) = f.supplier_ref {
            p.supplier_ref = v;
        }
        if let Some(v) = f.active {
            p.active = v;
        }
        if let Some(v) = self.category_id {
            p.category_id = v;
        }
        if let Some(v) = self.supplier_id {
            p.supplier_id = v;
        }
        if let Some(v) = self.barcodes {
            p.barcodes = v;
        }
    }
}

/// Categories and suppliers known so far, and those the import will create.
struct Refs {
    cats: Vec<Category>,
    sups: Vec<Supplier>,
    new_cats: Vec<Category>,
    new_sups: Vec<Supplier>,
    /// Paths and names already resolved: most rows repeat a few of them.
    cat_paths: HashMap<String, Uuid>,
    sup_names: HashMap<String, Uuid>,
}

impl Refs {
    fn new(cats: Vec<Category>, sups: Vec<Supplier>) -> Refs {
        Refs {
            cats,
            sups,
            new_cats: Vec::new(),
            new_sups: Vec::new(),
            cat_paths: HashMap::new(),
            sup_names: HashMap::new(),
        }
    }

    /// Finds or plans the category at a path "A / B / C" (a path resolves to the same
    /// category every time: categories are only added).
    fn category(&mut self, path: &str) -> Uuid {
        if let Some(id) = self.cat_paths.get(path) {
            return *id;
        }
        let mut parent: Option<Uuid> = None;
        for name in path.split('/').map(str::trim).filter(|s| !s.is_empty()) {
            let found = self
                .cats
                .iter()
                .chain(&self.new_cats)
                .find(|c| c.parent_id == parent && c.name == name)
                .map(|c| c.id);
            let id = found.unwrap_or_else(|| {
                let id = Uuid::now_v7();
                self.new_cats.push(Category {
                    id,
                    parent_id: parent,
                    name: name.to_owned(),
                });
                id
            });
            parent = Some(id);
        }
        let id = parent.unwrap_or_else(Uuid::nil);
        self.cat_paths.insert(path.to_owned(), id);
        id
    }

    /// Finds or plans a supplier by name.
    fn supplier(&mut self, name: &str) -> Uuid {
        if let Some(id) = self.sup_names.get(name) {
            return *id;
        }
        let found = self
            .sups
            .iter()
            .chain(&self.new_sups)
            .find(|s| s.name == name)
            .map(|s| s.id);
        let id = found.unwrap_or_else(|| {
            let id = Uuid::now_v7();
            self.new_sups.push(Supplier {
                id,
                name: name.to_owned(),
                email: None,
                phone: None,
            });
            id
        });
        self.sup_names.insert(name.to_owned(), id);
        id
    }
}
