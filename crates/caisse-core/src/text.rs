//! Small text rules shared by the domain types: bounded, trimmed, printable strings.

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing was given.
    #[error("must not be empty")]
    Empty,
    /// Longer than allowed.
    #[error("must be at most {max} characters")]
    TooLong {
        /// Maximum number of characters.
        max: usize,
    },
    /// A character that is not allowed here.
    #[error("must not contain {found:?}")]
    BadCharacter {
        /// The offending character.
        found: char,
    },
    /// Not one of the allowed values.
    #[error("must be one of: {allowed}")]
    NotOneOf {
        /// The allowed values, comma-separated.
        allowed: &'static str,
    },
}

/// Trims the input and checks it is 1 to `max` characters without control characters.
pub fn bounded_text(input: &str, max: usize) -> Result<String, TextError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(TextError::Empty);
    }
    if s.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(TextError::BadCharacter { found: c });
    }
    Ok(s.to_owned())
}

/// Like [`bounded_text`] but an empty or blank input means "none".
pub fn optional_text(input: Option<&str>, max: usize) -> Result<Option<String>, TextError> {
    match input.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => bounded_text(s, max).map(Some),
    }
}

/// Characters that make a spreadsheet read a cell as a formula when they lead it.
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn reads_as_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_LEADS)
}

/// A cell for a CSV file that people open in a spreadsheet: one that would start a formula
/// (`=`, `+`, `-`, `@`, tab, carriage return, possibly after apostrophes) gets a leading
/// apostrophe, which spreadsheets show as text. [`from_spreadsheet_cell`] undoes it exactly.
pub fn spreadsheet_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if reads_as_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The text of a cell written by [`spreadsheet_cell`]: the added apostrophe removed, anything
/// else left as it is.
pub fn from_spreadsheet_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if reads_as_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_cells_never_start_a_formula_and_read_back_exactly() {
        let cases = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+33 1 23", "'+33 1 23"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''-x", "'''-x"),
            ("'quoted", "'quoted"),
            ("Plain = fine", "Plain = fine"),
            ("", ""),
        ];
        for (text, cell) in cases {
            assert_eq!(spreadsheet_cell(text), cell, "{text:?}");
            assert_eq!(from_spreadsheet_cell(cell), text, "{cell:?}");
        }
    }

    #[test]
    fn bounded() {
        assert_eq!(bounded_text(" Crème ", 10).unwrap(), "Crème");
        assert_eq!(bounded_text("", 10), Err(TextError::Empty));
        assert_eq!(bounded_text("ééééé", 4), Err(TextError::TooLong { max: 4 }));
        assert!(bounded_text("a\u{7}b", 10).is_err());
        assert_eq!(optional_text(Some("  "), 5).unwrap(), None);
        assert_eq!(optional_text(None, 5).unwrap(), None);
    }
}
