//! Decimal numbers as people read and type them: grouping, decimal separators, signs.
//!
//! Everything works on integers scaled by `10^digits`; no float is ever involved.

use std::fmt::Write as _;

use super::arith::{pow10, to_signed};
use super::{Locale, MoneyError};

/// Formats `scaled / 10^digits` for people, grouped per the locale, without a currency sign
/// (`-1 234,56` in fr-FR, `-1,234.56` in en-US): amounts in tables and the till display.
pub fn format_decimal_number(scaled: i64, digits: u32, locale: Locale) -> String {
    write_number(
        scaled,
        digits,
        locale.decimal_separator(),
        Some(locale.group_separator()),
    )
}

/// Formats `scaled / 10^digits` with the locale's decimal separator but no thousands
/// separator (`-1234,56` in fr-FR): for CSV exports that spreadsheets must read back.
pub fn format_plain_number(scaled: i64, digits: u32, locale: Locale) -> String {
    write_number(scaled, digits, locale.decimal_separator(), None)
}

fn write_number(scaled: i64, digits: u32, decimal: char, group: Option<char>) -> String {
    let magnitude = u128::from(scaled.unsigned_abs());
    // A power of ten beyond u128 only happens for absurd `digits`: then all digits are decimals.
    let (units, fraction) = match pow10(digits) {
        Some(p) => (magnitude / p, magnitude % p),
        None => (0, magnitude),
    };
    let units = units.to_string();
    let mut out = String::with_capacity(units.len() * 4 / 3 + digits as usize + 3);
    if scaled < 0 {
        out.push('-');
    }
    for (i, c) in units.chars().enumerate() {
        if let Some(sep) = group
            && i > 0
            && (units.len() - i) % 3 == 0
        {
            out.push(sep);
        }
        out.push(c);
    }
    if digits > 0 {
        out.push(decimal);
        let width = digits as usize;
        // Writing into a String cannot fail.
        let _ = write!(out, "{fraction:0width$}");
    }
    out
}

/// Why a typed number was refused; the caller turns it into an amount or quantity error.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum NumberError {
    Invalid(&'static str),
    TooManyDecimals,
    Overflow,
}

impl From<MoneyError> for NumberError {
    fn from(_: MoneyError) -> NumberError {
        NumberError::Overflow
    }
}

/// Spaces people and CLDR put between thousands (or around a currency sign).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Dot,
    Comma,
    Space,
}

impl Sep {
    fn of(c: char) -> Option<Sep> {
        match c {
            '.' => Some(Sep::Dot),
            ',' => Some(Sep::Comma),
            c if is_space(c) => Some(Sep::Space),
            _ => None,
        }
    }
}

/// Reads a number typed by a person into an integer scaled by `10^digits`.
///
/// `affixes` are the texts allowed once before or after the number (currency code and sign,
/// compared without letter case). Rules:
/// - a sign `-`/`+`/`−` may come before the number or before the currency sign;
/// - spaces (regular, U+00A0, U+202F, thin) only group thousands;
/// - when both `.` and `,` appear, the last one is the decimal separator and appears once;
/// - a mark appearing several times groups thousands;
/// - a single mark is decimal unless exactly three digits follow it, in which case the locale
///   decides (`1,234` is 1234 in en-US and 1.234 in fr-FR) and a mark the locale does not use
///   at all is refused as ambiguous;
/// - groups after the first have exactly three digits; more decimals than `digits` are refused.
pub(super) fn parse_scaled(
    input: &str,
    digits: u32,
    locale: Locale,
    affixes: &[&str],
) -> Result<i64, NumberError> {
    let mut s = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(NumberError::Invalid("empty"));
    }
    let mut negative = take_sign(&mut s);
    for affix in affixes.iter().filter(|a| !a.is_empty()) {
        if let Some(rest) = strip_prefix_ignore_case(s, affix) {
            s = rest.trim_start_matches(is_space);
            break;
        }
        if let Some(rest) = strip_suffix_ignore_case(s, affix) {
            s = rest.trim_end_matches(is_space);
            break;
        }
    }
    if negative.is_none() {
        negative = take_sign(&mut s);
    }
    let magnitude = parse_unsigned(s, digits, locale)?;
    Ok(to_signed(magnitude, negative == Some(true))?)
}

/// Takes a leading sign off `s`: `Some(true)` for minus, `Some(false)` for plus.
fn take_sign(s: &mut &str) -> Option<bool> {
    let negative = match s.chars().next()? {
        '-' | '\u{2212}' => true,
        '+' => false,
        _ => return None,
    };
    let mut chars = s.chars();
    chars.next();
    *s = chars.as_str().trim_start_matches(is_space);
    Some(negative)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let start = s.len().checked_sub(suffix.len())?;
    let tail = s.get(start..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..start])
}

