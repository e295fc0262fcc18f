//! UPC-E: the zero-suppressed 8-digit UPC on small packs, expanded to its UPC-A (REFERENCE §2).

use super::gtin::{ensure_digits, mod10_check};
use super::{BarcodeError, Gtin};

/// Expands a UPC-E code to the 12-digit UPC-A the catalog knows it by.
///
/// Accepts what scanners send: 6 digits (number system 0 implied, no check digit), 7 digits
/// (number system + 6) or 8 digits (number system + 6 + check digit, which is verified). The
/// number system must be 0 or 1. The UPC-E check digit is the UPC-A one.
pub fn upce_to_upca(s: &str) -> Result<String, BarcodeError> {
    if s.is_empty() {
        return Err(BarcodeError::Empty);
    }
    ensure_digits(s, "UPC-E")?;
    let b = s.as_bytes();
    let (ns, core, check) = match b.len() {
        6 => (b'0', b, None),
        7 => (b[0], &b[1..], None),
        8 => (b[0], &b[1..7], Some(b[7])),
        got => {
            return Err(BarcodeError::BadLength {
                what: "UPC-E",
                expected: "6, 7 or 8",
                got,
            });
        }
    };
    if ns != b'0' && ns != b'1' {
        return Err(BarcodeError::BadNumberSystem {
            got: char::from(ns),
        });
    }
    let body = expand_body(ns, core);
    let due = b'0' + mod10_check(&body);
    if let Some(got) = check
        && got != due
    {
        return Err(BarcodeError::BadCheckDigit {
            what: "UPC-E",
            expected: char::from(due),
            got: char::from(got),
        });
    }
    let mut upca = String::with_capacity(12);
    upca.extend(body.iter().map(|&d| char::from(d)));
    upca.push(char::from(due));
    Ok(upca)
}

impl Gtin {
    /// For an EAN-8 whose 8 digits are also a valid UPC-E, the UPC-A that UPC-E stands for.
    ///
    /// Eight scanned digits are read as EAN-8 first (see `classify_scan`), yet many UPC-E codes
    /// are valid EAN-8s too (01234558, 12345656, ...). When such an EAN-8 is not in the catalog,
    /// look this one up before giving up.
    pub fn upce_alternative(&self) -> Option<Gtin> {
        let d = self.digits();
        if !d.starts_with(b"000000") {
            return None;
        }
        let eight = std::str::from_utf8(&d[6..]).ok()?;
        let upca = upce_to_upca(eight).ok()?;
        Gtin::parse(&upca).ok()
    }
}

/// The 11 UPC-A digits before the check digit, from the number system and the 6 UPC-E digits.
fn expand_body(ns: u8, d: &[u8]) -> [u8; 11] {
    let z = b'0';
    let [d1, d2, d3, d4, d5, d6] = [d[0], d[1], d[2], d[3], d[4], d[5]];
    match d6 {
        b'0'..=b'2' => [ns, d1, d2, d6, z, z, z, z, d3, d4, d5],
        b'3' => [ns, d1, d2, d3, z, z, z, z, z, d4, d5],
        b'4' => [ns, d1, d2, d3, d4, z, z, z, z, z, d5],
        _ => [ns, d1, d2, d3, d4, d5, z, z, z, z, d6],
    }
}
