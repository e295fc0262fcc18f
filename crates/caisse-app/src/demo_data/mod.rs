//! Demo catalogue for `caisse serve --demo`: a French neighbourhood general store,
//! "Épicerie du Marché Saint-Roch", with about 3,600 products in a two-level category tree.
//!
//! This module is pure data generation: no I/O, no dependencies beyond `std`, and the same
//! seed always gives the same catalogue. The product list itself (names, categories, units,
//! tax categories, variants) comes from the word lists in `words.rs` and does not depend on
//! the seed; the seed varies prices (a few percent around a reference), costs (50-75 % of
//! the price), barcodes, supplier references, which brand carries a line when only one does,
//! and which few products are discontinued (`active == false`).
//!
//! The shop is bilingual: most names are French ("Crème fraîche épaisse 20 cl", "Œufs bio x6"),
//! imported goods keep their English names ("Kensington & Co Earl Grey Tea 50 bags").
//!
//! Barcodes (every one has a correct GTIN check digit and all are distinct, also once
//! normalised to GTIN-14):
//! - branded goods: GTIN-13 under a per-brand company prefix whose GS1 prefix matches the
//!   brand's country (300-379 France, 500-509 United Kingdom, 800-839 Italy, ...);
//!   North-American brands use 12-digit UPC-A codes and a few small sweets use GTIN-8.
//!   About one branded product in twenty has a second code (older packaging).
//! - goods made or packed for the shop (bread, produce sold by the piece, goods sold by the
//!   litre or the metre): company-internal GTIN-13 codes, prefix 040-049.
//! - press titles: ISSN-based EAN-13 codes, prefix 977.
//! - weighed goods (`sold_by_weight`, unit `kg`, price per kg) and priced-label goods (deli
//!   trays): the *lookup key* of their scale label, i.e. the label with its value zeroed;
//!   see [`DEMO_SCALE_LAYOUT`] and [`scale_label`].
//! - products with variants (clothing, household linen) have no barcode of their own: each
//!   variant carries one.
//!
//! Tax categories are names only: `standard` (20 %), `intermediate` (10 %, prepared food,
//! seeds and compost), `reduced` (5.5 %, most food and drinks, feminine hygiene) and
//! `super_reduced` (2.1 %, press).

mod words;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

/// Name of the demo shop.
pub const DEMO_STORE_NAME: &str = "Épicerie du Marché Saint-Roch";

/// The scale-label layout the demo store uses: the generic "2X IIIII VVVVV C" EAN-13 layout
/// (2-digit prefix, 5-digit item reference, 5-digit value, GTIN check digit, no value check
/// digit). Prefix `28` carries a weight in kg with 3 decimals (grams), prefix `20` a price
/// with 2 decimals (cents). Products store the lookup key: the label with the value zeroed.
pub const DEMO_SCALE_LAYOUT: &str = "generic-mixed";

/// Scale-label prefix of weighed goods (value = weight in grams).
pub const SCALE_PREFIX_WEIGHT: &str = "28";

/// Scale-label prefix of priced-label goods (value = price in cents).
pub const SCALE_PREFIX_PRICE: &str = "20";

/// A complete demo catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCatalog {
    /// Shop name.
    pub store_name: String,
    /// Category tree; parents come before their children.
    pub categories: Vec<DemoCategory>,
    /// Wholesalers the shop buys from.
    pub suppliers: Vec<DemoSupplier>,
    /// Products, variants included.
    pub products: Vec<DemoProduct>,
}

/// A category of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCategory {
    /// Stable key, unique in the catalogue.
    pub key: String,
    /// Key of the parent category, if any.
    pub parent_key: Option<String>,
    /// Display name.
    pub name: String,
}

/// A supplier (wholesaler).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSupplier {
    /// Stable key, unique in the catalogue.
    pub key: String,
    /// Company name.
    pub name: String,
    /// Order desk e-mail.
    pub email: Option<String>,
    /// Order desk phone number.
    pub phone: Option<String>,
}

