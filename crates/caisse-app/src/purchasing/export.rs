//! A purchase order to send: CSV (one row per line, for the supplier's system or a
//! spreadsheet) and a printable HTML page.

use caisse_core::money::{Currency, Money};
use caisse_core::text::spreadsheet_cell;
use uuid::Uuid;

use super::orders::{PoView, get};
use crate::auth::Principal;
use crate::{App, AppError};

fn money(minor: i64, currency: &str) -> String {
    match Currency::parse(currency) {
        Ok(c) => Money::new(minor, c).to_decimal().to_string(),
        Err(_) => minor.to_string(),
    }
}

/// The order as CSV: `line,sku,supplier_ref,name,quantity,unit,unit_cost,value,currency`.
pub async fn csv(app: &App, who: &Principal, id: Uuid) -> Result<(String, String), AppError> {
    let po = get(app, who, id).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| AppError::Internal(e.to_string());
    w.write_record([
        "line",
        "sku",
        "supplier_ref",
        "name",
        "quantity",
        "unit",
        "unit_cost",
        "value",
        "currency",
    ])
    .map_err(err)?;
    for l in &po.lines {
        w.write_record([
            l.line_no.to_string().as_str(),
            &spreadsheet_cell(&l.sku),
            &spreadsheet_cell(l.supplier_ref.as_deref().unwrap_or("")),
            &spreadsheet_cell(&l.name),
            &l.quantity,
            &l.unit,
            &money(l.unit_cost, &po.currency),
            &money(l.value, &po.currency),
            &po.currency,
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((format!("{}.csv", po.number), text))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The order as a printable HTML page (no script, styles inline).
pub async fn html(app: &App, who: &Principal, id: Uuid) -> Result<String, AppError> {
    let po = get(app, who, id).await?;
    let store = crate::catalog::store_of(app, who.store_id)?;
    Ok(page(&po, &store.name))
}

fn page(po: &PoView, store: &str) -> String {
    let mut rows = String::new();
    for l in &po.lines {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{} {}</td><td class=n>{}</td><td class=n>{}</td></tr>\n",
            l.line_no,
            esc(&l.sku),
            esc(l.supplier_ref.as_deref().unwrap_or("")),
            esc(&l.name),
            esc(&l.quantity),
            esc(&l.unit),
            money(l.unit_cost, &po.currency),
            money(l.value, &po.currency),
        ));
    }
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>{number}</title>\
         <style>body{{font:14px system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%}}\
         th,td{{border-bottom:1px solid #ccc;padding:4px 6px;text-align:left}}.n{{text-align:right}}\
         @media print{{body{{margin:0}}}}</style></head><body>\
         <h1>Purchase order {number}</h1>\
         <p><strong>From:</strong> {store}<br><strong>To:</strong> {supplier}<br>\
         <strong>Status:</strong> {status}<br><strong>Date:</strong> {date}</p>{note}\
         <table><thead><tr><th>#</th><th>SKU</th><th>Supplier ref.</th><th>Item</th><th class=n>Quantity</th>\
         <th class=n>Unit cost</th><th class=n>Value</th></tr></thead><tbody>\n{rows}</tbody>\
         <tfoot><tr><th colspan=6 class=n>Total ({currency})</th><th class=n>{total}</th></tr></tfoot></table>\
         </body></html>\n",
        number = esc(&po.number),
        store = esc(store),
        supplier = esc(&po.supplier.name),
        status = esc(&po.status),
        date = esc(po.sent_at.as_deref().unwrap_or(&po.created_at)),
        note = po
            .note
            .as_deref()
            .map(|n| format!("<p>{}</p>", esc(n)))
            .unwrap_or_default(),
        currency = esc(&po.currency),
        total = money(po.total, &po.currency),
    )
}
