//! One lookup for every scan, and typeahead search, both served from memory.

use caisse_core::barcode::{
    BarcodeError, Gs1Data, MeasureValue, ScaleLayout, ScannedCode, classify_scan,
};
use caisse_core::money::{Currency, Quantity, Rounding};
use caisse_core::search::MatchKind;
use caisse_core::staff::Permission;
use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::view::MoneyJson;
use super::{SellableItem, StoreCatalog};
use crate::auth::Principal;
use crate::{App, AppError};

/// A sellable item as the till sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemView {
    /// Product id, or variant id for a variant.
    pub item_id: Uuid,
    /// The product.
    pub product_id: Uuid,
    /// The variant, if any.
    pub variant_id: Option<Uuid>,
    /// SKU.
    pub sku: String,
    /// Full name.
    pub name: String,
    /// Price per unit.
    pub price: MoneyJson,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
    /// Weighed at the till.
    pub sold_by_weight: bool,
    /// Tax category.
    pub tax_category: String,
}

fn item_view(i: &SellableItem, currency: &str) -> ItemView {
    ItemView {
        item_id: i.item_id,
        product_id: i.product_id,
        variant_id: i.variant_id,
        sku: i.sku.clone(),
        name: i.name.clone(),
        price: MoneyJson::new(i.price, currency),
        unit: i.unit.to_owned(),
        sold_by_weight: i.sold_by_weight,
        tax_category: i.tax_category.clone(),
    }
}

/// What a scanned code carried besides the item.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ScanView {
    /// `gtin`, `scale_label`, `gs1` or `sku`.
    pub kind: String,
    /// The item's GTIN (EAN-13 form) when the code had one.
    pub gtin: Option<String>,
    /// Quantity carried by the code (weight in kg or a count), as a decimal string.
    pub quantity: Option<String>,
    /// Price printed in the code (priced labels), for the whole label.
    pub price: Option<MoneyJson>,
    /// Batch or lot.
    pub lot: Option<String>,
    /// Serial number.
    pub serial: Option<String>,
    /// Expiry date (YYYY-MM-DD).
    pub expiry: Option<String>,
    /// Best-before date.
    pub best_before: Option<String>,
    /// Production date.
    pub production_date: Option<String>,
    /// Packaging date.
    pub packaging_date: Option<String>,
}

/// The answer to a scan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LookupResult {
    /// The item found.
    pub item: ItemView,
    /// What the code carried.
    pub scan: ScanView,
    /// On hand at the store's selling location (`GET /catalog/lookup` only, for a caller who
    /// may read stock; null otherwise). The scan that adds a line never reads it.
    pub on_hand: Option<String>,
}

fn invalid(e: BarcodeError) -> AppError {
    AppError::InvalidCode {
        reason: e.code(),
        message: e.to_string(),
    }
}

fn layout_of(sc: &StoreCatalog) -> ScaleLayout {
    sc.store.scale_layout.parse().unwrap_or(ScaleLayout::None)
}

fn money_of(d: Decimal, currency: &str) -> Result<MoneyJson, AppError> {
    let c = Currency::parse(currency).map_err(|e| AppError::Internal(e.to_string()))?;
    let m = caisse_core::money::Money::from_decimal(d, c, Rounding::HalfUp)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(MoneyJson::new(m.minor(), currency))
}

