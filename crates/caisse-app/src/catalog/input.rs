//! What clients send to create or change catalog items, and how it is checked. Every field
//! error is collected, so a form can show them all at once.

use caisse_core::barcode::{ScaleLayout, ScannedCode, classify_scan};
use caisse_core::catalog::{Product, Sku, TaxCategory, Unit, Variant, parse_name};
use caisse_core::money::Currency;
use caisse_core::text::optional_text;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::money_input::{MoneyInput, max_amount};
use crate::{AppError, FieldError};

/// A new product.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductDraft {
    /// Shop's code, unique among products and variants.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Brand.
    pub brand: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Category id.
    pub category_id: Option<Uuid>,
    /// `each` (default), `kg`, `l` or `m`.
    pub unit: Option<String>,
    /// Weighed at the till (default false).
    pub sold_by_weight: Option<bool>,
    /// Price per unit, in the store currency.
    pub price: MoneyInput,
    /// Purchase cost per unit.
    pub cost: Option<MoneyInput>,
    /// Tax category (default `standard`).
    pub tax_category: Option<String>,
    /// Usual supplier.
    pub supplier_id: Option<Uuid>,
    /// Supplier's reference.
    pub supplier_ref: Option<String>,
    /// Can be sold (default true).
    pub active: Option<bool>,
    /// Barcodes (GTIN-8/12/13/14, UPC-E, ISBN).
    #[serde(default)]
    pub barcodes: Vec<String>,
    /// Variants.
    #[serde(default)]
    pub variants: Vec<VariantDraft>,
}

/// A new variant.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantDraft {
    /// Shop's code, unique among products and variants.
    pub sku: String,
    /// Label, e.g. "M / Rouge".
    pub name: String,
    /// Attributes such as `{"size": "M"}` (string values).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// Own price, or null for the product's.
    pub price: Option<MoneyInput>,
    /// Barcodes.
    #[serde(default)]
    pub barcodes: Vec<String>,
    /// Can be sold (default true).
    pub active: Option<bool>,
}

/// Distinguishes a field that is absent (keep) from one that is `null` (clear).
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A change to a product: absent fields stay as they are; `null` clears an optional field.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    /// New SKU.
    pub sku: Option<String>,
    /// New name.
    pub name: Option<String>,
    /// New brand (null clears).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub brand: Option<Option<String>>,
    /// New description (null clears).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    /// New category (null clears).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub category_id: Option<Option<Uuid>>,
    /// New unit.
    pub unit: Option<String>,
    /// New weighed flag.
    pub sold_by_weight: Option<bool>,
    /// New price.
    pub price: Option<MoneyInput>,
    /// New cost (null clears).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<MoneyInput>)]
    pub cost: Option<Option<MoneyInput>>,
    /// New tax category.
    pub tax_category: Option<String>,
    /// New supplier (null clears).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub supplier_id: Option<Option<Uuid>>,
    /// New supplier reference (null clears).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub supplier_ref: Option<Option<String>>,
    /// Activate or deactivate.
    pub active: Option<bool>,
    /// Replaces the product's own barcodes.
    pub barcodes: Option<Vec<String>>,
    /// The version the client last saw; a mismatch is 409 `version_conflict`.
    pub version: Option<i64>,
}

/// A change to a variant.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantPatch {
    /// New SKU.
    pub sku: Option<String>,
    /// New label.
    pub name: Option<String>,
    /// Replaces the attributes.
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<serde_json::Map<String, serde_json::Value>>,
    /// New own price (null: use the product's).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<MoneyInput>)]
    pub price: Option<Option<MoneyInput>>,
    /// Replaces the barcodes.
    pub barcodes: Option<Vec<String>>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

/// Collects field errors while parsing.
#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) errors: Vec<FieldError>,
}

impl Checker {
    pub(crate) fn fail(&mut self, field: impl Into<String>, reason: impl Into<String>) {
        self.errors.push(FieldError::new(field, reason));
    }

