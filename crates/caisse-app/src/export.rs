//! CSV export of the catalog, in the columns the import reads back. Cells that a spreadsheet
//! would take for a formula get a leading apostrophe, which the import removes again.

use std::collections::HashMap;

use caisse_core::money::{Currency, Locale, format_plain_number};
use caisse_core::staff::Permission;
use caisse_core::text::spreadsheet_cell;
use caisse_store::catalog as db_catalog;

use crate::auth::Principal;
use crate::catalog::store_of;
use crate::catalog::view::{category_views, display_code};
use crate::import::COLUMNS;
use crate::{App, AppError};

fn amount(minor: i64, digits: u32) -> String {
    // Plain "1234.56": no grouping, dot decimal separator, the form the import reads.
    format_plain_number(minor, digits, Locale::EnUs)
}

/// Writes every product and variant of the caller's store as CSV (variants follow their product).
pub async fn export_products(app: &App, who: &Principal) -> Result<Vec<u8>, AppError> {
    who.require(Permission::CatalogRead)?;
    let store = store_of(app, who.store_id)?;
    let digits = Currency::parse(&store.currency)
        .map_err(|e| AppError::Internal(e.to_string()))?
        .minor_digits();
    let products = db_catalog::all_products(&app.db, store.id).await?;
    let paths: HashMap<_, _> =
        category_views(&db_catalog::list_categories(&app.db, store.id).await?)
            .into_iter()
            .map(|c| (c.id, c.path))
            .collect();
    let suppliers: HashMap<_, _> = db_catalog::list_suppliers(&app.db, store.id)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| AppError::Internal(e.to_string());
    w.write_record(COLUMNS).map_err(csv_err)?;
    for p in &products {
        let codes = |c: &[String]| {
            c.iter()
                .map(|c| display_code(c))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let row: [String; 16] = [
            p.sku.to_string(),
            String::new(),
            p.name.clone(),
            p.brand.clone().unwrap_or_default(),
            p.description.clone().unwrap_or_default(),
            p.category_id
                .and_then(|c| paths.get(&c).cloned())
                .unwrap_or_default(),
            p.unit.as_str().to_owned(),
            p.sold_by_weight.to_string(),
            amount(p.price, digits),
            p.cost.map(|c| amount(c, digits)).unwrap_or_default(),
            p.tax_category.as_str().to_owned(),
            codes(&p.barcodes),
            p.supplier_id
                .and_then(|s| suppliers.get(&s).cloned())
                .unwrap_or_default(),
            p.supplier_ref.clone().unwrap_or_default(),
            String::new(),
            p.active.to_string(),
        ];
        w.write_record(row.iter().map(|c| spreadsheet_cell(c).into_owned()))
            .map_err(csv_err)?;
        for v in &p.variants {
            let attrs = v
                .attributes
                .iter()
                .map(|(k, val)| format!("{k}={val}"))
                .collect::<Vec<_>>()
                .join(";");
            let mut row: [String; 16] = Default::default();
            row[0] = v.sku.to_string();
            row[1] = p.sku.to_string();
            row[2] = v.name.clone();
            row[8] = v.price.map(|c| amount(c, digits)).unwrap_or_default();
            row[11] = codes(&v.barcodes);
            row[14] = attrs;
            row[15] = v.active.to_string();
            w.write_record(row.iter().map(|c| spreadsheet_cell(c).into_owned()))
                .map_err(csv_err)?;
        }
    }
    w.into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))
}
