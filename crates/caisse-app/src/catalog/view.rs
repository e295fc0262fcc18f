//! The catalog as clients see it: JSON shapes with money as integer minor units plus currency.

use caisse_core::catalog::{Category, Product, Supplier, Variant};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// An amount of money: integer minor units (cents) and the ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
pub struct MoneyJson {
    /// Minor units, e.g. 199 for 1.99 EUR.
    pub amount: i64,
    /// ISO 4217 code, e.g. `EUR`.
    #[schema(example = "EUR")]
    pub currency: String,
}

impl MoneyJson {
    /// Minor units in a currency.
    pub fn new(amount: i64, currency: &str) -> MoneyJson {
        MoneyJson {
            amount,
            currency: currency.to_owned(),
        }
    }
}

/// A product with its variants and barcodes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProductView {
    /// Product id.
    pub id: Uuid,
    /// Shop's code.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Brand.
    pub brand: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Category id.
    pub category_id: Option<Uuid>,
    /// Category name.
    pub category_name: Option<String>,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
    /// Weighed at the till or on a scale label.
    pub sold_by_weight: bool,
    /// Price per unit.
    pub price: MoneyJson,
    /// Purchase cost per unit.
    pub cost: Option<MoneyJson>,
    /// Tax category name.
    pub tax_category: String,
    /// Usual supplier.
    pub supplier_id: Option<Uuid>,
    /// Supplier's reference.
    pub supplier_ref: Option<String>,
    /// Can be sold.
    pub active: bool,
    /// Barcodes as 13-digit EAN (or 8/12/14 when that is their natural form).
    pub barcodes: Vec<String>,
    /// Variants.
    pub variants: Vec<VariantView>,
    /// Optimistic-locking version: send it back with a change.
    pub version: i64,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// A variant of a product.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VariantView {
    /// Variant id.
    pub id: Uuid,
    /// Shop's code.
    pub sku: String,
    /// Label, e.g. "M / Rouge".
    pub name: String,
    /// Attributes such as size and colour.
    #[schema(value_type = Object)]
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// Own price, or null to use the product's.
    pub price: Option<MoneyJson>,
    /// Barcodes.
    pub barcodes: Vec<String>,
    /// Can be sold.
    pub active: bool,
}

/// Shows a stored GTIN-14 in its shortest natural form (EAN-13, UPC-A or EAN-8).
pub fn display_code(gtin14: &str) -> String {
    caisse_core::barcode::Gtin::parse(gtin14)
        .map(|g| g.shortest())
        .unwrap_or_else(|_| gtin14.to_owned())
}

fn variant_view(v: &Variant, currency: &str) -> VariantView {
    VariantView {
        id: v.id,
        sku: v.sku.to_string(),
        name: v.name.clone(),
        attributes: v
            .attributes
            .iter()
            .map(|(k, val)| (k.clone(), serde_json::Value::String(val.clone())))
            .collect(),
        price: v.price.map(|p| MoneyJson::new(p, currency)),
        barcodes: v.barcodes.iter().map(|c| display_code(c)).collect(),
        active: v.active,
    }
}

/// Builds the client view of a product.
pub fn product_view(p: &Product, currency: &str, category_name: Option<String>) -> ProductView {
    ProductView {
        id: p.id,
        sku: p.sku.to_string(),
        name: p.name.clone(),
        brand: p.brand.clone(),
        description: p.description.clone(),
        category_id: p.category_id,
        category_name,
        unit: p.unit.as_str().to_owned(),
        sold_by_weight: p.sold_by_weight,
        price: MoneyJson::new(p.price, currency),
        cost: p.cost.map(|c| MoneyJson::new(c, currency)),
        tax_category: p.tax_category.as_str().to_owned(),
        supplier_id: p.supplier_id,
        supplier_ref: p.supplier_ref.clone(),
        active: p.active,
        barcodes: p.barcodes.iter().map(|c| display_code(c)).collect(),
        variants: p
            .variants
            .iter()
            .map(|v| variant_view(v, currency))
            .collect(),
        version: p.version,
        updated_at: jiff::Timestamp::from_microsecond(p.updated_at_us)
            .map(|t| t.to_string())
            .unwrap_or_default(),
    }
}

/// A category with its full path ("Épicerie / Biscuits").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryView {
    /// Category id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Parent category.
    pub parent_id: Option<Uuid>,
    /// Names from the root, joined by " / ".
    pub path: String,
}

/// Builds category views with their paths (cycles, which the API refuses, are cut).
pub fn category_views(cats: &[Category]) -> Vec<CategoryView> {
    let mut paths = caisse_core::catalog::category_paths(cats);
    let mut out: Vec<CategoryView> = cats
        .iter()
        .map(|c| CategoryView {
            id: c.id,
            name: c.name.clone(),
            parent_id: c.parent_id,
            path: paths.remove(&c.id).unwrap_or_default(),
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// A supplier.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupplierView {
    /// Supplier id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

impl From<&Supplier> for SupplierView {
    fn from(s: &Supplier) -> Self {
        SupplierView {
            id: s.id,
            name: s.name.clone(),
            email: s.email.clone(),
            phone: s.phone.clone(),
        }
    }
}