fn quantity_of(d: Decimal) -> Result<String, AppError> {
    Quantity::from_decimal(d)
        .map(|q| q.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn date(d: Option<jiff::civil::Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn gs1_scan(g: &Gs1Data, currency: &str) -> Result<ScanView, AppError> {
    let quantity = match (g.net_weight_kg, g.count) {
        (Some(w), _) => Some(quantity_of(w)?),
        (None, Some(n)) => Some(quantity_of(Decimal::from(n))?),
        _ => None,
    };
    Ok(ScanView {
        kind: "gs1".into(),
        gtin: g.gtin.map(|g| g.shortest()),
        quantity,
        price: g.price.map(|p| money_of(p, currency)).transpose()?,
        lot: g.lot.clone(),
        serial: g.serial.clone(),
        expiry: date(g.expiry),
        best_before: date(g.best_before),
        production_date: date(g.production_date),
        packaging_date: date(g.packaging_date),
    })
}

/// Finds the item behind whatever a scanner or a cashier sent: any GTIN form, a weighed or
/// priced label, a GS1 element string, or a SKU.
pub fn lookup(app: &App, who: &Principal, code: &str) -> Result<LookupResult, AppError> {
    who.require(Permission::CatalogRead)?;
    app.catalog
        .read(who.store_id, |sc| lookup_in(sc, code))
        .ok_or(AppError::NotFound("store"))?
}

fn lookup_in(sc: &StoreCatalog, code: &str) -> Result<LookupResult, AppError> {
    let currency = sc.store.currency.as_str();
    let scanned = classify_scan(code, &layout_of(sc)).map_err(invalid)?;
    let unknown = || AppError::UnknownCode(code.trim().to_owned());
    let (entry, scan) = match &scanned {
        ScannedCode::Gtin(g) => (
            sc.index.lookup_barcode(g.to_u64()),
            ScanView {
                kind: "gtin".into(),
                gtin: Some(g.shortest()),
                ..ScanView::default()
            },
        ),
        ScannedCode::VariableMeasure(vm) => {
            let (quantity, price) = match vm.value {
                MeasureValue::Price(p) => (None, Some(money_of(p, currency)?)),
                MeasureValue::WeightKg(w) => (Some(quantity_of(w)?), None),
                MeasureValue::Count(n) => (Some(quantity_of(Decimal::from(n))?), None),
            };
            (
                sc.index.lookup_barcode(vm.lookup_key.to_u64()),
                ScanView {
                    kind: "scale_label".into(),
                    gtin: Some(vm.lookup_key.shortest()),
                    quantity,
                    price,
                    ..ScanView::default()
                },
            )
        }
        ScannedCode::Gs1(g) => {
            let gtin = g.gtin.ok_or_else(unknown)?;
            (
                sc.index.lookup_barcode(gtin.to_u64()),
                gs1_scan(g, currency)?,
            )
        }
        ScannedCode::Text(t) => (
            sc.index.lookup_sku(t),
            ScanView {
                kind: "sku".into(),
                ..ScanView::default()
            },
        ),
    };
    let entry = entry.ok_or_else(unknown)?;
    let item = sc.item(entry.item_id).ok_or_else(unknown)?;
    Ok(LookupResult {
        item: item_view(item, currency),
        scan,
        on_hand: None,
    })
}

/// The item behind a scanned code, for stock work (receiving, counting): (item, product,
/// quantity the code carries in thousandths — a weighed label's weight, a GS1 count — else
/// one unit, SKU, name). Resolved exactly as the till resolves it.
pub(crate) fn resolve_in(
    sc: &StoreCatalog,
    code: &str,
) -> Result<(Uuid, Uuid, i64, String, String), AppError> {
    let found = lookup_in(sc, code)?;
    let quantity = found
        .scan
        .quantity
        .as_deref()
        .and_then(|q| q.parse::<Quantity>().ok())
        .map(Quantity::milli)
        .filter(|q| *q > 0)
        .unwrap_or(1000);
    Ok((
        found.item.item_id,
        found.item.product_id,
        quantity,
        found.item.sku,
        found.item.name,
    ))
}

/// One typeahead hit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHitView {
    /// The item.
    #[serde(flatten)]
    pub item: ItemView,
    /// `exact_code` (the query is its SKU or barcode), `name_prefix` (its name starts with
    /// the query), `other` (every word matches) or `typo` (every word matches, some only with
    /// a typo). Hits come best first: see the search rules in the README.
    #[serde(rename = "match")]
    pub match_kind: String,
    /// On hand at the store's selling location, for a caller who may read stock (null
    /// otherwise): read for the whole page of hits in one query.
    pub on_hand: Option<String>,
}

/// The sellable item with this id (a product without variants, or a variant), if active.
pub fn item_by_id(app: &App, who: &Principal, item_id: Uuid) -> Result<ItemView, AppError> {
    who.require(Permission::CatalogRead)?;
    app.catalog
        .read(who.store_id, |sc| {
            sc.active_item(item_id)
                .map(|i| item_view(i, &sc.store.currency))
                .ok_or(AppError::NotFound("item"))
        })
        .ok_or(AppError::NotFound("store"))?
}

/// Typeahead search over name, brand, SKU, barcode and category; at most `limit` (1-50) hits.
pub fn search(
    app: &App,
    who: &Principal,
    q: &str,
    limit: usize,
) -> Result<Vec<SearchHitView>, AppError> {
    who.require(Permission::CatalogRead)?;
    if !(1..=50).contains(&limit) {
        return Err(AppError::field("limit", "must be between 1 and 50"));
    }
    if q.chars().count() > 200 {
        return Err(AppError::field("q", "must be at most 200 characters"));
    }
    app.catalog
        .read(who.store_id, |sc| {
            sc.index
                .search(q, limit)
                .into_iter()
                .filter_map(|hit| {
                    let item = sc.item(hit.item_id)?;
                    Some(SearchHitView {
                        item: item_view(item, &sc.store.currency),
                        match_kind: match hit.kind {
                            MatchKind::ExactCode => "exact_code",
                            MatchKind::NamePrefix => "name_prefix",
                            MatchKind::Other => "other",
                            MatchKind::Typo => "typo",
                        }
                        .to_owned(),
                        on_hand: None,
                    })
                })
                .collect()
        })
        .ok_or(AppError::NotFound("store"))
}

/// [`lookup`], with what the store's selling location holds of the item (the till's price
/// check and the API's lookup; adding a scanned line does not come here).
pub async fn lookup_with_stock(
    app: &App,
    who: &Principal,
    code: &str,
) -> Result<LookupResult, AppError> {
    let mut found = lookup(app, who, code)?;
    let id = found.item.item_id;
    if let Some(levels) = crate::stock::read::on_hand_for_sale(app, who, &[id]).await? {
        found.on_hand = levels.get(&id).map(|q| crate::stock::qty(*q));
    }
    Ok(found)
}

/// [`search`], with what the store's selling location holds of each hit: one query for the
/// page of hits, none when nothing matched.
pub async fn search_with_stock(
    app: &App,
    who: &Principal,
    q: &str,
    limit: usize,
) -> Result<Vec<SearchHitView>, AppError> {
    let mut hits = search(app, who, q, limit)?;
    if hits.is_empty() {
        return Ok(hits);
    }
    let ids: Vec<Uuid> = hits.iter().map(|h| h.item.item_id).collect();
    if let Some(levels) = crate::stock::read::on_hand_for_sale(app, who, &ids).await? {
        for hit in &mut hits {
            hit.on_hand = levels.get(&hit.item.item_id).map(|q| crate::stock::qty(*q));
        }
    }
    Ok(hits)
}
