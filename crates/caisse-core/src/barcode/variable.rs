//! Variable-measure EAN-13: scale and price labels printed in the store (REFERENCE §4).
//!
//! Only 13-digit EAN codes starting with 2 (GTIN-14 "02...") are read here. UPC-A codes with
//! number system 2 (GTIN-14 "002...") are the North-American equivalent, but their layout varies
//! by retailer; they are treated as ordinary GTINs.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::gtin::ensure_digits;
use super::{BarcodeError, Gtin};

/// The scale-label scheme of the store's country (set by its GS1 office), which says how the
/// price or weight is packed into in-store barcodes starting with 2.
///
/// Names used in configuration (`FromStr`/`Display`, case-insensitive on input): `se`, `no`,
/// `fi`, `ee`, `lv`, `lt`, `de`, `gb`, `dk`, `none`, and for the common "2X IIIII VVVVV" scheme
/// `generic-price-<d>` or `generic-weight-<d>` with `<d>` decimals from 0 to 5, e.g.
/// `generic-price-2`, `generic-weight-3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ScaleLayout {
    /// Sweden: 20/21/22 price with 2/1/0 decimals, 23/24/25 weight with 3/2/1 decimals.
    Se,
    /// Norway: same scheme as Sweden.
    No,
    /// Finland: 23/24/25 weight with 3/2/1 decimals.
    Fi,
    /// Estonia: 23/24/25 weight with 3/2/1 decimals.
    Ee,
    /// Latvia: 23/24/25 weight with 3/2/1 decimals.
    Lv,
    /// Lithuania: 23/24/25 weight with 3/2/1 decimals.
    Lt,
    /// Germany: 22/23 price, 25/26 count, 28/29 weight (kg, 3 decimals), with a value check digit.
    De,
    /// United Kingdom: 20 price with a value check digit.
    Gb,
    /// Denmark: 21-24 price, 26/28 weight (6-digit value), 27 weight (5-digit value).
    Dk,
    /// "2X IIIII VVVVV" on every 20-29 prefix: 5-digit item, 5-digit price or weight.
    Generic {
        /// Whether the value is a price or a weight in kg.
        prefix_kind: GenericKind,
        /// Number of decimals in the value (0 to 5).
        decimals: u8,
    },
    /// "2X IIIII VVVVV" with the kind chosen by prefix: 20-27 price (2 decimals), 28-29 weight
    /// (kg, 3 decimals). A common convention for scale labels in French shops; the demo uses it.
    GenericMixed,
    /// The store does not use scale labels: codes starting with 2 are ordinary item codes.
    #[default]
    None,
}

/// What the value of a generic scale label holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GenericKind {
    /// The value is the price to charge.
    Price,
    /// The value is the net weight in kg.
    Weight,
}

/// A scanned scale or price label: the item to look up and the measure printed in the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableMeasure {
    /// The code as scanned, value included (for the journal).
    pub scanned: Gtin,
    /// The catalog key of the item: the code with the value (and value check) zeroed.
    pub lookup_key: Gtin,
    /// The item number inside the label as the scale knows it (PLU), e.g. "123456".
    pub item_reference: String,
    /// The price, weight or count printed in the code.
    pub value: MeasureValue,
}

/// The measure a scale label carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureValue {
    /// The price to charge for this label, in the store currency.
    Price(Decimal),
    /// The net weight in kilograms.
    WeightKg(Decimal),
    /// A number of pieces.
    Count(u32),
}

/// Largest number of decimals a generic layout may declare (the value has 5 digits).
const MAX_GENERIC_DECIMALS: u8 = 5;

/// How a layout packs one prefix: item digits, optional value check digit, value digits.
struct Rule {
    item_len: usize,
    value_check: bool,
    unit: Unit,
}

#[derive(Clone, Copy)]
enum Unit {
    Price(u8),
    Weight(u8),
    Count,
}

