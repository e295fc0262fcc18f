//! Reading the file: the header names the columns, each record keeps its cells in one buffer
//! (two allocations a row instead of one per cell), and the cell parsers shared by the checks.

use std::str::FromStr;

use csv::StringRecord;
use rust_decimal::Decimal;

use super::{COLUMNS, REQUIRED};
use crate::RowError;

/// A known column: its position in [`COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Sku,
    ParentSku,
    Name,
    Brand,
    Description,
    Category,
    Unit,
    SoldByWeight,
    Price,
    Cost,
    TaxCategory,
    Barcodes,
    Supplier,
    SupplierRef,
    Attributes,
    Active,
}

impl Col {
    /// The header name, as errors report it.
    pub(super) fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// The file's records and where each known column sits in them.
pub(super) struct Table {
    /// Position of each column of [`COLUMNS`] in a record; `None` when the file lacks it.
    at: [Option<usize>; COLUMNS.len()],
    pub(super) records: Vec<Record>,
}

/// One data line of the file.
pub(super) struct Record {
    /// 1-based line where the record starts (the header is line 1).
    pub(super) line: u64,
    cells: StringRecord,
}

impl Table {
    /// Whether the file has this column.
    pub(super) fn has(&self, col: Col) -> bool {
        self.at[col as usize].is_some()
    }

    /// The trimmed cell of a column, `None` when the file lacks the column. The apostrophe
    /// the export puts before a cell a spreadsheet would take for a formula is removed.
    pub(super) fn cell<'a>(&self, record: &'a Record, col: Col) -> Option<&'a str> {
        // Every record has as many cells as the header (the reader is not flexible).
        self.at[col as usize].map(|i| {
            caisse_core::text::from_spreadsheet_cell(record.cells.get(i).unwrap_or("").trim())
        })
    }
}

/// Reads the file; a bad header or malformed records are reported with their line.
pub(super) fn read_table(data: &[u8]) -> Result<Table, Vec<RowError>> {
    let mut errors = Vec::new();
    let add = |errors: &mut Vec<RowError>, line: u64, column: &str, code, reason: String| {
        errors.push(RowError {
            line,
            column: column.to_owned(),
            code,
            params: serde_json::Value::Null,
            reason,
        });
    };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect(),
        Err(e) => {
            add(
                &mut errors,
                1,
                "",
                "unreadable_header",
                format!("cannot read the header line: {e}"),
            );
            return Err(errors);
        }
    };
    let mut at = [None; COLUMNS.len()];
    for (i, h) in headers.iter().enumerate() {
        match COLUMNS.iter().position(|c| *c == h.as_str()) {
            Some(c) if at[c].is_some() => add(
                &mut errors,
                1,
                h,
                "duplicate_column",
                "column appears twice".to_owned(),
            ),
            Some(c) => at[c] = Some(i),
            None => add(
                &mut errors,
                1,
                h,
                "unknown_column",
                format!("unknown column (known: {})", COLUMNS.join(", ")),
            ),
        }
    }
    for req in REQUIRED {
        if !headers.iter().any(|h| h == req) {
            add(
                &mut errors,
                1,
                req,
                "missing_column",
                "required column is missing".to_owned(),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // About 100 bytes a row in typical catalogs: one reservation instead of ~20 regrowths.
    let mut records = Vec::with_capacity(data.len() / 100 + 1);
    let mut record = StringRecord::new();
    let mut lines = LineCounter::new(data);
    let mut i: u64 = 0;
    loop {
        // Read into one buffer, then keep an exact-size copy.
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => records.push(Record {
                line: record.position().map_or(i + 2, |p| lines.line_at(p.byte())),
                cells: record.clone(),
            }),
            Err(e) => {
                let line = e.position().map_or(i + 2, |p| lines.line_at(p.byte()));
                add(
                    &mut errors,
                    line,
                    "",
                    "malformed_row",
                    format!("malformed row: {e}"),
                );
            }
        }
        i += 1;
    }
    if errors.is_empty() {
        Ok(Table { at, records })
    } else {
        Err(errors)
    }
}

/// Tells the 1-based line a record starts on from its byte offset. The CSV reader's own line
/// count is one short for CRLF files (what spreadsheets write): a record's start is taken
/// before the LF of the previous line's CRLF. Here a line ends at LF, CRLF or a lone CR, and a
/// record starts at its first byte that is not a line break.
struct LineCounter<'a> {
    data: &'a [u8],
    /// Bytes before this offset are counted.
    scanned: usize,
    /// Line breaks before `scanned`.
    breaks: u64,
}

impl<'a> LineCounter<'a> {
    fn new(data: &'a [u8]) -> Self {
        LineCounter {
            data,
            scanned: 0,
            breaks: 0,
        }
    }

    /// The line of the record whose reading started at `byte` (offsets only grow).
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.data.len());
        while start < self.data.len() && matches!(self.data[start], b'\n' | b'\r') {
            start += 1;
        }
        if start > self.scanned {
            for i in self.scanned..start {
                let is_break = match self.data[i] {
                    b'\n' => true,
                    // CRLF counts once, at its LF.
                    b'\r' => self.data.get(i + 1) != Some(&b'\n'),
                    _ => false,
                };
                self.breaks += u64::from(is_break);
            }
            self.scanned = start;
        }
        self.breaks + 1
    }
}

/// A price in the file: a plain decimal in major units ("1.99" or "1,99"), no grouping.
pub(super) fn parse_amount(text: &str, digits: u32) -> Result<i64, String> {
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

pub(super) fn parse_bool(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "oui" => Ok(true),
        "0" | "false" | "no" | "n" | "non" => Ok(false),
        _ => Err(format!("{text:?} is not true/false")),
    }
}

pub(super) fn parse_attributes(text: &str) -> Result<Vec<(String, String)>, String> {
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
