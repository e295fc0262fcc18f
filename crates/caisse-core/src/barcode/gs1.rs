//! GS1 element strings: GTIN, lot, dates, weight and price from GS1-128, DataBar, DataMatrix
//! and QR codes (REFERENCE §5).
//!
//! A variable-length value ends at a GS (FNC1) or at the end of the data. Without the GS the
//! parser cannot know where a value stops, so it does not guess: `10ABC12321SN0001` is one lot
//! "ABC12321SN0001", never a lot plus a serial.
//!
//! Years are read as 2000 + YY. GS1 asks for a sliding window around today's date, but the core
//! has no clock; 2000-2099 is right for any goods sold this century.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::{BarcodeError, Gtin};

/// The group separator a scanner sends for FNC1.
pub(crate) const GS: char = '\x1D';

/// Symbology identifiers (AIM) of the barcodes that carry GS1 element strings: GS1-128,
/// GS1 DataBar, GS1 DataMatrix, GS1 QR.
pub(crate) const GS1_SYMBOLOGIES: [&str; 4] = ["]C1", "]e0", "]d2", "]Q3"];

/// What a GS1 barcode on a pack says: the product and, when present, its lot, serial, dates,
/// count, weight and price.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gs1Data {
    /// AI (01): the product.
    pub gtin: Option<Gtin>,
    /// AI (10): batch or lot number, for recalls.
    pub lot: Option<String>,
    /// AI (21): serial number of this very unit.
    pub serial: Option<String>,
    /// AI (11): production date.
    pub production_date: Option<Date>,
    /// AI (13): packaging date.
    pub packaging_date: Option<Date>,
    /// AI (15): best before date (quality).
    pub best_before: Option<Date>,
    /// AI (17): expiry date (safety: do not sell after it).
    pub expiry: Option<Date>,
    /// AI (30): number of items in a variable-count pack.
    pub count: Option<u32>,
    /// AI (310n): net weight in kilograms.
    pub net_weight_kg: Option<Decimal>,
    /// AI (392n) or (393n): the price to charge.
    pub price: Option<Decimal>,
    /// AI (393n): ISO 4217 numeric code of the price currency (978 = EUR).
    pub price_currency_numeric: Option<u16>,
    /// Other known AIs this till stores as-is, as (AI, value) in scan order, e.g. ("00", SSCC).
    pub other: Vec<(String, String)>,
}

/// Reads a GS1 element string as a scanner or cashier sends it.
///
/// Accepted forms: with a GS1 symbology identifier (`]C1`, `]e0`, `]d2`, `]Q3`) or without one,
/// GS (0x1D) as FNC1 after variable-length values, and the human-readable form with the AIs in
/// parentheses, `(01)09501101530003(17)260630(10)ABC123`, as typed at the till (there a value
/// ends at the next "(").
pub fn parse_gs1(input: &str) -> Result<Gs1Data, BarcodeError> {
    let data = strip_symbology(input.trim())?;
    if data.trim_start_matches(GS).is_empty() {
        return Err(BarcodeError::Empty);
    }
    let mut out = Gs1Data::default();
    if data.starts_with('(') {
        parse_bracketed(data, &mut out)?;
    } else {
        parse_raw(data, &mut out)?;
    }
    Ok(out)
}

/// Removes a GS1 symbology identifier; refuses identifiers of barcodes that carry no GS1 data.
fn strip_symbology(s: &str) -> Result<&str, BarcodeError> {
    if !s.starts_with(']') {
        return Ok(s);
    }
    match GS1_SYMBOLOGIES.iter().find_map(|id| s.strip_prefix(id)) {
        Some(rest) => Ok(rest),
        None => Err(BarcodeError::UnsupportedSymbology {
            id: s.chars().take(3).collect(),
        }),
    }
}

/// The raw form: AIs and values back to back, GS after variable-length values.
fn parse_raw(data: &str, out: &mut Gs1Data) -> Result<(), BarcodeError> {
    let mut rest = data;
    loop {
        rest = rest.trim_start_matches(GS);
        if rest.is_empty() {
            return Ok(());
        }
        let (ai, spec) = read_ai(rest)?;
        rest = &rest[ai.len()..];
        let field_end = rest.find(GS).unwrap_or(rest.len());
        let field = &rest[..field_end];
        let value = match spec.len {
            Len::Fixed(n) => match field.char_indices().nth(n) {
                Some((end, _)) => &field[..end],
                None if field.chars().count() == n => field,
                None => {
                    return Err(BarcodeError::Truncated {
                        ai: ai.to_owned(),
                        expected: n,
                        got: field.chars().count(),
                    });
                }
            },
            Len::Var(_) => field,
        };
        rest = &rest[value.len()..];
        apply(out, ai, spec, value)?;
    }
}