/// The rule `layout` applies to EAN-13 prefix `prefix` (20..=29), if any.
fn rule(layout: &ScaleLayout, prefix: u8) -> Option<Rule> {
    let plain = |item_len, unit| {
        Some(Rule {
            item_len,
            value_check: false,
            unit,
        })
    };
    let checked = |item_len, unit| {
        Some(Rule {
            item_len,
            value_check: true,
            unit,
        })
    };
    let nordic_weight = |prefix| match prefix {
        23 => plain(6, Unit::Weight(3)),
        24 => plain(6, Unit::Weight(2)),
        25 => plain(6, Unit::Weight(1)),
        _ => None,
    };
    match layout {
        ScaleLayout::Se | ScaleLayout::No => match prefix {
            20 => plain(6, Unit::Price(2)),
            21 => plain(6, Unit::Price(1)),
            22 => plain(6, Unit::Price(0)),
            _ => nordic_weight(prefix),
        },
        ScaleLayout::Fi | ScaleLayout::Ee | ScaleLayout::Lv | ScaleLayout::Lt => {
            nordic_weight(prefix)
        }
        ScaleLayout::De => match prefix {
            22 | 23 => checked(4, Unit::Price(2)),
            25 | 26 => checked(4, Unit::Count),
            28 | 29 => checked(4, Unit::Weight(3)),
            _ => None,
        },
        ScaleLayout::Gb => match prefix {
            20 => checked(5, Unit::Price(2)),
            _ => None,
        },
        ScaleLayout::Dk => match prefix {
            21..=24 => plain(4, Unit::Price(2)),
            26 | 28 => plain(4, Unit::Weight(3)),
            27 => plain(5, Unit::Weight(3)),
            _ => None,
        },
        ScaleLayout::Generic {
            prefix_kind,
            decimals,
        } => match prefix_kind {
            GenericKind::Price => plain(5, Unit::Price(*decimals)),
            GenericKind::Weight => plain(5, Unit::Weight(*decimals)),
        },
        ScaleLayout::GenericMixed => match prefix {
            28 | 29 => plain(5, Unit::Weight(3)),
            _ => plain(5, Unit::Price(2)),
        },
        ScaleLayout::None => None,
    }
}

/// Reads the price, weight or count out of an in-store label for the store's layout.
///
/// Returns `None` when the code is not a variable-measure code under `layout` (not an EAN-13
/// starting with 2, or a prefix the layout does not use), and an error when it is one but its
/// value check digit is wrong.
pub fn parse_variable_measure(
    gtin: &Gtin,
    layout: &ScaleLayout,
) -> Option<Result<VariableMeasure, BarcodeError>> {
    let digits = gtin.digits();
    if digits[0] != b'0' || digits[1] != b'2' {
        return None;
    }
    // The EAN-13 form: digits[1..14]; its first two digits are the prefix 20..=29.
    let ean = &digits[1..];
    let prefix = 20 + (ean[1] - b'0');
    let rule = rule(layout, prefix)?;
    Some(read_label(gtin, ean, &rule))
}

fn read_label(gtin: &Gtin, ean: &[u8], rule: &Rule) -> Result<VariableMeasure, BarcodeError> {
    let item_end = 2 + rule.item_len;
    let value_start = item_end + usize::from(rule.value_check);
    let value_digits = &ean[value_start..12];
    if rule.value_check {
        let printed = ean[item_end] - b'0';
        let due = value_check(value_digits);
        if printed != due {
            return Err(BarcodeError::BadValueCheckDigit {
                expected: due,
                got: printed,
            });
        }
    }
    let raw = value_digits
        .iter()
        .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    let value = match rule.unit {
        Unit::Price(d) => MeasureValue::Price(decimal(raw, d)?),
        Unit::Weight(d) => MeasureValue::WeightKg(decimal(raw, d)?),
        Unit::Count => MeasureValue::Count(raw),
    };
    let mut key_body = [b'0'; 12];
    key_body[..item_end].copy_from_slice(&ean[..item_end]);
    Ok(VariableMeasure {
        scanned: *gtin,
        lookup_key: Gtin::from_body(&key_body),
        item_reference: ean[2..item_end].iter().map(|&b| char::from(b)).collect(),
        value,
    })
}

/// `raw` with `decimals` decimal places, e.g. (4990, 2) -> 49.90.
fn decimal(raw: u32, decimals: u8) -> Result<Decimal, BarcodeError> {
    if decimals > MAX_GENERIC_DECIMALS {
        return Err(BarcodeError::BadLayout {
            reason: format!("at most {MAX_GENERIC_DECIMALS} decimals, got {decimals}"),
        });
    }
    Ok(Decimal::new(i64::from(raw), u32::from(decimals)))
}

/// Weighted values of a digit, GS1 General Specifications 7.9.2: "2-", "3", "5+" and "5-".
const W2_MINUS: [u8; 10] = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const W3: [u8; 10] = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
const W5_PLUS: [u8; 10] = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const W5_MINUS: [u8; 10] = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];
/// The digit whose "5-" value is the index: `W5_MINUS[W5_MINUS_INVERSE[r]] == r`.
const W5_MINUS_INVERSE: [u8; 10] = [0, 9, 7, 5, 3, 1, 8, 6, 4, 2];

