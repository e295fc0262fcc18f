//! GTIN: the number behind EAN-8, UPC-A, EAN-13 and GTIN-14 barcodes (REFERENCE §1, §3).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::BarcodeError;

/// A product number as printed under a retail barcode (EAN-8, UPC-A, EAN-13 or GTIN-14) with a
/// verified check digit, stored as its 14-digit form so every spelling finds the same item.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gtin([u8; 14]);

/// What the first digits of a GTIN say about the item at the till (REFERENCE §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GtinPrefix {
    /// An ordinary trade item from a manufacturer; look it up in the catalog.
    Ordinary,
    /// 020-029 / 200-299: restricted circulation, typically in-store scale or price labels.
    RestrictedCirculation,
    /// 040-049: numbers a company assigns for its own internal use.
    CompanyInternal,
    /// 977: a periodical (magazine or newspaper) identified by its ISSN.
    Issn,
    /// 978/979: a book identified by its ISBN.
    Isbn,
    /// 980: a refund receipt.
    RefundReceipt,
    /// 981-983 and 99: a coupon.
    Coupon,
}

impl Gtin {
    /// Reads an EAN-8, UPC-A, EAN-13 or GTIN-14 (8, 12, 13 or 14 digits) and verifies its check
    /// digit; no spaces or other characters are accepted.
    pub fn parse(s: &str) -> Result<Gtin, BarcodeError> {
        if s.is_empty() {
            return Err(BarcodeError::Empty);
        }
        ensure_digits(s, "GTIN")?;
        let what = match s.len() {
            8 => "EAN-8",
            12 => "UPC-A",
            13 => "EAN-13",
            14 => "GTIN-14",
            got => {
                return Err(BarcodeError::BadLength {
                    what: "GTIN",
                    expected: "8, 12, 13 or 14",
                    got,
                });
            }
        };
        Self::from_checked_digits(s.as_bytes(), what)
    }

    /// Rebuilds a GTIN from the number returned by [`Gtin::to_u64`] (check digit verified).
    pub fn from_u64(n: u64) -> Result<Gtin, BarcodeError> {
        let s = format!("{n:014}");
        if s.len() != 14 {
            return Err(BarcodeError::BadLength {
                what: "GTIN",
                expected: "at most 14",
                got: s.len(),
            });
        }
        Self::from_checked_digits(s.as_bytes(), "GTIN-14")
    }

    /// The 14-digit form used for catalog lookups, e.g. "00036000291452".
    pub fn as_gtin14(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a Gtin holds ASCII digits only")
    }

    /// The 14 digits read as one number, for compact indexes (at most 99 999 999 999 999).
    pub fn to_u64(&self) -> u64 {
        self.0
            .iter()
            .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'))
    }

    /// The form printed under the barcode: EAN-8, UPC-A, EAN-13 or GTIN-14, without needless
    /// leading zeros.
    ///
    /// Six leading zeros mean an EAN-8 (GS1 reserves GTIN-12 numbers starting with 00000 so that
    /// the padded forms never collide), two mean a UPC-A, one an EAN-13.
    pub fn shortest(&self) -> String {
        let s = self.as_gtin14();
        let start = if s.starts_with("000000") {
            6
        } else if s.starts_with("00") {
            2
        } else if s.starts_with('0') {
            1
        } else {
            0
        };
        s[start..].to_owned()
    }

    /// What the prefix says about the item (REFERENCE §3), read from the EAN-13 form.
    ///
    /// GTIN-14 with a non-zero indicator (cases of goods) and EAN-8 codes are reported as
    /// [`GtinPrefix::Ordinary`]: their prefixes follow other rules.
    pub fn prefix_kind(&self) -> GtinPrefix {
        let s = self.as_gtin14();
        if !s.starts_with('0') || s.starts_with("000000") {
            return GtinPrefix::Ordinary;
        }
        let p3 = self.digits_value(1, 3);
        match p3 {
            20..=29 | 200..=299 => GtinPrefix::RestrictedCirculation,
            40..=49 => GtinPrefix::CompanyInternal,
            977 => GtinPrefix::Issn,
            978 | 979 => GtinPrefix::Isbn,
            980 => GtinPrefix::RefundReceipt,
            981..=983 | 990..=999 => GtinPrefix::Coupon,
            _ => GtinPrefix::Ordinary,
        }
    }