/// The human-readable form: "(AI)value" repeated; spaces around values are ignored.
fn parse_bracketed(data: &str, out: &mut Gs1Data) -> Result<(), BarcodeError> {
    let mut rest = data.trim();
    while !rest.is_empty() {
        let unknown = || BarcodeError::UnknownAi {
            found: rest.chars().take(4).collect(),
        };
        let inner = rest.strip_prefix('(').ok_or_else(unknown)?;
        let (ai, after) = inner.split_once(')').ok_or_else(unknown)?;
        let spec = spec(ai)
            .filter(|_| ai.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| BarcodeError::UnknownAi {
                found: ai.to_owned(),
            })?;
        let value_end = after.find('(').unwrap_or(after.len());
        let value = after[..value_end].trim_matches(|c: char| c.is_whitespace() || c == GS);
        if let Len::Fixed(n) = spec.len {
            let got = value.chars().count();
            if got < n {
                return Err(BarcodeError::Truncated {
                    ai: ai.to_owned(),
                    expected: n,
                    got,
                });
            }
            if got > n {
                return Err(bad_value(
                    ai,
                    format!("must be exactly {n} characters, got {got}"),
                ));
            }
        }
        apply(out, ai, spec, value)?;
        rest = after[value_end..].trim_start();
    }
    Ok(())
}

/// Finds the AI at the start of `s`. GS1 AIs are prefix-free, so the first known 2-, 3- or
/// 4-digit prefix is the AI.
fn read_ai(s: &str) -> Result<(&str, Spec), BarcodeError> {
    (2..=4)
        .filter_map(|n| s.get(..n))
        .filter(|ai| ai.bytes().all(|b| b.is_ascii_digit()))
        .find_map(|ai| spec(ai).map(|spec| (ai, spec)))
        .ok_or_else(|| BarcodeError::UnknownAi {
            found: s.chars().take(4).collect(),
        })
}

/// Length rule of an AI value: fixed, or variable up to a maximum.
#[derive(Debug, Clone, Copy)]
enum Len {
    Fixed(usize),
    Var(usize),
}

/// Characters an AI value may hold.
#[derive(Debug, Clone, Copy)]
enum Charset {
    Digits,
    /// GS1 AI encodable character set 82 (a subset of printable ASCII).
    Cset82,
}

