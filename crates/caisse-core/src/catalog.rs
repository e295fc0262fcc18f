//! The catalog model: what a shop sells, as plain values the other layers store and show.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::text::{TextError, bounded_text};

/// A stock-keeping unit code: the shop's own identifier for one sellable item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Sku(String);

impl Sku {
    /// Longest SKU accepted, in characters.
    pub const MAX_LEN: usize = 64;

    /// Parses a SKU: 1 to 64 visible characters, no spaces or control characters.
    pub fn parse(input: &str) -> Result<Sku, TextError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(TextError::TooLong { max: Self::MAX_LEN });
        }
        if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(TextError::BadCharacter { found: c });
        }
        Ok(Sku(s.to_owned()))
    }

    /// The SKU as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Sku {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Sku {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Sku::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A product or category name as shown on screens and receipts (1 to 200 characters).
pub fn parse_name(input: &str) -> Result<String, TextError> {
    bounded_text(input, 200)
}

/// How an item is measured when sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Sold by the piece.
    Each,
    /// Sold by the kilogram.
    Kg,
    /// Sold by the litre.
    L,
    /// Sold by the metre.
    M,
}

impl Unit {
    /// Stable text form stored in the database and CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Each => "each",
            Unit::Kg => "kg",
            Unit::L => "l",
            Unit::M => "m",
        }
    }

    /// Parses the stored text form (case-insensitive).
    pub fn parse(input: &str) -> Result<Unit, TextError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "each" | "ea" | "pc" | "piece" => Ok(Unit::Each),
            "kg" => Ok(Unit::Kg),
            "l" => Ok(Unit::L),
            "m" => Ok(Unit::M),
            _ => Err(TextError::NotOneOf {
                allowed: "each, kg, l, m",
            }),
        }
    }
}

/// The name of a tax category (e.g. `standard`, `reduced`): lowercase letters, digits and `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TaxCategory(String);

impl TaxCategory {
    /// Parses a tax category name: 1 to 32 of `a-z`, `0-9`, `_`.
    pub fn parse(input: &str) -> Result<TaxCategory, TextError> {
        let s = input.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(TextError::Empty);
        }
        if s.len() > 32 {
            return Err(TextError::TooLong { max: 32 });
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
        {
            return Err(TextError::BadCharacter { found: c });
        }
        Ok(TaxCategory(s))
    }

    /// The category name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The default category, `standard`.
    pub fn standard() -> TaxCategory {
        TaxCategory("standard".to_owned())
    }
}

impl<'de> Deserialize<'de> for TaxCategory {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TaxCategory::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A shop (one physical store) and its settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Store {
    /// Store id.
    pub id: Uuid,
    /// Trading name shown on screens and receipts.
    pub name: String,
    /// ISO 4217 code of the currency the store sells in.
    pub currency: String,
    /// BCP 47 locale for formatting (e.g. `fr-FR`).
    pub locale: String,
    /// IANA time zone (e.g. `Europe/Paris`).
    pub time_zone: String,
    /// Whether shelf prices include tax (`inclusive`, VAT) or exclude it (`exclusive`, sales tax).
    pub tax_mode: String,
    /// Scale-label layout used to read weighed and priced labels.
    pub scale_layout: String,
}

/// A category in the catalog tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    /// Category id.
    pub id: Uuid,
    /// Parent category, if any.
    pub parent_id: Option<Uuid>,
    /// Name of this category.
    pub name: String,
}

/// Deepest category path followed; a longer chain (only a cycle, which the API refuses) is cut.
const MAX_CATEGORY_DEPTH: usize = 32;

/// The path of every category: the names from the root down to it, joined by " / "
/// ("Épicerie / Biscuits"). A parent that is missing ends the path; a cycle is cut.
pub fn category_paths(cats: &[Category]) -> HashMap<Uuid, String> {
    let by_id: HashMap<Uuid, &Category> = cats.iter().map(|c| (c.id, c)).collect();
    cats.iter()
        .map(|c| {
            let mut names = vec![c.name.as_str()];
            let mut parent = c.parent_id;
            while let Some(id) = parent {
                let Some(up) = by_id.get(&id) else { break };
                if names.len() > MAX_CATEGORY_DEPTH {
                    break;
                }
                names.push(up.name.as_str());
                parent = up.parent_id;
            }
            names.reverse();
            (c.id, names.join(" / "))
        })
        .collect()
}

/// A supplier the shop buys from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Supplier {
    /// Supplier id.
    pub id: Uuid,
    /// Supplier's name.
    pub name: String,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
}