/// A product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProduct {
    /// Unique across products and variants, e.g. "EPI-00123".
    pub sku: String,
    /// Shelf and receipt name, unique in the catalogue.
    pub name: String,
    /// Brand, if the product has one.
    pub brand: Option<String>,
    /// Longer description, for some products.
    pub description: Option<String>,
    /// Key of the (leaf) category.
    pub category_key: String,
    /// "each", "kg", "l" or "m".
    pub unit: &'static str,
    /// Weighed at the till or on a scale (unit "kg").
    pub sold_by_weight: bool,
    /// Price in euro cents, tax included; per kg, litre or metre for those units.
    pub price_minor: i64,
    /// Purchase cost in euro cents, for the same quantity as the price.
    pub cost_minor: Option<i64>,
    /// "standard", "intermediate", "reduced" or "super_reduced".
    pub tax_category: &'static str,
    /// GTIN digit strings (8, 12 or 13 digits); empty for products sold through variants.
    pub barcodes: Vec<String>,
    /// Key of the usual supplier.
    pub supplier_key: Option<String>,
    /// The supplier's own reference for the product.
    pub supplier_ref: Option<String>,
    /// False for discontinued products.
    pub active: bool,
    /// Sellable variants (size, colour), if any.
    pub variants: Vec<DemoVariant>,
}

/// A sellable variant of a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoVariant {
    /// Unique across products and variants, e.g. "TEX-00012-03".
    pub sku: String,
    /// E.g. "M / Bleu marine".
    pub name: String,
    /// E.g. `("size", "M")`, `("colour", "Bleu marine")`.
    pub attributes: Vec<(String, String)>,
    /// Own price in euro cents when it differs from the product's.
    pub price_minor: Option<i64>,
    /// GTIN digit strings.
    pub barcodes: Vec<String>,
}

/// Builds the demo catalogue. Deterministic: the same seed always gives the same catalogue.
pub fn demo_catalog(seed: u64) -> DemoCatalog {
    let mut builder = Builder::new(seed);
    for line in logical_lines(words::CATALOG) {
        builder.entry(&line);
    }
    builder.finish()
}

/// Builds a full scale label from a demo lookup key ("28" or "20" + 5-digit item reference
/// + "00000" + check digit) and a value: grams for prefix 28, cents for prefix 20.
///
/// `scale_label("2800101000002", 1250)` is `"2800101012500"`, the label of 1.250 kg of item 00101.
///
/// # Panics
/// If `lookup_key` does not start with seven digits, the first being 2, or if `value` does not
/// fit in five digits (more than 99,999).
pub fn scale_label(lookup_key: &str, value: u32) -> String {
    assert!(
        value <= 99_999,
        "scale label value {value} does not fit in 5 digits"
    );
    let head = lookup_key
        .get(..7)
        .filter(|h| h.starts_with('2') && h.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("not a scale-label lookup key: {lookup_key:?}"));
    with_check_digit(format!("{head}{value:05}"))
}

/// Check digit of a GTIN whose other digits are `body`: from the rightmost digit of the body,
/// weights 3, 1, 3, 1, ...; the check digit brings the weighted sum to a multiple of ten.
fn gtin_check_digit(body: &str) -> u32 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let digit = u32::from(b - b'0');
            if i % 2 == 0 { digit * 3 } else { digit }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// Appends the GTIN check digit to `body`.
fn with_check_digit(body: String) -> String {
    let check = gtin_check_digit(&body);
    format!("{body}{check}")
}

/// Where a brand comes from, which decides the shape of its barcodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Fr,
    Uk,
    Us,
    Ca,
    De,
    It,
    Es,
    Be,
    Nl,
    Ch,
    Pt,
    Jp,
    Th,
    Cn,
    Ma,
    Tr,
}