/// Where a value goes in [`Gs1Data`].
#[derive(Debug, Clone, Copy)]
enum Field {
    Gtin,
    Lot,
    Serial,
    Production,
    Packaging,
    BestBefore,
    Expiry,
    Count,
    NetWeightKg(u32),
    Price(u32),
    PriceWithCurrency(u32),
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Spec {
    len: Len,
    charset: Charset,
    field: Field,
}

/// The AIs this till understands (a subset of the GS1 table; others are `unknown_ai`).
fn spec(ai: &str) -> Option<Spec> {
    use Charset::{Cset82, Digits};
    use Len::{Fixed, Var};
    let s = |len, charset, field| {
        Some(Spec {
            len,
            charset,
            field,
        })
    };
    match ai {
        "00" => s(Fixed(18), Digits, Field::Other),
        "01" => s(Fixed(14), Digits, Field::Gtin),
        "02" => s(Fixed(14), Digits, Field::Other),
        "10" => s(Var(20), Cset82, Field::Lot),
        "11" => s(Fixed(6), Digits, Field::Production),
        "12" | "16" => s(Fixed(6), Digits, Field::Other),
        "13" => s(Fixed(6), Digits, Field::Packaging),
        "15" => s(Fixed(6), Digits, Field::BestBefore),
        "17" => s(Fixed(6), Digits, Field::Expiry),
        "20" => s(Fixed(2), Digits, Field::Other),
        "21" => s(Var(20), Cset82, Field::Serial),
        "22" => s(Var(20), Cset82, Field::Other),
        "30" => s(Var(8), Digits, Field::Count),
        "37" => s(Var(8), Digits, Field::Other),
        "240" | "241" | "250" | "400" => s(Var(30), Cset82, Field::Other),
        "410" | "411" | "412" | "413" | "414" | "415" => s(Fixed(13), Digits, Field::Other),
        "420" => s(Var(20), Cset82, Field::Other),
        "422" => s(Fixed(3), Digits, Field::Other),
        "91" | "92" | "93" | "94" | "95" | "96" | "97" | "98" | "99" => {
            s(Var(90), Cset82, Field::Other)
        }
        _ => {
            let (head, n) = ai.split_at_checked(3)?;
            let n = match n.as_bytes() {
                [d @ b'0'..=b'9'] => u32::from(d - b'0'),
                _ => return None,
            };
            match head {
                "310" if n <= 5 => s(Fixed(6), Digits, Field::NetWeightKg(n)),
                "320" if n <= 5 => s(Fixed(6), Digits, Field::Other),
                "392" => s(Var(15), Digits, Field::Price(n)),
                "393" => s(Var(18), Digits, Field::PriceWithCurrency(n)),
                _ => None,
            }
        }
    }
}

/// Checks `value` against the AI's rules and stores it in `out`.
fn apply(out: &mut Gs1Data, ai: &str, spec: Spec, value: &str) -> Result<(), BarcodeError> {
    if value.is_empty() {
        return Err(bad_value(ai, "has no value".to_owned()));
    }
    if let Len::Var(max) = spec.len {
        let got = value.chars().count();
        if got > max {
            return Err(bad_value(
                ai,
                format!("is at most {max} characters, got {got}"),
            ));
        }
    }
    check_charset(ai, spec.charset, value)?;
    match spec.field {
        Field::Gtin => {
            let gtin = Gtin::from_checked_digits(value.as_bytes(), "GTIN in AI (01)")?;
            set_once(&mut out.gtin, gtin, ai)
        }
        Field::Lot => set_once(&mut out.lot, value.to_owned(), ai),
        Field::Serial => set_once(&mut out.serial, value.to_owned(), ai),
        Field::Production => set_once(&mut out.production_date, date(ai, value)?, ai),
        Field::Packaging => set_once(&mut out.packaging_date, date(ai, value)?, ai),
        Field::BestBefore => set_once(&mut out.best_before, date(ai, value)?, ai),
        Field::Expiry => set_once(&mut out.expiry, date(ai, value)?, ai),
        Field::Count => set_once(&mut out.count, parse_number(ai, value)?, ai),
        Field::NetWeightKg(decimals) => {
            set_once(&mut out.net_weight_kg, amount(value, decimals), ai)
        }
        Field::Price(decimals) => set_once(&mut out.price, amount(value, decimals), ai),
        Field::PriceWithCurrency(decimals) => {
            let (currency, amount_digits) = match value.split_at_checked(3) {
                Some((c, a)) if !a.is_empty() => (c, a),
                _ => {
                    return Err(bad_value(
                        ai,
                        format!("needs a 3-digit currency code and an amount, got {value:?}"),
                    ));
                }
            };
            set_once(&mut out.price, amount(amount_digits, decimals), ai)?;
            set_once(
                &mut out.price_currency_numeric,
                parse_number(ai, currency)?,
                ai,
            )
        }
        Field::Other => {
            out.other.push((ai.to_owned(), value.to_owned()));
            Ok(())
        }
    }
}

fn bad_value(ai: &str, reason: String) -> BarcodeError {
    BarcodeError::BadAiValue {
        ai: ai.to_owned(),
        reason,
    }
}

/// Stores `value`, refusing a second, different value for the same field.
fn set_once<T: PartialEq>(slot: &mut Option<T>, value: T, ai: &str) -> Result<(), BarcodeError> {
    match slot {
        Some(old) if *old != value => Err(bad_value(
            ai,
            "appears twice with different values".to_owned(),
        )),
        _ => {
            *slot = Some(value);
            Ok(())
        }
    }
}

fn check_charset(ai: &str, charset: Charset, value: &str) -> Result<(), BarcodeError> {
    let allowed = |c: char| match charset {
        Charset::Digits => c.is_ascii_digit(),
        Charset::Cset82 => is_cset82(c),
    };
    match value.chars().find(|&c| !allowed(c)) {
        None => Ok(()),
        Some(c) => Err(bad_value(
            ai,
            match charset {
                Charset::Digits => format!("must be digits only, found {c:?}"),
                Charset::Cset82 => format!("character {c:?} is not allowed in GS1 data"),
            },
        )),
    }
}

/// GS1 AI encodable character set 82: letters, digits and `!"%&'()*+,-./:;<=>?_`.
fn is_cset82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

/// Value of a string of at most 18 ASCII digits (checked by the caller).
fn number(digits: &str) -> u64 {
    digits
        .bytes()
        .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'))
}

/// Digits (checked by the caller) as a number of type `T`.
fn parse_number<T: std::str::FromStr>(ai: &str, digits: &str) -> Result<T, BarcodeError> {
    digits
        .parse()
        .map_err(|_| bad_value(ai, format!("{digits} is out of range")))
}

/// At most 15 ASCII digits with `decimals` implied decimal places, e.g. ("0599", 2) -> 5.99.
fn amount(digits: &str, decimals: u32) -> Decimal {
    Decimal::from_i128_with_scale(i128::from(number(digits)), decimals)
}

/// A YYMMDD date; day 00 means the last day of the month.
fn date(ai: &str, value: &str) -> Result<Date, BarcodeError> {
    let bad = || BarcodeError::BadDate {
        ai: ai.to_owned(),
        value: value.to_owned(),
    };
    let part = |i: usize| value.get(i..i + 2).and_then(|p| p.parse::<i8>().ok());
    let (Some(yy), Some(month), Some(day)) = (part(0), part(2), part(4)) else {
        return Err(bad());
    };
    let year = 2000 + i16::from(yy);
    if day == 0 {
        Date::new(year, month, 1)
            .map(Date::last_of_month)
            .map_err(|_| bad())
    } else {
        Date::new(year, month, day).map_err(|_| bad())
    }
}