    /// The 14 digits as ASCII bytes.
    pub(crate) fn digits(&self) -> &[u8; 14] {
        &self.0
    }

    /// Numeric value of `len` digits starting at `start` of the 14-digit form.
    pub(crate) fn digits_value(&self, start: usize, len: usize) -> u64 {
        self.0[start..start + len]
            .iter()
            .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'))
    }

    /// Builds a GTIN from a body of 7, 11, 12 or 13 ASCII digits, appending the check digit.
    pub(crate) fn from_body(body: &[u8]) -> Gtin {
        debug_assert!(matches!(body.len(), 7 | 11 | 12 | 13));
        debug_assert!(body.iter().all(u8::is_ascii_digit));
        let mut out = [b'0'; 14];
        let start = 13 - body.len();
        out[start..13].copy_from_slice(body);
        out[13] = b'0' + mod10_check(body);
        Gtin(out)
    }

    /// Builds a GTIN from 8, 12, 13 or 14 ASCII digits whose last digit must be the check digit.
    pub(crate) fn from_checked_digits(
        digits: &[u8],
        what: &'static str,
    ) -> Result<Gtin, BarcodeError> {
        debug_assert!(matches!(digits.len(), 8 | 12 | 13 | 14));
        let Some((&check, body)) = digits.split_last() else {
            return Err(BarcodeError::Empty);
        };
        let expected = mod10_check(body);
        if check != b'0' + expected {
            return Err(BarcodeError::BadCheckDigit {
                what,
                expected: char::from(b'0' + expected),
                got: char::from(check),
            });
        }
        let mut out = [b'0'; 14];
        out[14 - digits.len()..].copy_from_slice(digits);
        Ok(Gtin(out))
    }
}

/// Computes the GTIN check digit for `body`, the digits without their check digit (7 for EAN-8,
/// 11 for UPC-A, 12 for EAN-13 and GLN, 13 for GTIN-14, 17 for SSCC; any length from 1 to 17).
pub fn gtin_check_digit(body: &str) -> Result<u8, BarcodeError> {
    if body.is_empty() {
        return Err(BarcodeError::Empty);
    }
    ensure_digits(body, "GTIN body")?;
    if body.len() > 17 {
        return Err(BarcodeError::BadLength {
            what: "GTIN body",
            expected: "1 to 17",
            got: body.len(),
        });
    }
    Ok(mod10_check(body.as_bytes()))
}

/// Mod-10 check digit over ASCII digits: weights 3, 1, 3, ... from the rightmost digit.
pub(crate) fn mod10_check(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 { 3 * d } else { d }
        })
        .sum();
    // The result is below 10, so the narrowing cannot lose anything.
    ((10 - sum % 10) % 10) as u8
}

/// Refuses anything but ASCII digits, naming the first offending character (1-based position).
pub(crate) fn ensure_digits(s: &str, what: &'static str) -> Result<(), BarcodeError> {
    match s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, found)) => Err(BarcodeError::NotNumeric {
            what,
            found,
            position: i + 1,
        }),
        None => Ok(()),
    }
}

impl FromStr for Gtin {
    type Err = BarcodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Gtin::parse(s)
    }
}

impl fmt::Display for Gtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_gtin14())
    }
}

impl fmt::Debug for Gtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Gtin").field(&self.as_gtin14()).finish()
    }
}

impl Serialize for Gtin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_gtin14())
    }
}

impl<'de> Deserialize<'de> for Gtin {
    /// Accepts any of the 8/12/13/14-digit forms, so stored data may use the printed form.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GtinVisitor;

        impl serde::de::Visitor<'_> for GtinVisitor {
            type Value = Gtin;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a GTIN of 8, 12, 13 or 14 digits")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Gtin, E> {
                Gtin::parse(v).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(GtinVisitor)
    }
}