impl Origin {
    /// Range of GS1 prefixes (first three digits of an EAN-13) of the country; `None` for
    /// brands that print 12-digit UPC-A codes.
    fn gs1_prefixes(self) -> Option<(u64, u64)> {
        match self {
            Origin::Fr => Some((300, 379)),
            Origin::Uk => Some((500, 509)),
            Origin::Us | Origin::Ca => None,
            Origin::De => Some((400, 440)),
            Origin::It => Some((800, 839)),
            Origin::Es => Some((840, 849)),
            Origin::Be => Some((540, 549)),
            Origin::Nl => Some((870, 879)),
            Origin::Ch => Some((760, 769)),
            Origin::Pt => Some((560, 560)),
            Origin::Jp => Some((450, 459)),
            Origin::Th => Some((885, 885)),
            Origin::Cn => Some((690, 699)),
            Origin::Ma => Some((611, 611)),
            Origin::Tr => Some((869, 869)),
        }
    }
}

/// The splitmix64 generator: tiny, fast and good enough for demo data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant here.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn between_i64(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.abs_diff(lo) + 1;
        lo + i64::try_from(self.below(span)).unwrap_or(0)
    }
}

/// Joins the catalogue text into logical lines: blank lines and `#` comments are dropped,
/// indented lines continue the previous line.
fn logical_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if raw.starts_with(char::is_whitespace) {
            let last = lines
                .last_mut()
                .unwrap_or_else(|| panic!("continuation without a line to continue: {raw:?}"));
            last.push(' ');
            last.push_str(trimmed);
        } else {
            lines.push(trimmed.to_owned());
        }
    }
    lines
}

/// Splits a `;`-separated list; an empty field is an empty list.
fn list(field: &str) -> Vec<&str> {
    if field.trim().is_empty() {
        Vec::new()
    } else {
        field.split(';').map(str::trim).collect()
    }
}

/// Splits `text@percent` into the text and the percentage (100 when absent).
fn with_percent(item: &str) -> (&str, i64) {
    match item.rsplit_once('@') {
        Some((text, pct)) => (text.trim(), parse_number(pct, item)),
        None => (item, 100),
    }
}

/// Splits `label=cents`.
fn priced(item: &str) -> (&str, i64) {
    let (label, price) = item
        .rsplit_once('=')
        .unwrap_or_else(|| panic!("expected label=price, got {item:?}"));
    (label.trim(), parse_number(price, item))
}

fn parse_number(text: &str, context: &str) -> i64 {
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("bad number {text:?} in {context:?}"))
}

/// Tax category from its code in the catalogue text, and whether the products get GTIN-8 codes.
fn tax_code(code: &str) -> (&'static str, bool) {
    match code {
        "R" => ("reduced", false),
        "R8" => ("reduced", true),
        "I" => ("intermediate", false),
        "S" => ("standard", false),
        "S8" => ("standard", true),
        "SR" => ("super_reduced", false),
        other => panic!("unknown tax code {other:?}"),
    }
}