/// Reads the digits and separators left once sign and currency are gone.
fn parse_unsigned(s: &str, digits: u32, locale: Locale) -> Result<u128, NumberError> {
    if s.is_empty() {
        return Err(NumberError::Invalid("no digits"));
    }
    let mut runs: Vec<&str> = Vec::new();
    let mut seps: Vec<Sep> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        let Some(sep) = Sep::of(c) else {
            return Err(NumberError::Invalid(if c.is_alphabetic() {
                "letters are not allowed, except the currency code"
            } else {
                "unexpected character"
            }));
        };
        runs.push(&s[start..i]);
        seps.push(sep);
        start = i + c.len_utf8();
    }
    runs.push(&s[start..]);

    let decimal_at = find_decimal_separator(&runs, &seps, locale)?;
    let (whole, fraction) = match decimal_at {
        Some(i) => (&runs[..=i], runs[i + 1]),
        None => (&runs[..], ""),
    };
    if decimal_at.is_some() && fraction.is_empty() {
        return Err(NumberError::Invalid(
            "no digits after the decimal separator",
        ));
    }
    check_grouping(whole, &seps[..whole.len() - 1], decimal_at.is_some())?;
    let fraction_digits =
        u32::try_from(fraction.len()).map_err(|_| NumberError::TooManyDecimals)?;
    if fraction_digits > digits {
        return Err(NumberError::TooManyDecimals);
    }

    let mut value: u128 = 0;
    for d in whole
        .iter()
        .flat_map(|run| run.bytes())
        .chain(fraction.bytes())
    {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(d - b'0')))
            .ok_or(NumberError::Overflow)?;
    }
    let scale = pow10(digits - fraction_digits).ok_or(NumberError::Overflow)?;
    value.checked_mul(scale).ok_or(NumberError::Overflow)
}

/// Which separator, if any, is the decimal one (its index in `seps`, always the last).
fn find_decimal_separator(
    runs: &[&str],
    seps: &[Sep],
    locale: Locale,
) -> Result<Option<usize>, NumberError> {
    let count = |kind: Sep| seps.iter().filter(|&&s| s == kind).count();
    let (dots, commas, spaces) = (count(Sep::Dot), count(Sep::Comma), count(Sep::Space));
    let last = seps.len().wrapping_sub(1);
    let Some(mark_at) = seps.iter().rposition(|&s| s != Sep::Space) else {
        return Ok(None);
    };
    let mark = seps[mark_at];
    if dots > 0 && commas > 0 {
        let mark_count = if mark == Sep::Dot { dots } else { commas };
        if mark_at != last || mark_count != 1 {
            return Err(NumberError::Invalid("mixed or misplaced separators"));
        }
        return Ok(Some(mark_at));
    }
    if dots + commas > 1 {
        // "1,234,567": the mark groups thousands (checked by the caller).
        return Ok(None);
    }
    if mark_at != last {
        // "1,234 567": a decimal separator cannot be followed by more separators.
        return Err(NumberError::Invalid("mixed or misplaced separators"));
    }
    if spaces > 0 || runs[last + 1].len() != 3 {
        // Spaces already group the thousands, or the digits after cannot form a group.
        return Ok(Some(mark_at));
    }
    let mark_char = if mark == Sep::Dot { '.' } else { ',' };
    if mark_char == locale.decimal_separator() {
        Ok(Some(mark_at))
    } else if mark_char == locale.group_separator() {
        Ok(None)
    } else {
        Err(NumberError::Invalid(
            "ambiguous: could be a thousands or a decimal separator",
        ))
    }
}

/// Checks the digit groups before the decimal separator: `1 234 567`, never `12 34` or `0,123`.
fn check_grouping(
    whole: &[&str],
    group_seps: &[Sep],
    has_fraction: bool,
) -> Result<(), NumberError> {
    let Some((first, rest)) = whole.split_first() else {
        return Err(NumberError::Invalid("no digits"));
    };
    if rest.is_empty() {
        return if first.is_empty() && !has_fraction {
            Err(NumberError::Invalid("no digits"))
        } else {
            Ok(())
        };
    }
    if group_seps.iter().any(|&s| s != group_seps[0]) {
        return Err(NumberError::Invalid("mixed thousands separators"));
    }
    if first.is_empty() || first.len() > 3 || first.starts_with('0') {
        return Err(NumberError::Invalid("misplaced thousands separator"));
    }
    if rest.iter().any(|group| group.len() != 3) {
        return Err(NumberError::Invalid(
            "thousands groups must have exactly three digits",
        ));
    }
    Ok(())
}
