//! Barcodes: what a scanner or cashier sent, turned into something the till can look up.
//!
//! Pure parsing, no I/O. Everything normalises to [`Gtin`] (14 digits) so that UPC-A, EAN-13
//! and GTIN-14 spellings of one product find the same catalog entry. Facts and test vectors:
//! `REFERENCE.md` §1-6.
//!
//! | file | concept |
//! |---|---|
//! | `gtin.rs` | GTIN check digit, normalisation, prefixes |
//! | `upce.rs` | UPC-E to UPC-A expansion |
//! | `variable.rs` | in-store scale and price labels (prefix 2) per country layout |
//! | `gs1.rs` | GS1 element strings (lot, dates, weight, price) |
//! | `isbn.rs` | ISBN-10 and ISSN to EAN-13 |
//! | `error.rs` | [`BarcodeError`] and its stable API codes |

mod error;
mod gs1;
mod gtin;
mod isbn;
mod upce;
mod variable;

pub use error::BarcodeError;
pub use gs1::{Gs1Data, parse_gs1};
pub use gtin::{Gtin, GtinPrefix, gtin_check_digit};
pub use isbn::{isbn10_to_isbn13, issn_to_ean13};
pub use upce::upce_to_upca;
pub use variable::{
    GenericKind, MeasureValue, ScaleLayout, VariableMeasure, parse_variable_measure,
    value_check_digit_4, value_check_digit_5,
};

use gs1::{GS, GS1_SYMBOLOGIES};

/// What a scanner or cashier sent, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannedCode {
    /// A product barcode (EAN-8, UPC-A/E, EAN-13, GTIN-14, or a book or periodical code).
    Gtin(Gtin),
    /// An in-store scale or price label: look up `lookup_key`, charge the embedded measure.
    VariableMeasure(VariableMeasure),
    /// A GS1 barcode carrying a GTIN and more (lot, dates, weight, price).
    Gs1(Gs1Data),
    /// Not a barcode: maybe a SKU or a name typed by the cashier; the caller may look it up.
    Text(String),
}

/// Classifies a scan or typed entry (surrounding whitespace, e.g. the scanner's Enter, ignored).
///
/// Rules, in order:
/// - empty -> `empty` error;
/// - a GS1 symbology identifier (`]C1`, `]e0`, `]d2`, `]Q3`), a leading "(" or a GS anywhere ->
///   [`parse_gs1`]; its GTIN is reported as is, even when it is a scale-label code;
/// - any other symbology identifier (`]E0` for EAN/UPC, `]C0` plain Code 128, ...) is removed
///   and the rest classified as below;
/// - "01" and 14 more digits, then anything -> a GS1 element string from a scanner that sends
///   no symbology identifier (GS1-128 and DataBar always start with the GTIN);
/// - all digits, by length: 6 or 7 -> UPC-E (6: number system 0 implied); 8 -> EAN-8, else
///   UPC-E; 10 -> ISBN-10; 12, 13, 14 -> GTIN; any other length -> `bad_length`;
/// - 9 digits and 'X' -> ISBN-10; hyphenated ISBN-10 (4 groups) or ISBN-13 (5 groups, 978/979)
///   and ISSN "NNNN-NNNC" (variant 00) -> their EAN-13;
/// - digits in space-separated groups, as printed under a barcode, totalling 8, 12, 13 or 14
///   digits -> as if typed without spaces;
/// - anything else -> [`ScannedCode::Text`].
///
/// A GTIN that is a scale label under `layout` becomes [`ScannedCode::VariableMeasure`].
/// A code of barcode shape with a wrong check digit is an error, never `Text`: numeric SKUs of
/// barcode lengths cannot be told from mistyped barcodes and are not supported as scan input.
/// SKUs containing a letter (or of a non-barcode shape with separators) arrive as `Text`.
pub fn classify_scan(input: &str, layout: &ScaleLayout) -> Result<ScannedCode, BarcodeError> {
    let s = input.trim();
    if GS1_SYMBOLOGIES.iter().any(|id| s.starts_with(id)) {
        return parse_gs1(s).map(ScannedCode::Gs1);
    }
    let s = strip_aim_identifier(s).map_or(s, str::trim);
    if s.is_empty() {
        return Err(BarcodeError::Empty);
    }
    if s.starts_with('(') || s.contains(GS) || starts_with_ai_01(s) {
        return parse_gs1(s).map(ScannedCode::Gs1);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return classify_digits(s, layout);
    }
    if let Some(code) = classify_book(s) {
        return code.and_then(|gtin| product(gtin, layout));
    }
    if let Some(digits) = join_digit_groups(s) {
        return classify_digits(&digits, layout);
    }
    Ok(ScannedCode::Text(s.to_owned()))
}