/// Value check digit over 4 or 5 ASCII digits (the caller guarantees the length).
fn value_check(value: &[u8]) -> u8 {
    let d = |i: usize| usize::from(value[i] - b'0');
    if value.len() == 4 {
        let sum = W2_MINUS[d(0)] + W2_MINUS[d(1)] + W3[d(2)] + W5_MINUS[d(3)];
        (sum * 3) % 10
    } else {
        let sum: u32 = [
            W5_PLUS[d(0)],
            W2_MINUS[d(1)],
            W5_MINUS[d(2)],
            W5_PLUS[d(3)],
            W2_MINUS[d(4)],
        ]
        .iter()
        .map(|&w| u32::from(w))
        .sum();
        let r = (10 - sum % 10) % 10;
        W5_MINUS_INVERSE[r as usize]
    }
}

/// Check digit of a 4-digit price or weight on a scale label (GS1 General Specifications 7.9.3),
/// e.g. "0399" -> 2.
pub fn value_check_digit_4(value: &str) -> Result<u8, BarcodeError> {
    value_check_of(value, 4, "4")
}

/// Check digit of a 5-digit price or weight on a scale label (GS1 General Specifications 7.9.4),
/// e.g. "01299" -> 5.
pub fn value_check_digit_5(value: &str) -> Result<u8, BarcodeError> {
    value_check_of(value, 5, "5")
}

fn value_check_of(value: &str, len: usize, expected: &'static str) -> Result<u8, BarcodeError> {
    if value.is_empty() {
        return Err(BarcodeError::Empty);
    }
    ensure_digits(value, "label value")?;
    if value.len() != len {
        return Err(BarcodeError::BadLength {
            what: "label value",
            expected,
            got: value.len(),
        });
    }
    Ok(value_check(value.as_bytes()))
}

impl fmt::Display for ScaleLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Self::Se => "se",
            Self::No => "no",
            Self::Fi => "fi",
            Self::Ee => "ee",
            Self::Lv => "lv",
            Self::Lt => "lt",
            Self::De => "de",
            Self::Gb => "gb",
            Self::Dk => "dk",
            Self::None => "none",
            Self::GenericMixed => "generic-mixed",
            Self::Generic {
                prefix_kind,
                decimals,
            } => {
                let kind = match prefix_kind {
                    GenericKind::Price => "price",
                    GenericKind::Weight => "weight",
                };
                return write!(f, "generic-{kind}-{decimals}");
            }
        };
        f.write_str(name)
    }
}

impl FromStr for ScaleLayout {
    type Err = BarcodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let layout = match lower.as_str() {
            "se" => Self::Se,
            "no" => Self::No,
            "fi" => Self::Fi,
            "ee" => Self::Ee,
            "lv" => Self::Lv,
            "lt" => Self::Lt,
            "de" => Self::De,
            "gb" => Self::Gb,
            "dk" => Self::Dk,
            "none" => Self::None,
            "generic-mixed" => Self::GenericMixed,
            other => return parse_generic(other),
        };
        Ok(layout)
    }
}

/// Parses `generic-price-<d>` / `generic-weight-<d>`.
fn parse_generic(name: &str) -> Result<ScaleLayout, BarcodeError> {
    let unknown = || BarcodeError::BadLayout {
        reason: format!(
            "unknown layout {name:?}; expected se, no, fi, ee, lv, lt, de, gb, dk, none, \
             generic-price-<decimals> or generic-weight-<decimals>"
        ),
    };
    let rest = name.strip_prefix("generic-").ok_or_else(unknown)?;
    let (kind, decimals) = rest.split_once('-').ok_or_else(unknown)?;
    let prefix_kind = match kind {
        "price" => GenericKind::Price,
        "weight" => GenericKind::Weight,
        _ => return Err(unknown()),
    };
    let decimals = match decimals.parse::<u8>() {
        Ok(d) if d <= MAX_GENERIC_DECIMALS && decimals.len() == 1 => d,
        _ => {
            return Err(BarcodeError::BadLayout {
                reason: format!(
                    "decimals in {name:?} must be a digit from 0 to {MAX_GENERIC_DECIMALS}"
                ),
            });
        }
    };
    Ok(ScaleLayout::Generic {
        prefix_kind,
        decimals,
    })
}

impl Serialize for ScaleLayout {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ScaleLayout {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_minus_inverse_undoes_five_minus() {
        for r in 0..10 {
            assert_eq!(usize::from(W5_MINUS[usize::from(W5_MINUS_INVERSE[r])]), r);
        }
    }
}