    /// Keeps the value or records the error under `field`.
    pub(crate) fn check<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        r: Result<T, E>,
    ) -> Option<T> {
        r.map_err(|e| self.fail(field, e.to_string())).ok()
    }

    pub(crate) fn money(&mut self, field: &str, m: &MoneyInput, currency: &str) -> Option<i64> {
        let Ok(currency) = Currency::parse(currency) else {
            self.fail(
                field,
                format!("the store's currency {currency} is not known"),
            );
            return None;
        };
        match m.minor(field, currency, max_amount(currency)) {
            Ok(a) if a < 0 => {
                self.fail(field, "must not be negative");
                None
            }
            Ok(a) => Some(a),
            Err(AppError::Validation(errors)) => {
                self.errors.extend(errors);
                None
            }
            Err(e) => {
                self.fail(field, e.to_string());
                None
            }
        }
    }

    /// Parses barcodes to GTIN-14; refuses duplicates within the list.
    pub(crate) fn barcodes(&mut self, field: &str, codes: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (i, code) in codes.iter().enumerate() {
            match parse_barcode(code) {
                Ok(g) if out.contains(&g) => {
                    self.fail(format!("{field}.{i}"), format!("{code} is listed twice"))
                }
                Ok(g) => out.push(g),
                Err(reason) => self.fail(format!("{field}.{i}"), reason),
            }
        }
        out
    }

    pub(crate) fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

/// A barcode a product may carry, normalised to GTIN-14 (UPC-E and ISBN-10 are expanded).
pub fn parse_barcode(code: &str) -> Result<String, String> {
    match classify_scan(code, &ScaleLayout::None) {
        Ok(ScannedCode::Gtin(g)) => Ok(g.as_gtin14().to_owned()),
        Ok(_) => Err(format!("{code:?} is not a GTIN (8, 12, 13 or 14 digits)")),
        Err(e) => Err(e.to_string()),
    }
}

fn attributes(
    c: &mut Checker,
    field: &str,
    map: &serde_json::Map<String, serde_json::Value>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, v) in map {
        match v.as_str() {
            Some(s) => out.push((k.clone(), s.to_owned())),
            None => c.fail(format!("{field}.{k}"), "attribute values must be strings"),
        }
    }
    out
}

/// Checks a new product; ids are generated here.
pub fn product_from_draft(
    d: &ProductDraft,
    currency: &str,
    now_us: i64,
) -> Result<Product, AppError> {
    let mut c = Checker::default();
    let sku = c.check("sku", Sku::parse(&d.sku));
    let name = c.check("name", parse_name(&d.name));
    let brand = c.check("brand", optional_text(d.brand.as_deref(), 100));
    let description = c.check("description", optional_text(d.description.as_deref(), 2000));
    let unit = c.check("unit", Unit::parse(d.unit.as_deref().unwrap_or("each")));
    let tax_category = c.check(
        "tax_category",
        TaxCategory::parse(d.tax_category.as_deref().unwrap_or("standard")),
    );
    let supplier_ref = c.check("supplier_ref", optional_text(d.supplier_ref.as_deref(), 64));
    let price = c.money("price", &d.price, currency);
    let cost = d.cost.as_ref().map(|m| c.money("cost", m, currency));
    let barcodes = c.barcodes("barcodes", &d.barcodes);
    let mut variants = Vec::new();
    for (i, v) in d.variants.iter().enumerate() {
        if let Some(v) = variant_from_draft(&mut c, &format!("variants.{i}"), v, currency) {
            variants.push(v);
        }
    }
    let (
        Some(sku),
        Some(name),
        Some(brand),
        Some(description),
        Some(unit),
        Some(tax_category),
        Some(supplier_ref),
        Some(price),
    ) = (
        sku,
        name,
        brand,
        description,
        unit,
        tax_category,
        supplier_ref,
        price,
    )
    else {
        c.finish()?;
        return Err(AppError::Internal("validation lost an error".into()));
    };
    // A refused cost was recorded as an error; once `finish` passes, `None` means "no cost".
    c.finish()?;
    let p = Product {
        id: Uuid::now_v7(),
        sku,
        name,
        brand,
        description,
        category_id: d.category_id,
        unit,
        sold_by_weight: d.sold_by_weight.unwrap_or(false),
        price,
        cost: cost.flatten(),
        tax_category,
        supplier_id: d.supplier_id,
        supplier_ref,
        active: d.active.unwrap_or(true),
        barcodes,
        variants,
        version: 1,
        updated_at_us: now_us,
    };
    check_item_codes(&p)?;
    Ok(p)
}

/// Checks a new variant, recording errors under `field`.
pub(crate) fn variant_from_draft(
    c: &mut Checker,
    field: &str,
    v: &VariantDraft,
    currency: &str,
) -> Option<Variant> {
    let sku = c.check(&format!("{field}.sku"), Sku::parse(&v.sku));
    let name = c.check(&format!("{field}.name"), parse_name(&v.name));
    let price = match &v.price {
        None => Some(None),
        Some(m) => c.money(&format!("{field}.price"), m, currency).map(Some),
    };
    let barcodes = c.barcodes(&format!("{field}.barcodes"), &v.barcodes);
    let attributes = attributes(c, &format!("{field}.attributes"), &v.attributes);
    Some(Variant {
        id: Uuid::now_v7(),
        sku: sku?,
        name: name?,
        attributes,
        price: price?,
        barcodes,
        active: v.active.unwrap_or(true),
    })
}

