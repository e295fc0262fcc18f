//! User interface locales and the number conventions that go with them.

use std::fmt;
use std::str::FromStr;

use super::MoneyError;

/// A language and number format of the tills and back office (CLDR conventions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    /// English, United States: `$1,234.56`.
    EnUs,
    /// English, United Kingdom: `£1,234.56`.
    EnGb,
    /// French, France: `1 234,56 €` (narrow no-break space between thousands).
    FrFr,
    /// German, Germany: `1.234,56 €`.
    DeDe,
}

impl Locale {
    /// Every supported locale, for settings screens and tests.
    pub const ALL: [Locale; 4] = [Locale::EnUs, Locale::EnGb, Locale::FrFr, Locale::DeDe];

    /// Reads a BCP 47 tag (`"fr-FR"`, `"en_US"`, `"en"`, `"fr"`; case ignored).
    ///
    /// A known language with another region falls back to that language's main format
    /// (`"fr-BE"` formats as fr-FR, `"en-AU"` as en-US); a script subtag (`"en-Latn-US"`) is skipped.
    pub fn parse(tag: &str) -> Result<Locale, MoneyError> {
        let unknown = || MoneyError::UnknownLocale(tag.to_owned());
        let mut subtags = tag.trim().split(['-', '_']);
        let language = subtags.next().unwrap_or_default().to_ascii_lowercase();
        let region = subtags
            .find(|s| s.len() != 4)
            .map(str::to_ascii_uppercase)
            .unwrap_or_default();
        match (language.as_str(), region.as_str()) {
            ("en", "GB" | "UK") => Ok(Locale::EnGb),
            ("en", _) => Ok(Locale::EnUs),
            ("fr", _) => Ok(Locale::FrFr),
            ("de", _) => Ok(Locale::DeDe),
            _ => Err(unknown()),
        }
    }

    /// The canonical BCP 47 tag (`"fr-FR"`), as stored in settings and sent to the browser.
    pub fn as_tag(self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
            Locale::EnGb => "en-GB",
            Locale::FrFr => "fr-FR",
            Locale::DeDe => "de-DE",
        }
    }

    /// The two-letter language (`"fr"`), to pick translated texts.
    pub fn language(self) -> &'static str {
        match self {
            Locale::EnUs | Locale::EnGb => "en",
            Locale::FrFr => "fr",
            Locale::DeDe => "de",
        }
    }

    /// The character between units and decimals (`.` in English, `,` in French and German).
    pub fn decimal_separator(self) -> char {
        match self {
            Locale::EnUs | Locale::EnGb => '.',
            Locale::FrFr | Locale::DeDe => ',',
        }
    }

    /// The character between groups of thousands (`,` in English, U+202F in French, `.` in
    /// German).
    pub fn group_separator(self) -> char {
        match self {
            Locale::EnUs | Locale::EnGb => ',',
            Locale::FrFr => '\u{202F}',
            Locale::DeDe => '.',
        }
    }

    /// Whether the currency sign comes before the amount (`$12`) rather than after (`12 €`).
    pub fn symbol_before_amount(self) -> bool {
        match self {
            Locale::EnUs | Locale::EnGb => true,
            Locale::FrFr | Locale::DeDe => false,
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_tag())
    }
}

impl FromStr for Locale {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Locale, MoneyError> {
        Locale::parse(s)
    }
}

impl serde::Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_tag())
    }
}

impl<'de> serde::Deserialize<'de> for Locale {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Locale, D::Error> {
        let tag = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Locale::parse(&tag).map_err(serde::de::Error::custom)
    }
}
