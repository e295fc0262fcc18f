//! Quick keys: the till's grid of keys for goods without a barcode (bread, fruit, bags),
//! arranged in named groups. The rules here are the ones a key set must follow whatever
//! stores or shows it.

use serde::Serialize;

use crate::text::{TextError, bounded_text};

/// Most groups in a store's set of quick keys.
pub const GROUPS_MAX: usize = 12;
/// Most keys in one group.
pub const KEYS_PER_GROUP_MAX: usize = 48;
/// Longest group name, in characters.
pub const GROUP_NAME_MAX: usize = 40;
/// Longest key label, in characters.
pub const LABEL_MAX: usize = 40;

/// The colour of a key, from a fixed palette the till knows how to draw legibly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyColour {
    /// Grey-blue, the default.
    Slate,
    /// Blue.
    Blue,
    /// Green.
    Green,
    /// Amber (bread, pastries).
    Amber,
    /// Red.
    Red,
    /// Purple.
    Purple,
    /// Teal.
    Teal,
    /// Pink.
    Pink,
}

impl KeyColour {
    /// Every colour of the palette, in the order a picker shows them.
    pub const ALL: [KeyColour; 8] = [
        KeyColour::Slate,
        KeyColour::Blue,
        KeyColour::Green,
        KeyColour::Amber,
        KeyColour::Red,
        KeyColour::Purple,
        KeyColour::Teal,
        KeyColour::Pink,
    ];

    /// Stable text form used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyColour::Slate => "slate",
            KeyColour::Blue => "blue",
            KeyColour::Green => "green",
            KeyColour::Amber => "amber",
            KeyColour::Red => "red",
            KeyColour::Purple => "purple",
            KeyColour::Teal => "teal",
            KeyColour::Pink => "pink",
        }
    }

    /// Parses the text form (trimmed, any case).
    pub fn parse(input: &str) -> Result<KeyColour, TextError> {
        let wanted = input.trim().to_ascii_lowercase();
        KeyColour::ALL
            .into_iter()
            .find(|c| c.as_str() == wanted)
            .ok_or(TextError::NotOneOf {
                allowed: "slate, blue, green, amber, red, purple, teal, pink",
            })
    }
}

/// A group's name: 1 to [`GROUP_NAME_MAX`] characters, trimmed, no control characters.
pub fn group_name(input: &str) -> Result<String, TextError> {
    bounded_text(input, GROUP_NAME_MAX)
}

/// A key's own label: 1 to [`LABEL_MAX`] characters, trimmed, no control characters.
pub fn key_label(input: &str) -> Result<String, TextError> {
    bounded_text(input, LABEL_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_from_their_names_only() {
        for c in KeyColour::ALL {
            assert_eq!(KeyColour::parse(c.as_str()), Ok(c));
        }
        assert_eq!(KeyColour::parse(" Amber "), Ok(KeyColour::Amber));
        for bad in ["", "orange", "#ff0000", "amber1"] {
            assert!(KeyColour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_labels_are_bounded() {
        assert_eq!(group_name("  Boulangerie ").as_deref(), Ok("Boulangerie"));
        assert!(group_name("   ").is_err());
        assert!(key_label(&"é".repeat(LABEL_MAX)).is_ok());
        assert!(key_label(&"é".repeat(LABEL_MAX + 1)).is_err());
        assert!(key_label("a\u{7}b").is_err());
    }
}
