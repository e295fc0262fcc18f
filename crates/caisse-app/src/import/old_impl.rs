//! TEMPORARY: the previous implementation, for a differential test. Not to be committed.
#![allow(dead_code, clippy::all)]
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use caisse_core::catalog::{
    Category, Product, Sku, Supplier, TaxCategory, Unit, Variant, parse_name,
};
use caisse_core::money::Currency;
use caisse_core::text::optional_text;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{COLUMNS, ImportSummary, Progress};
use crate::catalog::input::parse_barcode;
use crate::RowError;
const REQUIRED: &[&str] = &["sku", "name", "price"];

pub(super) struct OldOut {
    pub summary: ImportSummary,
    pub new_products: Vec<Product>,
    pub changed: Vec<Product>,
    pub untouched: Vec<Product>,
    pub new_categories: Vec<Category>,
    pub new_suppliers: Vec<Supplier>,
}

pub(super) fn old(data: &[u8], existing: Vec<Product>, cats: Vec<Category>, sups: Vec<Supplier>, currency: Currency, now: i64) -> Result<OldOut, Vec<RowError>> {
    let mut errors = Errors(Vec::new());
    let rows = read_rows(data, &mut errors);
    if !errors.0.is_empty() { return Err(errors.0); }
    let plan = plan(&rows, existing, cats, sups, currency, now, &mut errors, &|_, _| {});
    if !errors.0.is_empty() { errors.0.sort_by_key(|e| e.line); return Err(errors.0); }
    Ok(OldOut { summary: plan.summary, new_products: plan.new_products, changed: plan.changed, untouched: plan.untouched, new_categories: plan.new_categories, new_suppliers: plan.new_suppliers })
}

struct Row {
    line: u64,
    /// (column, cell) in file order: a handful of columns, found faster by a scan than hashed.
    cells: Vec<(&'static str, String)>,
}

impl Row {
    fn get(&self, col: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, v)| v.as_str())
    }
    fn has(&self, col: &str) -> bool {
        self.cells.iter().any(|(c, _)| *c == col)
    }
}

struct Errors(Vec<RowError>);

impl Errors {
    fn add(&mut self, line: u64, column: &str, reason: impl Into<String>) {
        self.0.push(RowError {
            line,
            column: column.to_owned(),
            reason: reason.into(),
        });
    }
    fn check<T, E: std::fmt::Display>(
        &mut self,
        row: &Row,
        col: &str,
        r: Result<T, E>,
    ) -> Option<T> {
        r.map_err(|e| self.add(row.line, col, e.to_string())).ok()
    }
}

/// Reads the file into rows keyed by known column names.
fn read_rows(data: &[u8], errors: &mut Errors) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect(),
        Err(e) => {
            errors.add(1, "", format!("cannot read the header line: {e}"));
            return Vec::new();
        }
    };
    let mut cols: Vec<&'static str> = Vec::new();
    for h in &headers {
        match COLUMNS.iter().find(|c| **c == h.as_str()) {
            Some(c) if cols.contains(c) => errors.add(1, h, "column appears twice"),
            Some(c) => cols.push(c),
            None => errors.add(
                1,
                h,
                format!("unknown column (known: {})", COLUMNS.join(", ")),
            ),
        }
    }
    for req in REQUIRED {
        if !headers.iter().any(|h| h == req) {
            errors.add(1, req, "required column is missing");
        }
    }
    if !errors.0.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = rec
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line())
            .unwrap_or(i as u64 + 2);
        match rec {
            Ok(rec) => rows.push(Row {
                line,
                cells: cols
                    .iter()
                    .copied()
                    .zip(rec.iter().map(|s| s.trim().to_owned()))
                    .collect(),
            }),
            Err(e) => errors.add(line, "", format!("malformed row: {e}")),
        }
    }
    rows
}

/// A price in the file: a plain decimal in major units ("1.99" or "1,99"), no grouping.
fn parse_amount(text: &str, digits: u32) -> Result<i64, String> {
    let t = text.replace(',', ".");
    let d = Decimal::from_str(&t).map_err(|_| format!("{text:?} is not an amount like 1.99"))?;
    if d.is_sign_negative() {
        return Err("must not be negative".into());
    }
    if d.scale() > digits {
        return Err(format!("at most {digits} decimals"));
    }
    (d * Decimal::from(10i64.pow(digits)))
        .trunc()
        .to_string()
        .parse::<i64>()
        .map_err(|_| "amount too large".to_owned())
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "oui" => Ok(true),
        "0" | "false" | "no" | "n" | "non" => Ok(false),
        _ => Err(format!("{text:?} is not true/false")),
    }
}

