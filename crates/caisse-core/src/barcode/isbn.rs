//! Books and periodicals: ISBN-10 and ISSN to and from their EAN-13 (REFERENCE §6).

use super::{BarcodeError, Gtin};

/// Converts an ISBN-10 (hyphens or spaces allowed, final 'X' for ten) to the EAN-13 printed on
/// the book, e.g. "0-306-40615-2" -> 9780306406157.
pub fn isbn10_to_isbn13(s: &str) -> Result<Gtin, BarcodeError> {
    let digits = mod11_digits(s, "ISBN-10", 10, "10")?;
    let (body, check) = split_check(&digits);
    verify_mod11(body, check, "ISBN-10")?;
    let mut ean_body = *b"978000000000";
    for (slot, d) in ean_body[3..].iter_mut().zip(body) {
        *slot = b'0' + d;
    }
    Ok(Gtin::from_body(&ean_body))
}

/// Converts an ISSN ("0317-8471" or "03178471") and the two-digit issue variant (usually 0) to
/// the EAN-13 printed on the periodical: 977, the first 7 ISSN digits, the variant, a check digit.
pub fn issn_to_ean13(s: &str, variant: u8) -> Result<Gtin, BarcodeError> {
    let digits = mod11_digits(s, "ISSN", 8, "8")?;
    let (body, check) = split_check(&digits);
    verify_mod11(body, check, "ISSN")?;
    if variant > 99 {
        return Err(BarcodeError::BadIssnVariant { got: variant });
    }
    let mut ean_body = *b"977000000000";
    for (slot, d) in ean_body[3..10].iter_mut().zip(body) {
        *slot = b'0' + d;
    }
    ean_body[10] = b'0' + variant / 10;
    ean_body[11] = b'0' + variant % 10;
    Ok(Gtin::from_body(&ean_body))
}

impl Gtin {
    /// The ISBN-10 of a book whose EAN-13 starts with 978, e.g. "0306406152"; `None` for other
    /// codes, including 979 books, which have no ISBN-10.
    pub fn isbn10(&self) -> Option<String> {
        let d = self.digits();
        if !d.starts_with(b"0978") {
            return None;
        }
        let body: Vec<u8> = d[4..13].iter().map(|b| b - b'0').collect();
        let mut out: String = d[4..13].iter().map(|&b| char::from(b)).collect();
        out.push(mod11_char(mod11_check(&body)));
        Some(out)
    }

    /// The ISSN of a periodical whose EAN-13 starts with 977, e.g. "0317-8471"; `None` otherwise.
    pub fn issn(&self) -> Option<String> {
        let d = self.digits();
        if !d.starts_with(b"0977") {
            return None;
        }
        let body: Vec<u8> = d[4..11].iter().map(|b| b - b'0').collect();
        let mut out: String = d[4..8].iter().map(|&b| char::from(b)).collect();
        out.push('-');
        out.extend(d[8..11].iter().map(|&b| char::from(b)));
        out.push(mod11_char(mod11_check(&body)));
        Some(out)
    }
}

/// Digit values of an ISBN-10 or ISSN with hyphens and spaces removed; 'X' (ten) is accepted as
/// the last character only. Positions in errors refer to the text as given.
fn mod11_digits(
    s: &str,
    what: &'static str,
    len: usize,
    expected: &'static str,
) -> Result<Vec<u8>, BarcodeError> {
    let chars: Vec<(usize, char)> = s
        .chars()
        .enumerate()
        .filter(|(_, c)| *c != '-' && *c != ' ')
        .collect();
    if chars.is_empty() {
        return Err(BarcodeError::Empty);
    }
    let last = chars.len() - 1;
    let mut out = Vec::with_capacity(chars.len());
    for (k, &(pos, c)) in chars.iter().enumerate() {
        match c {
            '0'..='9' => out.push(c as u8 - b'0'),
            'X' | 'x' if k == last => out.push(10),
            found => {
                return Err(BarcodeError::NotNumeric {
                    what,
                    found,
                    position: pos + 1,
                });
            }
        }
    }
    if out.len() != len {
        return Err(BarcodeError::BadLength {
            what,
            expected,
            got: out.len(),
        });
    }
    Ok(out)
}

fn split_check(digits: &[u8]) -> (&[u8], u8) {
    match digits.split_last() {
        Some((&check, body)) => (body, check),
        None => (digits, 0),
    }
}

fn verify_mod11(body: &[u8], check: u8, what: &'static str) -> Result<(), BarcodeError> {
    let due = mod11_check(body);
    if due != check {
        return Err(BarcodeError::BadCheckDigit {
            what,
            expected: mod11_char(due),
            got: mod11_char(check),
        });
    }
    Ok(())
}

/// Mod-11 check (ISBN-10, ISSN): weights n+1 down to 2 over the n body digits; 10 is written X.
fn mod11_check(body: &[u8]) -> u8 {
    let n = body.len();
    let sum: usize = body
        .iter()
        .enumerate()
        .map(|(i, &d)| usize::from(d) * (n + 1 - i))
        .sum();
    // The result is at most 10, so the narrowing cannot lose anything.
    ((11 - sum % 11) % 11) as u8
}

fn mod11_char(v: u8) -> char {
    if v == 10 { 'X' } else { char::from(b'0' + v) }
}
