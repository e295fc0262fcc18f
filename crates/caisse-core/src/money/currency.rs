//! ISO 4217 currencies and the number of decimals ("minor digits") each one counts in.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::MoneyError;

/// A currency a shop sells in (ISO 4217), with how many decimals its amounts carry.
///
/// Only currencies with a minor unit exist as values: gold, SDR or the test code `XTS` are refused
/// by [`Currency::parse`]. Serialised as its three-letter code (`"EUR"`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    iso: iso_currency::Currency,
    digits: u8,
}

impl Currency {
    /// The euro (2 decimals).
    pub const EUR: Currency = Currency::known(iso_currency::Currency::EUR, 2);
    /// The US dollar (2 decimals).
    pub const USD: Currency = Currency::known(iso_currency::Currency::USD, 2);
    /// The pound sterling (2 decimals).
    pub const GBP: Currency = Currency::known(iso_currency::Currency::GBP, 2);
    /// The Swiss franc (2 decimals).
    pub const CHF: Currency = Currency::known(iso_currency::Currency::CHF, 2);
    /// The Japanese yen (no decimals).
    pub const JPY: Currency = Currency::known(iso_currency::Currency::JPY, 0);
    /// The Bahraini dinar (3 decimals).
    pub const BHD: Currency = Currency::known(iso_currency::Currency::BHD, 3);

    const fn known(iso: iso_currency::Currency, digits: u8) -> Currency {
        Currency { iso, digits }
    }

    /// Reads a three-letter ISO 4217 code such as `"EUR"` (letter case is ignored).
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let unknown = || MoneyError::UnknownCurrency(code.to_owned());
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(unknown());
        }
        let upper = code.to_ascii_uppercase();
        let iso = iso_currency::Currency::from_code(&upper).ok_or_else(unknown)?;
        Currency::from_iso(iso)
    }

    /// Finds a currency by its ISO 4217 numeric code (978 is the euro).
    pub fn from_numeric(numeric: u16) -> Result<Currency, MoneyError> {
        let iso = iso_currency::Currency::from_numeric(numeric)
            .ok_or_else(|| MoneyError::UnknownCurrency(format!("{numeric:03}")))?;
        Currency::from_iso(iso)
    }

    fn from_iso(iso: iso_currency::Currency) -> Result<Currency, MoneyError> {
        let digits = reference_minor_digits(iso.code())
            .or_else(|| iso.exponent().and_then(|e| u8::try_from(e).ok()))
            .ok_or(MoneyError::UnsupportedCurrency(iso.code()))?;
        Ok(Currency { iso, digits })
    }

    /// The three-letter ISO 4217 code printed on invoices and exports (`"EUR"`).
    pub fn code(&self) -> &'static str {
        self.iso.code()
    }

    /// How many decimals an amount in this currency has (EUR 2, JPY 0, BHD 3, CLF 4).
    pub fn minor_digits(&self) -> u32 {
        u32::from(self.digits)
    }

    /// The ISO 4217 numeric code (978 for EUR), used by payment terminals.
    pub fn numeric(&self) -> u16 {
        self.iso.numeric()
    }

    /// The currency's English name ("Euro").
    pub fn name(&self) -> &str {
        self.iso.name()
    }

    /// The sign shown next to prices ("€", "$", "£", "CHF", "kr"); the ISO code when there is no
    /// well-known one (`"BHD"`).
    ///
    /// Dollars are all "$" and crowns all "kr": a shop shows its own currency, and the code is
    /// there when two must be told apart.
    pub fn symbol(&self) -> &'static str {
        well_known_symbol(self.code()).unwrap_or(self.code())
    }
}

/// Minor digits from REFERENCE.md section 9. They win over the iso_currency table if the two
/// ever disagree; codes not listed here take iso_currency's exponent (2 for nearly all).
fn reference_minor_digits(code: &str) -> Option<u8> {
    match code {
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => Some(3),
        "JPY" | "KRW" | "CLP" | "ISK" | "VND" | "XAF" | "XOF" | "XPF" | "BIF" | "DJF" | "GNF"
        | "KMF" | "PYG" | "RWF" | "UGX" | "UYI" | "VUV" => Some(0),
        "CLF" | "UYW" => Some(4),
        "HUF" => Some(2),
        _ => None,
    }
}

/// Symbols a customer recognises at a glance. Anything else is shown by its code, which cannot
/// be mistaken for another currency.
fn well_known_symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "EUR" => "€",
        "USD" | "CAD" | "AUD" | "NZD" | "HKD" | "SGD" | "MXN" => "$",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "CHF" => "CHF",
        "SEK" | "NOK" | "DKK" | "ISK" => "kr",
        "INR" => "₹",
        "KRW" => "₩",
        "ILS" => "₪",
        "PLN" => "zł",
        "CZK" => "Kč",
        "HUF" => "Ft",
        "BRL" => "R$",
        "TRY" => "₺",
        "UAH" => "₴",
        "VND" => "₫",
        "PHP" => "₱",
        "NGN" => "₦",
        "THB" => "฿",
        _ => return None,
    })
}

/// Alphabetical by code, so reports list currencies in a stable, readable order.
impl Ord for Currency {
    fn cmp(&self, other: &Currency) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialOrd for Currency {
    fn partial_cmp(&self, other: &Currency) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Currency, MoneyError> {
        Currency::parse(s)
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
        let code = Cow::<'de, str>::deserialize(deserializer)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}
