//! Tax tables: which taxes apply to each tax category of the catalog.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{TaxError, TaxRate};
use crate::catalog::TaxCategory;
use crate::text::bounded_text;

/// Longest tax code, in characters.
const CODE_MAX: usize = 16;
/// Longest tax label, in characters.
const LABEL_MAX: usize = 64;

/// One tax charged on a category of goods, as printed on receipts and journals: a VAT rate, or
/// one layer of a US sales tax (state, city...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ComponentJson")]
pub struct TaxComponent {
    /// Short stable code (`VAT20`, `STATE`, `CITY`): `A-Z`, `0-9`, `_`, 1 to 16 characters.
    pub code: String,
    /// Name shown to people (`TVA 20 %`, `New York City`).
    pub label: String,
    /// The rate in percent.
    pub rate: TaxRate,
}

/// The JSON shape of [`TaxComponent`], checked on the way in.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentJson {
    code: String,
    label: String,
    rate: TaxRate,
}

impl TryFrom<ComponentJson> for TaxComponent {
    type Error = TaxError;

    fn try_from(j: ComponentJson) -> Result<TaxComponent, TaxError> {
        TaxComponent::new(&j.code, &j.label, j.rate)
    }
}

impl TaxComponent {
    /// A tax with its code checked (`A-Z`, `0-9`, `_`, lowercase is upper-cased) and its label
    /// trimmed (1 to 64 characters).
    pub fn new(code: &str, label: &str, rate: TaxRate) -> Result<TaxComponent, TaxError> {
        let code = parse_code(code)?;
        let label = bounded_text(label, LABEL_MAX).map_err(|e| TaxError::InvalidLabel {
            code: code.clone(),
            reason: e.to_string(),
        })?;
        Ok(TaxComponent { code, label, rate })
    }
}

fn parse_code(input: &str) -> Result<String, TaxError> {
    let code = input.trim().to_ascii_uppercase();
    let invalid = |reason| TaxError::InvalidCode {
        code: input.to_owned(),
        reason,
    };
    if code.is_empty() {
        return Err(invalid("must not be empty"));
    }
    if code.len() > CODE_MAX {
        return Err(invalid("must be at most 16 characters"));
    }
    if !code
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(invalid("only A-Z, 0-9 and _ are allowed"));
    }
    Ok(code)
}

/// The taxes of every tax category a shop sells under: `standard` may be one VAT rate or
/// several stacked sales taxes. Serialised as `{"standard": [{"code", "label", "rate"}], ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<String, Vec<TaxComponent>>",
    into = "BTreeMap<String, Vec<TaxComponent>>"
)]
pub struct TaxTable {
    /// Categories in name order, each with at least one tax, codes unique within it.
    entries: Vec<(TaxCategory, Vec<TaxComponent>)>,
}

/// A built-in table as text: categories, each with (code, label, rate) rows.
type PresetRows = &'static [(
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
)];

/// Names accepted by [`TaxTable::preset`].
pub const TAX_PRESETS: &[&str] = &["fr", "de", "gb", "us-ny-nyc"];

impl TaxTable {
    /// A table from its categories; refuses an empty table, a category with no tax, a category
    /// given twice and a code repeated within a category.
    pub fn new(entries: Vec<(TaxCategory, Vec<TaxComponent>)>) -> Result<TaxTable, TaxError> {
        if entries.is_empty() {
            return Err(TaxError::EmptyTable);
        }
        let mut entries = entries;
        entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        for pair in entries.windows(2) {
            if pair[0].0 == pair[1].0 {
                return Err(TaxError::DuplicateCategory {
                    category: pair[0].0.as_str().to_owned(),
                });
            }
        }
        for (category, components) in &entries {
            if components.is_empty() {
                return Err(TaxError::EmptyCategory {
                    category: category.as_str().to_owned(),
                });
            }
            for (i, component) in components.iter().enumerate() {
                if components[..i].iter().any(|c| c.code == component.code) {
                    return Err(TaxError::DuplicateCode {
                        category: category.as_str().to_owned(),
                        code: component.code.clone(),
                    });
                }
            }
        }
        Ok(TaxTable { entries })
    }

    /// The taxes charged on goods of `category`, or `None` when the table does not know it.
    pub fn components(&self, category: &TaxCategory) -> Option<&[TaxComponent]> {
        self.entries
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, components)| components.as_slice())
    }

    /// The categories of the table, in name order.
    pub fn categories(&self) -> impl Iterator<Item = &TaxCategory> {
        self.entries.iter().map(|(c, _)| c)
    }

    /// A built-in table: `fr`, `de`, `gb` (VAT) or `us-ny-nyc` (New York City sales tax).
    pub fn preset(name: &str) -> Result<TaxTable, TaxError> {
        let rows: PresetRows = match name.trim() {
            "fr" => &[
                ("standard", &[("VAT20", "TVA 20 %", "20")]),
                ("intermediate", &[("VAT10", "TVA 10 %", "10")]),
                ("reduced", &[("VAT5_5", "TVA 5,5 %", "5.5")]),
                ("super_reduced", &[("VAT2_1", "TVA 2,1 %", "2.1")]),
                ("zero", &[("VAT0", "TVA 0 %", "0")]),
            ],
            "de" => &[
                ("standard", &[("VAT19", "MwSt. 19 %", "19")]),
                ("reduced", &[("VAT7", "MwSt. 7 %", "7")]),
            ],
            "gb" => &[
                ("standard", &[("VAT20", "VAT 20%", "20")]),
                ("reduced", &[("VAT5", "VAT 5%", "5")]),
                ("zero", &[("VAT0", "VAT 0%", "0")]),
            ],
            // 8.875 % in total: New York State, New York City and the Metropolitan Commuter
            // Transportation District surcharge.
            "us-ny-nyc" => &[
                (
                    "standard",
                    &[
                        ("STATE", "New York State", "4"),
                        ("CITY", "New York City", "4.5"),
                        (
                            "MCTD",
                            "Metropolitan Commuter Transportation District",
                            "0.375",
                        ),
                    ],
                ),
                ("zero", &[("EXEMPT", "No sales tax", "0")]),
            ],
            _ => {
                return Err(TaxError::UnknownPreset {
                    name: name.to_owned(),
                    known: "fr, de, gb, us-ny-nyc",
                });
            }
        };
        let entries = rows
            .iter()
            .map(|(category, components)| {
                let category = parse_category(category)?;
                let components = components
                    .iter()
                    .map(|(code, label, rate)| {
                        TaxComponent::new(code, label, TaxRate::parse(rate)?)
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((category, components))
            })
            .collect::<Result<Vec<_>, TaxError>>()?;
        TaxTable::new(entries)
    }
}

fn parse_category(input: &str) -> Result<TaxCategory, TaxError> {
    TaxCategory::parse(input).map_err(|e| TaxError::InvalidCategory {
        input: input.to_owned(),
        reason: e.to_string(),
    })
}

impl TryFrom<BTreeMap<String, Vec<TaxComponent>>> for TaxTable {
    type Error = TaxError;

    fn try_from(map: BTreeMap<String, Vec<TaxComponent>>) -> Result<TaxTable, TaxError> {
        let entries = map
            .into_iter()
            .map(|(name, components)| Ok((parse_category(&name)?, components)))
            .collect::<Result<Vec<_>, TaxError>>()?;
        TaxTable::new(entries)
    }
}

impl From<TaxTable> for BTreeMap<String, Vec<TaxComponent>> {
    fn from(table: TaxTable) -> Self {
        table
            .entries
            .into_iter()
            .map(|(category, components)| (category.as_str().to_owned(), components))
            .collect()
    }
}