/// A product as stored: price and cost in minor units of the store currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Product id.
    pub id: Uuid,
    /// Shop's code for the product.
    pub sku: Sku,
    /// Name shown at the till and on receipts.
    pub name: String,
    /// Brand, if any.
    pub brand: Option<String>,
    /// Longer description for the back office.
    pub description: Option<String>,
    /// Category, if any.
    pub category_id: Option<Uuid>,
    /// Unit the price is per.
    pub unit: Unit,
    /// Whether the item is weighed at the till or on a scale label.
    pub sold_by_weight: bool,
    /// Shelf price in minor units (per unit).
    pub price: i64,
    /// Purchase cost in minor units, if known.
    pub cost: Option<i64>,
    /// Tax category the price belongs to.
    pub tax_category: TaxCategory,
    /// Usual supplier.
    pub supplier_id: Option<Uuid>,
    /// The supplier's own reference for the product.
    pub supplier_ref: Option<String>,
    /// Whether the product can be sold.
    pub active: bool,
    /// Barcodes (GTIN-14 normalised) that find this product itself.
    pub barcodes: Vec<String>,
    /// Variants (size, colour...), each sold on its own.
    pub variants: Vec<Variant>,
    /// Optimistic-locking version, bumped on every change.
    pub version: i64,
    /// Last change, microseconds since the Unix epoch (UTC).
    pub updated_at_us: i64,
}

/// One variant of a product (a size, a colour...), with its own SKU, barcodes and optional price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Variant id.
    pub id: Uuid,
    /// Shop's code for the variant.
    pub sku: Sku,
    /// Variant label, e.g. "M / Rouge".
    pub name: String,
    /// Attribute pairs such as ("size", "M").
    pub attributes: Vec<(String, String)>,
    /// Own price in minor units, or `None` to use the product's.
    pub price: Option<i64>,
    /// Barcodes (GTIN-14 normalised) of this variant.
    pub barcodes: Vec<String>,
    /// Whether the variant can be sold.
    pub active: bool,
}

impl Product {
    /// Price of a variant of this product, or of the product itself.
    pub fn price_of(&self, variant: Option<&Variant>) -> i64 {
        variant.and_then(|v| v.price).unwrap_or(self.price)
    }

    /// Full display name of a variant: "Product — variant".
    pub fn variant_display_name(&self, variant: &Variant) -> String {
        format!("{} — {}", self.name, variant.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sku_rules() {
        let ok = ["A", "EPI-00123", "sku_1.2/3"];
        for s in ok {
            assert_eq!(Sku::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(Sku::parse("  X1 ").unwrap().as_str(), "X1");
        let bad = ["", "   ", "A B", "A\tB"];
        for s in bad {
            assert!(Sku::parse(s).is_err(), "{s:?} should be refused");
        }
        assert!(Sku::parse(&"x".repeat(65)).is_err());
        assert!(Sku::parse(&"x".repeat(64)).is_ok());
    }

    #[test]
    fn category_paths_go_from_the_root() {
        let id = |n: u128| Uuid::from_u128(n);
        let cat = |n, parent: Option<u128>, name: &str| Category {
            id: id(n),
            parent_id: parent.map(id),
            name: name.to_owned(),
        };
        let cats = [
            cat(1, None, "Épicerie"),
            cat(2, Some(1), "Biscuits"),
            cat(3, Some(2), "Sablés"),
            cat(4, Some(99), "Orpheline"),
            cat(5, Some(6), "A"),
            cat(6, Some(5), "B"),
        ];
        let paths = category_paths(&cats);
        let cases = [
            (1, "Épicerie"),
            (2, "Épicerie / Biscuits"),
            (3, "Épicerie / Biscuits / Sablés"),
            // The parent is unknown: the path starts at the category itself.
            (4, "Orpheline"),
        ];
        for (n, expected) in cases {
            assert_eq!(paths[&id(n)], expected, "category {n}");
        }
        // A cycle is cut instead of looping forever.
        assert!(paths[&id(5)].ends_with("B / A"), "{}", paths[&id(5)]);
        assert_eq!(paths[&id(5)].split(" / ").count(), MAX_CATEGORY_DEPTH + 1);
        assert_eq!(paths.len(), cats.len());
    }

    #[test]
    fn unit_and_tax_category() {
        assert_eq!(Unit::parse("KG").unwrap(), Unit::Kg);
        assert!(Unit::parse("ton").is_err());
        assert_eq!(TaxCategory::parse(" Reduced ").unwrap().as_str(), "reduced");
        assert!(TaxCategory::parse("re duced").is_err());
        assert!(TaxCategory::parse("").is_err());
    }
}