/// Fills the template and tidies the spaces left by empty parts. When the template has no
/// `{f}`, a quantity ending the variety ("Comté AOP 12 mois 250 g") goes to the end of the
/// name, after the brand, as in the other lines: "Comté AOP 12 mois Fromagerie Mouret 250 g".
fn render(template: &str, variety: &str, brand: &str, format: &str) -> String {
    let (variety, format, template) = if template.contains("{f}") {
        (variety.to_owned(), format.to_owned(), template.to_owned())
    } else {
        let (rest, quantity) = split_quantity(variety);
        (rest, quantity, format!("{template} {{f}}"))
    };
    let filled = template
        .replace("{v}", &variety)
        .replace("{b}", brand)
        .replace("{f}", &format);
    filled.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a trailing quantity ("500 g", "2 x 100 g", "x6", "10 sachets") off a name.
fn split_quantity(text: &str) -> (String, String) {
    const UNITS: &[&str] = &[
        "g", "kg", "ml", "cl", "L", "m", "mm", "cm", "tranches", "sachets", "feuilles", "pages",
        "pièces", "unidoses", "boîtes", "lavages",
    ];
    let is_count = |w: &str| {
        w.strip_prefix('x')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let is_number = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || c == ',')
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words.len();
    while start > 1 {
        let w = words[start - 1];
        let before = words[start - 2];
        let after = words.get(start).copied().unwrap_or("");
        // A unit follows a number or a count ("en tranches 400 g" keeps "en tranches"), a
        // number precedes a unit or "x" ("SPF 30 200 ml" keeps "SPF 30"), "x" sits between
        // two numbers ("2 x 100 g").
        let accept = if UNITS.contains(&w) {
            is_number(before) || is_count(before)
        } else if is_number(w) {
            UNITS.contains(&after) || after == "x"
        } else if w == "x" {
            is_number(before) && is_number(after)
        } else {
            is_count(w)
        };
        if accept {
            start -= 1;
        } else {
            break;
        }
    }
    let ends_with_unit = words
        .last()
        .is_some_and(|w| UNITS.contains(w) || is_count(w));
    if start == words.len() || !ends_with_unit {
        return (text.to_owned(), String::new());
    }
    (words[..start].join(" "), words[start..].join(" "))
}

/// A price the way a shop would write it: multiples of 5 cents under 1 EUR, x.x9 under 20 EUR,
/// xx.90 above; always within 0.30-89.00 EUR.
fn shelf_price(raw: i64) -> i64 {
    let p = raw.clamp(30, 8_900);
    let shaped = if p < 100 {
        (p + 2) / 5 * 5
    } else if p < 2_000 {
        p / 10 * 10 + 9
    } else {
        p / 100 * 100 + 90
    };
    shaped.clamp(30, 8_900)
}

/// Barcode allocation state of one brand.
struct BrandCodes {
    /// Company prefix: 7 digits (EAN-13) or 6 digits starting with 0 (UPC-A).
    company: String,
    next_item: u64,
}

/// What a product line contributes before the builder adds SKU, cost, supplier and status.
struct NewProduct {
    name: String,
    brand: Option<String>,
    description: Option<String>,
    unit: &'static str,
    sold_by_weight: bool,
    price: i64,
    tax: &'static str,
    barcodes: Vec<String>,
    /// Variants without their SKU, which `push` derives from the product's.
    variants: Vec<DemoVariant>,
}

struct Builder {
    rng: SplitMix64,
    category: String,
    parents: HashMap<&'static str, &'static str>,
    sku_prefix: HashMap<&'static str, &'static str>,
    supplier_for: HashMap<&'static str, &'static str>,
    supplier_codes: HashMap<&'static str, &'static str>,
    brands: HashMap<&'static str, (Origin, i64)>,
    brand_codes: HashMap<String, BrandCodes>,
    company_prefixes: HashSet<String>,
    sku_next: HashMap<&'static str, u32>,
    supplier_next: HashMap<&'static str, u64>,
    internal_prefix: u64,
    internal_next: u64,
    gtin8_prefix: u64,
    gtin8_next: u64,
    issns: HashSet<u64>,
    scale_next: u32,
    products: Vec<DemoProduct>,
}

impl Builder {
    fn new(seed: u64) -> Self {
        let mut rng = SplitMix64(seed);
        let internal_prefix = rng.between(40, 49);
        let internal_next = rng.between(1_000, 900_000);
        let gtin8_prefix = rng.between(300, 379);
        let gtin8_next = rng.between(100, 5_000);
        Builder {
            rng,
            category: String::new(),
            parents: words::CATEGORIES
                .iter()
                .filter(|c| !c.1.is_empty())
                .map(|c| (c.0, c.1))
                .collect(),
            sku_prefix: words::CATEGORIES
                .iter()
                .filter(|c| !c.3.is_empty())
                .map(|c| (c.0, c.3))
                .collect(),
            supplier_for: words::SUPPLIER_FOR.iter().copied().collect(),
            supplier_codes: words::SUPPLIERS.iter().map(|s| (s.0, s.4)).collect(),
            brands: words::BRANDS.iter().map(|b| (b.0, (b.1, b.2))).collect(),
            brand_codes: HashMap::new(),
            company_prefixes: HashSet::new(),
            sku_next: HashMap::new(),
            supplier_next: HashMap::new(),
            internal_prefix,
            internal_next,
            gtin8_prefix,
            gtin8_next,
            issns: HashSet::new(),
            scale_next: 101,
            products: Vec::new(),
        }
    }

    fn finish(self) -> DemoCatalog {
        DemoCatalog {
            store_name: DEMO_STORE_NAME.to_owned(),
            categories: words::CATEGORIES
                .iter()
                .map(|&(key, parent, name, _)| DemoCategory {
                    key: key.to_owned(),
                    parent_key: (!parent.is_empty()).then(|| parent.to_owned()),
                    name: name.to_owned(),
                })
                .collect(),
            suppliers: words::SUPPLIERS
                .iter()
                .map(|&(key, name, email, phone, _)| DemoSupplier {
                    key: key.to_owned(),
                    name: name.to_owned(),
                    email: (!email.is_empty()).then(|| email.to_owned()),
                    phone: (!phone.is_empty()).then(|| phone.to_owned()),
                })
                .collect(),
            products: self.products,
        }
    }

    /// Handles one logical line of the catalogue text.
    fn entry(&mut self, line: &str) {
        if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            assert!(
                words::CATEGORIES.iter().any(|c| c.0 == key),
                "unknown category [{key}]"
            );
            self.category = key.to_owned();
            return;
        }
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        let (head, rest) = fields[0].split_once(' ').unwrap_or((fields[0], ""));
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        match head {
            "ea" | "kg" | "lbl" | "l" | "m" | "press" => {
                self.simple_items(head, tax_code(rest).0, field(1), field(2));
            }
            "var" => self.variant_product(
                tax_code(rest).0,
                field(1),
                field(2),
                parse_number(field(3), line),
                field(4),
                field(5),
                field(6),
            ),
            code => {
                let (tax, gtin8) = tax_code(code);
                self.family(tax, gtin8, rest, field(1), field(2), field(3), field(4));
            }
        }
    }

    /// A product family: one product per variety x format (x brand when the template names it).
    #[allow(clippy::too_many_arguments)]
    fn family(
        &mut self,
        tax: &'static str,
        gtin8: bool,
        template: &str,
        varieties: &str,
        formats: &str,
        brands: &str,
        description: &str,
    ) {
        let mut varieties = list(varieties);
        if varieties.is_empty() {
            varieties.push("");
        }
        let formats: Vec<(&str, i64)> = list(formats).into_iter().map(priced).collect();
        assert!(!formats.is_empty(), "no format in {template:?}");
        assert!(
            template.contains("{f}") || formats.iter().all(|f| f.0.is_empty()),
            "{template:?} has format labels but no {{f}}"
        );
        let brands = list(brands);
        let per_brand = template.contains("{b}");
        assert!(
            !per_brand || !brands.is_empty(),
            "{template:?} names {{b}} but has no brand"
        );
        for variety in varieties {
            let (variety, variety_pct) = with_percent(variety);
            for &(format, base) in &formats {
                let chosen: Vec<Option<&str>> = if brands.is_empty() {
                    vec![None]
                } else if per_brand {
                    brands.iter().map(|&b| Some(b)).collect()
                } else {
                    let pick = self.rng.below(brands.len() as u64) as usize;
                    vec![Some(brands[pick])]
                };
                for brand in chosen {
                    let level = brand.map_or(100, |b| self.brand(b).1);
                    let jitter = self.rng.between_i64(94, 106);
                    let price = shelf_price(base * level * variety_pct * jitter / 1_000_000);
                    let barcodes = match brand {
                        None => vec![self.internal_code()],
                        Some(_) if gtin8 => vec![self.gtin8()],
                        Some(b) => {
                            let mut codes = vec![self.brand_gtin(b)];
                            if self.rng.chance(50) {
                                codes.push(self.brand_gtin(b));
                            }
                            codes
                        }
                    };
                    self.push(NewProduct {
                        name: render(template, variety, brand.unwrap_or(""), format),
                        brand: brand.map(str::to_owned),
                        description: non_empty(description),
                        unit: "each",
                        sold_by_weight: false,
                        price,
                        tax,
                        barcodes,
                        variants: Vec::new(),
                    });
                }
            }
        }
    }

    /// Unbranded goods listed as `name=price`: sold each, by weight, with a priced label, by
    /// the litre or the metre, or press titles.
    fn simple_items(&mut self, kind: &str, tax: &'static str, items: &str, description: &str) {
        for item in list(items) {
            let (name, price) = priced(item);
            let (unit, sold_by_weight, barcode) = match kind {
                "ea" => ("each", false, self.internal_code()),
                "kg" => ("kg", true, self.scale_key(SCALE_PREFIX_WEIGHT)),
                "lbl" => ("each", false, self.scale_key(SCALE_PREFIX_PRICE)),
                "l" => ("l", false, self.internal_code()),
                "m" => ("m", false, self.internal_code()),
                "press" => ("each", false, self.press_code()),
                other => unreachable!("unknown item kind {other}"),
            };
            self.push(NewProduct {
                name: name.to_owned(),
                brand: None,
                description: non_empty(description),
                unit,
                sold_by_weight,
                price,
                tax,
                barcodes: vec![barcode],
                variants: Vec::new(),
            });
        }
    }

    /// A product sold through size x colour variants.
    #[allow(clippy::too_many_arguments)]
    fn variant_product(
        &mut self,
        tax: &'static str,
        name: &str,
        brand: &str,
        price: i64,
        sizes: &str,
        colours: &str,
        description: &str,
    ) {
        let sizes: Vec<Option<(&str, i64)>> = match list(sizes) {
            s if s.is_empty() => vec![None],
            s => s
                .into_iter()
                .map(|size| match size.rsplit_once('+') {
                    Some((label, extra)) => Some((label.trim(), parse_number(extra, size))),
                    None => Some((size, 0)),
                })
                .collect(),
        };
        let colours: Vec<Option<&str>> = match list(colours) {
            c if c.is_empty() => vec![None],
            c => c.into_iter().map(Some).collect(),
        };
        let mut variants = Vec::new();
        for size in &sizes {
            for colour in &colours {
                let mut attributes = Vec::new();
                let mut label = Vec::new();
                if let Some((size, _)) = size {
                    attributes.push(("size".to_owned(), (*size).to_owned()));
                    label.push(*size);
                }
                if let Some(colour) = colour {
                    attributes.push(("colour".to_owned(), (*colour).to_owned()));
                    label.push(*colour);
                }
                let extra = size.map_or(0, |s| s.1);
                let own_price = (extra != 0).then_some(price + extra);
                variants.push(DemoVariant {
                    sku: String::new(),
                    name: label.join(" / "),
                    attributes,
                    price_minor: own_price,
                    barcodes: vec![self.brand_gtin(brand)],
                });
            }
        }
        self.push(NewProduct {
            name: name.to_owned(),
            brand: Some(brand.to_owned()),
            description: non_empty(description),
            unit: "each",
            sold_by_weight: false,
            price,
            tax,
            barcodes: Vec::new(),
            variants,
        });
    }

    /// Adds SKU, cost, supplier and status, and stores the product.
    fn push(&mut self, new: NewProduct) {
        let category = self.category.clone();
        let prefix = self.top_level_prefix(&category);
        let counter = self.sku_next.entry(prefix).or_insert(0);
        *counter += 1;
        let sku = format!("{prefix}-{:05}", *counter);
        let cost = (new.price * self.rng.between_i64(50, 75) / 100).max(1);
        let (supplier_key, supplier_ref) = match self.supplier_of(&category) {
            Some(key) => {
                let code = self.supplier_codes[key];
                let start = self.rng.between(10_000, 30_000);
                let step = self.rng.between(1, 9);
                let next = self.supplier_next.entry(key).or_insert(start);
                *next += step;
                (Some(key.to_owned()), Some(format!("{code}-{:05}", *next)))
            }
            None => (None, None),
        };
        let active = !self.rng.chance(15);
        let mut variants = new.variants;
        for (i, variant) in variants.iter_mut().enumerate() {
            variant.sku = format!("{sku}-{:02}", i + 1);
        }
        self.products.push(DemoProduct {
            sku,
            name: new.name,
            brand: new.brand,
            description: new.description,
            category_key: category,
            unit: new.unit,
            sold_by_weight: new.sold_by_weight,
            price_minor: new.price,
            cost_minor: Some(cost),
            tax_category: new.tax,
            barcodes: new.barcodes,
            supplier_key,
            supplier_ref,
            active,
            variants,
        });
    }

    fn top_level_prefix(&self, category: &str) -> &'static str {
        let mut key = category;
        loop {
            if let Some(prefix) = self.sku_prefix.get(key) {
                return prefix;
            }
            key = self
                .parents
                .get(key)
                .unwrap_or_else(|| panic!("category {category:?} has no SKU prefix"));
        }
    }

    fn supplier_of(&self, category: &str) -> Option<&'static str> {
        let mut key = category;
        loop {
            if let Some(supplier) = self.supplier_for.get(key) {
                return Some(supplier);
            }
            key = self.parents.get(key)?;
        }
    }

    fn brand(&self, name: &str) -> (Origin, i64) {
        *self
            .brands
            .get(name)
            .unwrap_or_else(|| panic!("brand {name:?} is missing from BRANDS"))
    }

    /// Next GTIN of a brand: GTIN-13 under its company prefix, or UPC-A for North America.
    fn brand_gtin(&mut self, brand: &str) -> String {
        if !self.brand_codes.contains_key(brand) {
            let (origin, _) = self.brand(brand);
            let company = loop {
                let candidate = match origin.gs1_prefixes() {
                    Some((lo, hi)) => format!(
                        "{:03}{:04}",
                        self.rng.between(lo, hi),
                        self.rng.between(1_000, 9_999)
                    ),
                    None => format!("0{:05}", self.rng.between(10_000, 99_999)),
                };
                if self.company_prefixes.insert(candidate.clone()) {
                    break candidate;
                }
            };
            let next_item = self.rng.between(100, 20_000);
            self.brand_codes
                .insert(brand.to_owned(), BrandCodes { company, next_item });
        }
        let step = self.rng.between(1, 3);
        let codes = self
            .brand_codes
            .get_mut(brand)
            .unwrap_or_else(|| unreachable!("brand codes allocated above"));
        let item = codes.next_item;
        codes.next_item += step;
        with_check_digit(format!("{}{item:05}", codes.company))
    }

    /// Next company-internal GTIN-13 (prefix 040-049), for goods packed for the shop.
    fn internal_code(&mut self) -> String {
        let n = self.internal_next;
        self.internal_next += 1;
        with_check_digit(format!("0{}{n:09}", self.internal_prefix))
    }

    /// Next GTIN-8.
    fn gtin8(&mut self) -> String {
        let n = self.gtin8_next;
        self.gtin8_next += 1;
        with_check_digit(format!("{}{n:04}", self.gtin8_prefix))
    }

    /// A press EAN-13: 977 + 7 ISSN digits + issue variant 00 + check digit.
    fn press_code(&mut self) -> String {
        let issn = loop {
            let candidate = self.rng.between(1_000_000, 9_999_999);
            if self.issns.insert(candidate) {
                break candidate;
            }
        };
        with_check_digit(format!("977{issn:07}00"))
    }

    /// Lookup key of the next scale item: prefix + 5-digit item reference + zeroed value.
    fn scale_key(&mut self, prefix: &str) -> String {
        let item = self.scale_next;
        self.scale_next += 1;
        with_check_digit(format!("{prefix}{item:05}00000"))
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}
