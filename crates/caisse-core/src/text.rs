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

#[cfg(test)]
mod tests {
    use super::*;

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