/// Whether `s` opens with AI (01) and a 14-digit GTIN, as GS1 data without a symbology
/// identifier does. No GTIN is 16 digits long, so this never hides a plain product code.
fn starts_with_ai_01(s: &str) -> bool {
    s.starts_with("01") && s.len() >= 16 && s.as_bytes()[..16].iter().all(u8::is_ascii_digit)
}

/// The rest after an AIM symbology identifier ("]" + letter + letter or digit), if any.
fn strip_aim_identifier(s: &str) -> Option<&str> {
    match s.as_bytes() {
        [b']', code, modifier, ..]
            if code.is_ascii_alphabetic() && modifier.is_ascii_alphanumeric() =>
        {
            Some(&s[3..])
        }
        _ => None,
    }
}

/// Classifies a non-empty string of ASCII digits by its length.
fn classify_digits(s: &str, layout: &ScaleLayout) -> Result<ScannedCode, BarcodeError> {
    match s.len() {
        6 => product(Gtin::parse(&upce_to_upca(s)?)?, layout),
        // Seven digits are only a UPC-E (number system + 6 digits); with another number
        // system they fit no barcode.
        7 => match upce_to_upca(s) {
            Ok(upca) => product(Gtin::parse(&upca)?, layout),
            Err(_) => Err(bad_scan_length(7)),
        },
        // Ambiguous: 8 digits may be an EAN-8 or a UPC-E with its check digit. A code that is a
        // valid EAN-8 is taken as EAN-8; otherwise a valid UPC-E; otherwise the EAN-8 error.
        8 => match Gtin::parse(s) {
            Ok(gtin) => product(gtin, layout),
            Err(ean8_error) => match upce_to_upca(s) {
                Ok(upca) => product(Gtin::parse(&upca)?, layout),
                Err(_) => Err(ean8_error),
            },
        },
        10 => product(isbn10_to_isbn13(s)?, layout),
        12..=14 => product(Gtin::parse(s)?, layout),
        n => Err(bad_scan_length(n)),
    }
}

fn bad_scan_length(got: usize) -> BarcodeError {
    BarcodeError::BadLength {
        what: "barcode",
        expected: "6, 7, 8, 10, 12, 13 or 14",
        got,
    }
}

/// A GTIN, or the scale label it encodes under `layout`.
fn product(gtin: Gtin, layout: &ScaleLayout) -> Result<ScannedCode, BarcodeError> {
    match parse_variable_measure(&gtin, layout) {
        Some(label) => label.map(ScannedCode::VariableMeasure),
        None => Ok(ScannedCode::Gtin(gtin)),
    }
}

/// Book and periodical numbers as printed: ISBN-10 with a final X, hyphenated ISBN-10 and
/// ISBN-13, ISSN. `None` when `s` has none of these shapes.
fn classify_book(s: &str) -> Option<Result<Gtin, BarcodeError>> {
    let b = s.as_bytes();
    let is_check = |c: &u8| c.is_ascii_digit() || *c == b'X' || *c == b'x';
    if b.len() == 10 && b[..9].iter().all(u8::is_ascii_digit) && is_check(&b[9]) {
        return Some(isbn10_to_isbn13(s));
    }
    if b.len() == 9
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..8]).all(u8::is_ascii_digit)
        && is_check(&b[8])
    {
        return Some(issn_to_ean13(s, 0));
    }
    let groups: Vec<&str> = s.split('-').collect();
    let (last, init) = groups.split_last()?;
    let shaped = last.len() == 1
        && last.bytes().all(|c| is_check(&c))
        && init
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|c| c.is_ascii_digit()));
    if !shaped {
        return None;
    }
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    match (groups.len(), digits) {
        (4, 10) => Some(isbn10_to_isbn13(s)),
        (5, 13) if groups[0] == "978" || groups[0] == "979" => Some(Gtin::parse(&groups.concat())),
        _ => None,
    }
}

/// "4 006381 333931" -> "4006381333931": digit groups separated by single spaces, as printed
/// under a barcode, when they add up to a GTIN length.
fn join_digit_groups(s: &str) -> Option<String> {
    let groups: Vec<&str> = s.split(' ').collect();
    let well_formed = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    let digits = groups.concat();
    (well_formed && matches!(digits.len(), 8 | 12..=14)).then_some(digits)
}
