//! The checks a row passes on its own, without looking at other rows or at the catalog: run on
//! every core, in chunks of consecutive rows, before the plan walks the rows in order.
//!
//! Nothing is reported here: each result is kept, and the plan reports the errors in exactly
//! the order (and under exactly the conditions) a single pass over the file would.

use caisse_core::catalog::{Sku, TaxCategory, Unit, parse_name};
use caisse_core::text::optional_text;

use super::read::{Col, Record, Table, parse_amount, parse_attributes, parse_bool};
use crate::catalog::input::parse_barcode;

/// One row, checked on its own.
pub(super) struct Parsed<'a> {
    pub(super) line: u64,
    pub(super) sku: Result<Sku, String>,
    pub(super) name: Result<String, String>,
    /// `parent_sku` when given: the row is a variant of that product.
    pub(super) parent: Option<&'a str>,
    /// `None` when a product row has no price column (a variant's blank price is `Some(None)`).
    pub(super) price: Option<Result<Option<i64>, String>>,
    /// Each code of the `barcodes` cell as written, with its GTIN-14 or why it is not one.
    pub(super) codes: Vec<(&'a str, Result<String, String>)>,
    pub(super) kind: Kind<'a>,
}

/// What only a variant row or only a product row has.
pub(super) enum Kind<'a> {
    Variant {
        attributes: Result<Option<Vec<(String, String)>>, String>,
        active: Result<Option<bool>, String>,
    },
    Product {
        /// The optional columns, or every bad cell among them in column order.
        fields: Result<ProductFields, Vec<(Col, String)>>,
        category: Option<&'a str>,
        supplier: Option<&'a str>,
    },
}

/// Optional product columns, parsed (`None`: the file lacks the column or leaves it blank,
/// and the product keeps what it has).
pub(super) struct ProductFields {
    pub(super) brand: Option<Option<String>>,
    pub(super) description: Option<Option<String>>,
    pub(super) unit: Option<Unit>,
    pub(super) sold_by_weight: Option<bool>,
    pub(super) cost: Option<Option<i64>>,
    pub(super) tax_category: Option<TaxCategory>,
    pub(super) supplier_ref: Option<Option<String>>,
    pub(super) active: Option<bool>,
}

impl ProductFields {
    fn parse(
        table: &Table,
        record: &Record,
        digits: u32,
    ) -> Result<ProductFields, Vec<(Col, String)>> {
        let mut errors = Vec::new();
        let cell = |col| table.cell(record, col);
        let filled = |col| cell(col).filter(|s: &&str| !s.is_empty());
        let text =
            |col, max| cell(col).map(|t| optional_text(Some(t), max).map_err(|e| e.to_string()));
        let e = &mut errors;
        let fields = ProductFields {
            brand: text(Col::Brand, 100).and_then(|r| keep(e, Col::Brand, r)),
            description: text(Col::Description, 2000).and_then(|r| keep(e, Col::Description, r)),
            unit: filled(Col::Unit)
                .and_then(|t| keep(e, Col::Unit, Unit::parse(t).map_err(|e| e.to_string()))),
            sold_by_weight: filled(Col::SoldByWeight)
                .and_then(|t| keep(e, Col::SoldByWeight, parse_bool(t))),
            cost: cell(Col::Cost).and_then(|t| {
                if t.is_empty() {
                    Some(None)
                } else {
                    keep(e, Col::Cost, parse_amount(t, digits)).map(Some)
                }
            }),
            tax_category: filled(Col::TaxCategory).and_then(|t| {
                let r = TaxCategory::parse(t).map_err(|e| e.to_string());
                keep(e, Col::TaxCategory, r)
            }),
            supplier_ref: text(Col::SupplierRef, 64).and_then(|r| keep(e, Col::SupplierRef, r)),
            active: filled(Col::Active).and_then(|t| keep(e, Col::Active, parse_bool(t))),
        };
        if errors.is_empty() {
            Ok(fields)
        } else {
            Err(errors)
        }
    }
}

/// The value, or `None` with the error noted.
fn keep<T>(errors: &mut Vec<(Col, String)>, col: Col, r: Result<T, String>) -> Option<T> {
    r.map_err(|e| errors.push((col, e))).ok()
}

/// Checks one row on its own.
fn parse_row<'a>(table: &Table, record: &'a Record, digits: u32) -> Parsed<'a> {
    let cell = |col| table.cell(record, col);
    let parent = cell(Col::ParentSku).filter(|s| !s.is_empty());
    let price = match cell(Col::Price) {
        Some("") | None if parent.is_some() => Some(Ok(None)),
        Some(t) => Some(parse_amount(t, digits).map(Some)),
        None => None,
    };
    let codes = cell(Col::Barcodes)
        .map(|text| {
            text.split([' ', ';', '|'])
                .filter(|s| !s.is_empty())
                .map(|code| (code, parse_barcode(code)))
                .collect()
        })
        .unwrap_or_default();
    let kind = if parent.is_some() {
        Kind::Variant {
            attributes: cell(Col::Attributes).map(parse_attributes).transpose(),
            active: cell(Col::Active)
                .filter(|s| !s.is_empty())
                .map(parse_bool)
                .transpose(),
        }
    } else {
        Kind::Product {
            fields: ProductFields::parse(table, record, digits),
            category: cell(Col::Category).filter(|s| !s.is_empty()),
            supplier: cell(Col::Supplier).filter(|s| !s.is_empty()),
        }
    };
    Parsed {
        line: record.line,
        sku: Sku::parse(cell(Col::Sku).unwrap_or("")).map_err(|e| e.to_string()),
        name: parse_name(cell(Col::Name).unwrap_or("")).map_err(|e| e.to_string()),
        parent,
        price,
        codes,
        kind,
    }
}

/// Below this many rows a second thread costs more than it saves.
const ROWS_PER_THREAD: usize = 20_000;

/// Checks every row on its own, on every core; the results are in file order.
pub(super) fn parse_rows<'a>(table: &'a Table, digits: u32) -> Vec<Parsed<'a>> {
    let records = &table.records;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(records.len() / ROWS_PER_THREAD)
        .max(1);
    if threads == 1 {
        return records
            .iter()
            .map(|r| parse_row(table, r, digits))
            .collect();
    }
    let per_thread = records.len().div_ceil(threads);
    let parse_chunk = |chunk: &'a [Record]| -> Vec<Parsed<'a>> {
        chunk.iter().map(|r| parse_row(table, r, digits)).collect()
    };
    std::thread::scope(|scope| {
        let parts: Vec<_> = records
            .chunks(per_thread)
            .map(|chunk| {
                // A chunk whose thread cannot be started is parsed here, in its turn.
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || parse_chunk(chunk))
                    .map_err(|_| chunk)
            })
            .collect();
        let mut all = Vec::with_capacity(records.len());
        for part in parts {
            match part {
                Ok(handle) => match handle.join() {
                    Ok(parsed) => all.extend(parsed),
                    // A panic in a check is a bug: let it surface as it would have inline.
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                Err(chunk) => all.extend(parse_chunk(chunk)),
            }
        }
        all
    })
}