fn parse_attributes(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(';')
        .filter(|s| !s.trim().is_empty())
        .map(|pair| {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("{pair:?} is not key=value"))?;
            Ok((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

/// Everything the file asks for, checked, before anything is written.
struct Plan {
    new_products: Vec<Product>,
    changed: Vec<Product>,
    /// Products the file did not change: with the two lists above, the whole catalog after
    /// the import, so the in-memory index is rebuilt without reading it all back.
    untouched: Vec<Product>,
    known_categories: Vec<Category>,
    new_categories: Vec<Category>,
    new_suppliers: Vec<Supplier>,
    summary: ImportSummary,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one planning pass over everything the import needs"
)]
fn plan(
    rows: &[Row],
    existing: Vec<Product>,
    cats: Vec<Category>,
    sups: Vec<Supplier>,
    currency: Currency,
    now: i64,
    errors: &mut Errors,
    progress: Progress<'_>,
) -> Plan {
    let digits = currency.minor_digits();
    let mut refs = Refs {
        cats,
        sups,
        new_cats: Vec::new(),
        new_sups: Vec::new(),
    };
    let mut by_sku: HashMap<String, Product> = HashMap::with_capacity(existing.len());
    let mut variant_owner: HashMap<String, String> = HashMap::new(); // variant SKU -> product SKU
    let mut barcode_owner: HashMap<String, String> = HashMap::new(); // GTIN-14 -> item SKU
    for p in existing {
        for b in &p.barcodes {
            barcode_owner.insert(b.clone(), p.sku.to_string());
        }
        for v in &p.variants {
            variant_owner.insert(v.sku.to_string(), p.sku.to_string());
            for b in &v.barcodes {
                barcode_owner.insert(b.clone(), v.sku.to_string());
            }
        }
        by_sku.insert(p.sku.to_string(), p);
    }
    let original: HashSet<String> = by_sku.keys().cloned().collect();
    // Touched SKUs in file order: new rows are then written in file order (ids are UUIDv7
    // made in that order, SKUs usually ascend), so their B-tree inserts append instead of
    // landing on random pages.
    let mut touched = Touched::default();
    let mut seen_skus: HashMap<String, u64> = HashMap::new();
    let mut seen_codes: HashMap<String, u64> = HashMap::new();
    let mut summary = ImportSummary::default();
    let total = rows.len() as u64;
    for (i, row) in rows.iter().enumerate() {
        if i % 10_000 == 0 {
            progress(i as u64, total);
        }
        let line = row.line;
        let Some(sku) = errors.check(row, "sku", Sku::parse(row.get("sku").unwrap_or(""))) else {
            continue;
        };
        if let Some(first) = seen_skus.insert(sku.to_string(), line) {
            errors.add(
                line,
                "sku",
                format!("duplicate SKU {sku} (also on line {first})"),
            );
            continue;
        }
        let name = errors.check(row, "name", parse_name(row.get("name").unwrap_or("")));
        let is_variant = row.get("parent_sku").is_some_and(|s| !s.is_empty());
        let price = match row.get("price") {
            Some("") | None if is_variant => Some(None),
            Some(t) => errors
                .check(row, "price", parse_amount(t, digits))
                .map(Some),
            None => None,
        };
        let mut codes = Vec::new();
        if let Some(text) = row.get("barcodes") {
            for code in text.split([' ', ';', '|']).filter(|s| !s.is_empty()) {
                match parse_barcode(code) {
                    Err(e) => errors.add(line, "barcodes", e),
                    Ok(g) => {
                        if let Some(first) = seen_codes.insert(g.clone(), line) {
                            errors.add(
                                line,
                                "barcodes",
                                format!("barcode {code} is also on line {first}"),
                            );
                        } else if let Some(owner) = barcode_owner.get(&g)
                            && owner != sku.as_str()
                            && !seen_skus.contains_key(owner)
                        {
                            errors.add(
                                line,
                                "barcodes",
                                format!("barcode {code} already belongs to {owner}"),
                            );
                        }
                        codes.push(g);
                    }
                }
            }
        }
        // Stored barcodes come back sorted: compare like with like.
        codes.sort();
        let (Some(name), Some(price)) = (name, price) else {
            continue;
        };
        if is_variant {
            let parent = row.get("parent_sku").unwrap_or("").to_owned();
            let attrs = row.get("attributes").map(parse_attributes).transpose();
            let active = row
                .get("active")
                .filter(|s| !s.is_empty())
                .map(parse_bool)
                .transpose();
            let (Some(attrs), Some(active)) = (
                errors.check(row, "attributes", attrs),
                errors.check(row, "active", active),
            ) else {
                continue;
            };
            if by_sku.contains_key(sku.as_str()) {
                errors.add(line, "sku", format!("{sku} is a product, not a variant"));
                continue;
            }
            let Some(p) = by_sku.get_mut(&parent) else {
                errors.add(
                    line,
                    "parent_sku",
                    format!("no product {parent} (earlier in the file or in the catalog)"),
                );
                continue;
            };
            let new_variant = Variant {
                id: Uuid::now_v7(),
                sku: sku.clone(),
                name,
                attributes: attrs.unwrap_or_default(),
                price,
                barcodes: if row.has("barcodes") {
                    codes
                } else {
                    Vec::new()
                },
                active: active.unwrap_or(true),
            };
            match p.variants.iter_mut().find(|v| v.sku == sku) {
                Some(v) => {
                    let mut merged = new_variant;
                    merged.id = v.id;
                    if !row.has("barcodes") {
                        merged.barcodes = v.barcodes.clone();
                    }
                    if *v != merged {
                        *v = merged;
                        touched.mark(parent);
                    } else {
                        summary.unchanged += 1;
                    }
                }
                None => {
                    p.variants.push(new_variant);
                    summary.created += u64::from(original.contains(&parent));
                    touched.mark(parent);
                }
            }
            continue;
        }
        if let Some(owner) = variant_owner.get(sku.as_str()) {
            errors.add(
                line,
                "sku",
                format!("{sku} is a variant of {owner}; give parent_sku"),
            );
            continue;
        }
        let Some(price) = price else {
            errors.add(line, "price", "required");
            continue;
        };
        let mut fields = ProductFields::read(row, errors, digits);
        let category_id = row
            .get("category")
            .filter(|s| !s.is_empty())
            .map(|path| refs.category(path));
        let supplier_id = row
            .get("supplier")
            .filter(|s| !s.is_empty())
            .map(|name| refs.supplier(name));
        let Some(f) = fields.take() else { continue };
        // Taken out and put back below (no clone of the stored product).
        let base = by_sku.remove(sku.as_str());
        let is_new = base.is_none();
        let mut p = base.unwrap_or_else(|| Product {
            id: Uuid::now_v7(),
            sku: sku.clone(),
            name: name.clone(),
            brand: None,
            description: None,
            category_id: None,
            unit: Unit::Each,
            sold_by_weight: false,
            price,
            cost: None,
            tax_category: TaxCategory::standard(),
            supplier_id: None,
            supplier_ref: None,
            active: true,
            barcodes: Vec::new(),
            variants: Vec::new(),
            version: 0,
            updated_at_us: now,
        });
        // Only a stored product needs its old state, to tell a change from a no-op.
        let before = (!is_new).then(|| p.clone());
        p.name = name;
        p.price = price;
        f.apply(&mut p);
        if row.has("category") {
            p.category_id = category_id;
        }
        if row.has("supplier") {
            p.supplier_id = supplier_id;
        }
        if row.has("barcodes") {
            p.barcodes = codes;
        }
        if is_new {
            summary.created += 1;
            touched.mark(sku.to_string());
        } else if before.as_ref() != Some(&p) {
            touched.mark(sku.to_string());
        } else {
            summary.unchanged += 1;
        }
        by_sku.insert(sku.to_string(), p);
    }
    let mut new_products = Vec::new();
    let mut changed = Vec::new();
    for sku in touched.order {
        let Some(mut p) = by_sku.remove(&sku) else {
            continue;
        };
        p.version += 1;
        p.updated_at_us = now;
        if original.contains(&sku) {
            summary.updated += 1;
            changed.push(p);
        } else {
            new_products.push(p);
        }
    }
    summary.created += new_products
        .iter()
        .map(|p| p.variants.len() as u64)
        .sum::<u64>();
    Plan {
        new_products,
        changed,
        untouched: by_sku.into_values().collect(),
        known_categories: refs.cats,
        new_categories: refs.new_cats,
        new_suppliers: refs.new_sups,
        summary,
    }
}

/// SKUs the file changes, each once, in the order the file first touches them.
#[derive(Default)]
struct Touched {
    seen: HashSet<String>,
    order: Vec<String>,
}

impl Touched {
    fn mark(&mut self, sku: String) {
        if !self.seen.contains(&sku) {
            self.seen.insert(sku.clone());
            self.order.push(sku);
        }
    }
}

/// Optional product columns, parsed.
struct ProductFields {
    brand: Option<Option<String>>,
    description: Option<Option<String>>,
    unit: Option<Unit>,
    sold_by_weight: Option<bool>,
    cost: Option<Option<i64>>,
    tax_category: Option<TaxCategory>,
    supplier_ref: Option<Option<String>>,
    active: Option<bool>,
    ok: bool,
}

impl ProductFields {
    fn read(row: &Row, e: &mut Errors, digits: u32) -> ProductFields {
        let before = e.0.len();
        let text = |e: &mut Errors, col: &str, max| {
            row.get(col)
                .and_then(|t| e.check(row, col, optional_text(Some(t), max)))
        };
        let f = ProductFields {
            brand: text(e, "brand", 100),
            description: text(e, "description", 2000),
            unit: row
                .get("unit")
                .filter(|s| !s.is_empty())
                .and_then(|t| e.check(row, "unit", Unit::parse(t))),
            sold_by_weight: row
                .get("sold_by_weight")
                .filter(|s| !s.is_empty())
                .and_then(|t| e.check(row, "sold_by_weight", parse_bool(t))),
            cost: row.get("cost").and_then(|t| {
                if t.is_empty() {
                    Some(None)
                } else {
                    e.check(row, "cost", parse_amount(t, digits)).map(Some)
                }
            }),
            tax_category: row
                .get("tax_category")
                .filter(|s| !s.is_empty())
                .and_then(|t| e.check(row, "tax_category", TaxCategory::parse(t))),
            supplier_ref: text(e, "supplier_ref", 64),
            active: row
                .get("active")
                .filter(|s| !s.is_empty())
                .and_then(|t| e.check(row, "active", parse_bool(t))),
            ok: true,
        };
        ProductFields {
            ok: e.0.len() == before,
            ..f
        }
    }

    fn take(&mut self) -> Option<&ProductFields> {
        self.ok.then_some(self)
    }

    fn apply(&self, p: &mut Product) {
        if let Some(v) = &self.brand {
            p.brand = v.clone();
        }
        if let Some(v) = &self.description {
            p.description = v.clone();
        }
        if let Some(v) = self.unit {
            p.unit = v;
        }
        if let Some(v) = self.sold_by_weight {
            p.sold_by_weight = v;
        }
        if let Some(v) = self.cost {
            p.cost = v;
        }
        if let Some(v) = &self.tax_category {
            p.tax_category = v.clone();
        }
        if let Some(v) = &self.supplier_ref {
            p.supplier_ref = v.clone();
        }
        if let Some(v) = self.active {
            p.active = v;
        }
    }
}

/// Categories and suppliers known so far, and those the import will create.
struct Refs {
    cats: Vec<Category>,
    sups: Vec<Supplier>,
    new_cats: Vec<Category>,
    new_sups: Vec<Supplier>,
}

impl Refs {
    /// Finds or plans the category at a path "A / B / C".
    fn category(&mut self, path: &str) -> Uuid {
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
        parent.unwrap_or_else(Uuid::nil)
    }

    /// Finds or plans a supplier by name.
    fn supplier(&mut self, name: &str) -> Uuid {
        if let Some(s) = self
            .sups
            .iter()
            .chain(&self.new_sups)
            .find(|s| s.name == name)
        {
            return s.id;
        }
        let id = Uuid::now_v7();
        self.new_sups.push(Supplier {
            id,
            name: name.to_owned(),
            email: None,
            phone: None,
        });
        id
    }
}