/// Applies a patch to a stored product, checking every field it touches.
pub fn apply_patch(
    p: &Product,
    patch: &ProductPatch,
    currency: &str,
    now_us: i64,
) -> Result<Product, AppError> {
    if let Some(v) = patch.version
        && v != p.version
    {
        return Err(AppError::VersionConflict { current: p.version });
    }
    let mut c = Checker::default();
    let mut n = p.clone();
    if let Some(s) = &patch.sku
        && let Some(s) = c.check("sku", Sku::parse(s))
    {
        n.sku = s;
    }
    if let Some(s) = &patch.name
        && let Some(s) = c.check("name", parse_name(s))
    {
        n.name = s;
    }
    if let Some(b) = &patch.brand
        && let Some(b) = c.check("brand", optional_text(b.as_deref(), 100))
    {
        n.brand = b;
    }
    if let Some(b) = &patch.description
        && let Some(b) = c.check("description", optional_text(b.as_deref(), 2000))
    {
        n.description = b;
    }
    if let Some(cat) = patch.category_id {
        n.category_id = cat;
    }
    if let Some(u) = &patch.unit
        && let Some(u) = c.check("unit", Unit::parse(u))
    {
        n.unit = u;
    }
    if let Some(w) = patch.sold_by_weight {
        n.sold_by_weight = w;
    }
    if let Some(m) = &patch.price
        && let Some(m) = c.money("price", m, currency)
    {
        n.price = m;
    }
    if let Some(m) = &patch.cost {
        match m {
            None => n.cost = None,
            Some(m) => {
                if let Some(m) = c.money("cost", m, currency) {
                    n.cost = Some(m);
                }
            }
        }
    }
    if let Some(t) = &patch.tax_category
        && let Some(t) = c.check("tax_category", TaxCategory::parse(t))
    {
        n.tax_category = t;
    }
    if let Some(s) = patch.supplier_id {
        n.supplier_id = s;
    }
    if let Some(r) = &patch.supplier_ref
        && let Some(r) = c.check("supplier_ref", optional_text(r.as_deref(), 64))
    {
        n.supplier_ref = r;
    }
    if let Some(a) = patch.active {
        n.active = a;
    }
    if let Some(b) = &patch.barcodes {
        n.barcodes = c.barcodes("barcodes", b);
    }
    c.finish()?;
    n.version = p.version + 1;
    n.updated_at_us = now_us;
    check_item_codes(&n)?;
    Ok(n)
}

/// Applies a patch to one variant of a product.
pub fn apply_variant_patch(
    v: &Variant,
    patch: &VariantPatch,
    currency: &str,
) -> Result<Variant, AppError> {
    let mut c = Checker::default();
    let mut n = v.clone();
    if let Some(s) = &patch.sku
        && let Some(s) = c.check("sku", Sku::parse(s))
    {
        n.sku = s;
    }
    if let Some(s) = &patch.name
        && let Some(s) = c.check("name", parse_name(s))
    {
        n.name = s;
    }
    if let Some(a) = &patch.attributes {
        n.attributes = attributes(&mut c, "attributes", a);
    }
    if let Some(p) = &patch.price {
        match p {
            None => n.price = None,
            Some(m) => {
                if let Some(m) = c.money("price", m, currency) {
                    n.price = Some(m);
                }
            }
        }
    }
    if let Some(b) = &patch.barcodes {
        n.barcodes = c.barcodes("barcodes", b);
    }
    if let Some(a) = patch.active {
        n.active = a;
    }
    c.finish()?;
    Ok(n)
}

/// Within one product, SKUs and barcodes must not repeat across its variants.
pub fn check_item_codes(p: &Product) -> Result<(), AppError> {
    let mut skus = vec![p.sku.as_str()];
    let mut codes: Vec<&str> = p.barcodes.iter().map(String::as_str).collect();
    for v in &p.variants {
        if skus.contains(&v.sku.as_str()) {
            return Err(AppError::DuplicateSku(v.sku.to_string()));
        }
        skus.push(v.sku.as_str());
        for b in &v.barcodes {
            if codes.contains(&b.as_str()) {
                return Err(AppError::DuplicateBarcode(super::view::display_code(b)));
            }
            codes.push(b);
        }
    }
    Ok(())
}
