//! Deterministic synthetic catalogs and typeahead queries for `caisse bench catalog`.
//!
//! Names are composed from French and English grocery and retail word lists, so the vocabulary,
//! the sharing of words between items and the accents look like a real shop's; brands and
//! product lines are made of syllables, giving tens of thousands of distinct words. Barcodes are
//! valid GTIN-13 (and a few UPC-A), with one company prefix per brand as in real catalogs.

use uuid::{Builder, Uuid};

use super::IndexEntry;
use super::normalize::normalize;

/// A small, fast, deterministic pseudo-random generator (splitmix64).
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A family of products: a category with its nouns, qualifiers and sizes, each list written
/// as one string with `|` between items.
struct Family {
    category: &'static str,
    nouns: &'static str,
    qualifiers: &'static str,
    sizes: &'static str,
    /// Sold in size and colour variants (clothes).
    variants: bool,
}

/// A [`Family`] with its lists split.
struct Words {
    category: &'static str,
    nouns: Vec<&'static str>,
    qualifiers: Vec<&'static str>,
    sizes: Vec<&'static str>,
    variants: bool,
}

impl Family {
    fn words(&self) -> Words {
        Words {
            category: self.category,
            nouns: self.nouns.split('|').collect(),
            qualifiers: self.qualifiers.split('|').collect(),
            sizes: self.sizes.split('|').collect(),
            variants: self.variants,
        }
    }
}

const FAMILIES: &[Family] = &[
    Family {
        category: "Produits laitiers",
        nouns: "Lait|Yaourt|Crème fraîche|Beurre|Fromage blanc|Emmental râpé|Camembert|Comté|\
                Skyr|Greek yogurt|Milk",
        qualifiers: "demi-écrémé|entier|écrémé|bio|nature|à la vanille|aux fruits rouges|allégé|\
                     doux|demi-sel|AOP|organic|semi-skimmed",
        sizes: "1 L|50 cl|125 g|500 g|4 x 125 g|250 g|6 x 1 L",
        variants: false,
    },
    Family {
        category: "Épicerie",
        nouns: "Pâtes|Spaghetti|Riz basmati|Farine de blé|Sucre en poudre|Huile d'olive|\
                Café moulu|Café en grains|Thé vert|Chocolat noir|Confiture|Miel|Coffee beans|\
                Peanut butter|Olive oil",
        qualifiers: "bio|extra|vierge extra|équitable|intense|aux abricots|d'acacia|complet|\
                     sans gluten|pur arabica|70% cacao|fair trade|crunchy|smooth",
        sizes: "500 g|1 kg|75 cl|250 g|100 g|370 g|1 L",
        variants: false,
    },
    Family {
        category: "Boissons",
        nouns: "Eau minérale|Eau gazeuse|Jus d'orange|Jus de pomme|Limonade|Bière blonde|\
                Bière ambrée|Vin rouge|Vin blanc|Cidre brut|Sirop de menthe|Orange juice|\
                Sparkling water|Lager|Cola",
        qualifiers: "pur jus|sans sucres ajoutés|bio|artisanale|AOC|Bordeaux|Côtes du Rhône|\
                     zéro|light|premium|pressée|fines bulles",
        sizes: "1 L|1,5 L|50 cl|33 cl|75 cl|6 x 33 cl|4 x 25 cl",
        variants: false,
    },
    Family {
        category: "Fruits et légumes",
        nouns: "Pommes|Bananes|Tomates|Carottes|Pommes de terre|Courgettes|Avocats|Citrons|\
                Poireaux|Fraises|Apples|Potatoes",
        qualifiers: "Golden|Gala|cerises|grappe|bio|de Bretagne|d'Espagne|à chair ferme|Hass|\
                     Gariguette|vrac|origine France",
        sizes: "1 kg|500 g|2 kg|le kg|barquette 250 g|filet 1,5 kg",
        variants: false,
    },
    Family {
        category: "Boulangerie",
        nouns: "Pain de mie|Baguette|Croissants|Brioche|Pains au chocolat|Madeleines|Biscottes|\
                Crêpes|Muffins|Bagels",
        qualifiers: "complet|tradition|pur beurre|tranchée|aux céréales|sans croûte|nature|\
                     aux pépites de chocolat|blueberry",
        sizes: "500 g|x4|x6|x8|250 g|400 g",
        variants: false,
    },
    Family {
        category: "Hygiène",
        nouns: "Shampooing|Gel douche|Dentifrice|Savon|Déodorant|Crème hydratante|Toothpaste|\
                Shower gel|Conditioner",
        qualifiers: "cheveux secs|au lait d'amande|menthe fraîche|sensitive|peaux sensibles|48h|\
                     fraîcheur|argan|coco|whitening",
        sizes: "250 ml|400 ml|75 ml|100 g|150 ml|500 ml",
        variants: false,
    },
    Family {
        category: "Entretien",
        nouns: "Lessive|Liquide vaisselle|Éponges|Nettoyant multi-surfaces|\
                Pastilles lave-vaisselle|Sacs poubelle|Dishwasher tablets|Paper towels",
        qualifiers: "concentrée|citron|écologique|Marseille|anti-calcaire|all in one|30 L|\
                     lavande|extra strong",
        sizes: "1,5 L|750 ml|x3|x30|x20|2 L",
        variants: false,
    },
    Family {
        category: "Snacks",
        nouns: "Chips|Biscuits|Cookies|Crackers|Cacahuètes|Barres de céréales|Granola bars|\
                Pretzels|Tortilla chips",
        qualifiers: "salées|au paprika|goût barbecue|nature|au chocolat|caramel beurre salé|\
                     sea salt|sweet chili|grillées",
        sizes: "150 g|200 g|x6|300 g|125 g",
        variants: false,
    },
    Family {
        category: "Œufs",
        nouns: "Œufs frais|Œufs de poule|Œufs bio|Free range eggs",
        qualifiers: "plein air|catégorie A|moyens|gros|Label Rouge|de nos régions",
        sizes: "x6|x12|x10|x30",
        variants: false,
    },
    Family {
        category: "Textile",
        nouns: "T-shirt|Chaussettes|Sweat|Pull|Jean|Hoodie|Polo|Chemise|Legging|Veste",
        qualifiers: "Bio|coton|col rond|col V|slim|classic|oversize|mérinos|recyclé|stretch",
        sizes: "XS|S|M|L|XL|XXL",
        variants: true,
    },
];

const COLOURS: &[&str] = &[
    "Rouge", "Bleu", "Noir", "Blanc", "Vert", "Gris", "Beige", "Marine", "Jaune", "Rose",
];

const SYLLABLES: &[&str] = &[
    "al", "bel", "bor", "ca", "cha", "co", "dor", "du", "el", "fa", "fon", "ga", "gre", "ker",
    "la", "lan", "ma", "mar", "mi", "mon", "na", "nor", "o", "pa", "pi", "pro", "ra", "ri", "ro",
    "sa", "sel", "ta", "ter", "to", "val", "ve", "vi", "za", "lu", "bri",
];

/// GS1 prefixes of the countries the synthetic brands come from.
const COUNTRY_PREFIXES: &[u64] = &[
    300, 301, 314, 325, 340, 357, 376, 400, 405, 500, 540, 560, 760, 800, 841, 871,
];

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A made-up word of `count` syllables taken from the digits of `n`.
fn made_up_word(mut n: usize, count: usize) -> String {
    let mut word = String::new();
    for _ in 0..count {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    capitalised(&word)
}

/// Check digit of a GS1 identifier body: weights 3, 1, 3... from the rightmost body digit.
fn gs1_check_digit(body: u64) -> u64 {
    let (mut rest, mut sum, mut weight) = (body, 0, 3);
    while rest > 0 {
        sum += (rest % 10) * weight;
        rest /= 10;
        weight = 4 - weight;
    }
    (10 - sum % 10) % 10
}

/// A GTIN value (as its 14-digit number) from a body without its check digit.
fn gtin(body: u64) -> u64 {
    body * 10 + gs1_check_digit(body)
}

fn uuid(rng: &mut SplitMix64) -> Uuid {
    let mut bytes = [0u8; 10];
    bytes[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&rng.next_u64().to_le_bytes()[..2]);
    // A fixed era in 2026, advancing with the generator: valid, sortable UUIDv7 values.
    let millis = 1_767_225_600_000 + (rng.next_u64() % 31_536_000_000);
    Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
}

/// Number of brands for a catalog of `n` items: about 600 items per brand.
fn brand_count(n: usize) -> usize {
    (n / 600).clamp(20, 20_000)
}

/// `n` sellable items, the same for the same `seed`: products and clothing variants with
/// French and English names, brands, categories, SKUs like `SKU-0001234` and valid barcodes.
pub fn synthetic_entries(n: usize, seed: u64) -> Vec<IndexEntry> {
    let mut rng = SplitMix64::new(seed);
    let families: Vec<Words> = FAMILIES.iter().map(Family::words).collect();
    let brands = brand_count(n);
    let mut per_brand = vec![0_u64; brands];
    let mut entries = Vec::with_capacity(n);
    let mut product_number = 0_usize;
    while entries.len() < n {
        product_number += 1;
        let family = rng.pick(&families);
        let brand_id = rng.below(brands);
        let brand = made_up_word(brand_id * 7 + 3, 2 + brand_id % 2);
        let mut name = rng.pick(&family.nouns).to_string();
        if rng.percent(70) {
            name.push(' ');
            name.push_str(rng.pick::<&str>(&family.qualifiers));
        }
        if rng.percent(45) {
            name.push(' ');
            name.push_str(&made_up_word(rng.below(60_000), 3));
        }
        if rng.percent(25) {
            name.insert_str(0, &format!("{brand} "));
        }
        let product_id = uuid(&mut rng);
        let active = !rng.percent(3);
        let variants: Vec<String> = if family.variants {
            let count = 2 + rng.below(5);
            (0..count)
                .map(|_| format!("{} / {}", rng.pick(&family.sizes), rng.pick(COLOURS)))
                .collect()
        } else {
            name.push(' ');
            name.push_str(rng.pick::<&str>(&family.sizes));
            vec![String::new()]
        };
        for (v, variant) in variants.iter().enumerate() {
            if entries.len() == n {
                break;
            }
            let counter = &mut per_brand[brand_id];
            *counter += 1;
            let mut barcodes = vec![brand_barcode(brand_id, *counter)];
            if rng.percent(3) {
                *counter += 1;
                barcodes.push(brand_barcode(brand_id, *counter));
            }
            let (item_id, variant_id, full_name, sku) = if family.variants {
                let id = uuid(&mut rng);
                (
                    id,
                    Some(id),
                    format!("{name} — {variant}"),
                    format!("SKU-{product_number:07}-{:02}", v + 1),
                )
            } else {
                (
                    product_id,
                    None,
                    name.clone(),
                    format!("SKU-{product_number:07}"),
                )
            };
            entries.push(IndexEntry {
                item_id,
                product_id,
                variant_id,
                sku,
                name: full_name,
                brand: Some(brand.clone()),
                category: rng.percent(95).then(|| family.category.to_string()),
                barcodes,
                active,
            });
        }
    }
    entries
}

/// A barcode unique to (brand, counter): GTIN-13 with a per-brand company prefix, or UPC-A for
/// one brand in twenty.
fn brand_barcode(brand_id: usize, counter: u64) -> u64 {
    let brand = brand_id as u64;
    if brand % 20 == 7 {
        // UPC-A: number system 0, 5-digit company, 5-digit item.
        gtin((10_000 + brand) * 100_000 + counter % 100_000)
    } else {
        let country = COUNTRY_PREFIXES[brand_id % COUNTRY_PREFIXES.len()];
        gtin((country * 100_000 + 10_000 + brand % 90_000) * 10_000 + counter % 10_000)
    }
}

/// `n` typeahead queries as cashiers type them, drawn from `entries`: 1- to 3-letter prefixes,
/// whole words, two- and three-word queries like `lait dem`, brands, categories, SKUs, whole
/// and partial barcodes, capitalised and accented variants, and a few misses.
pub fn synthetic_queries(entries: &[IndexEntry], n: usize, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(seed);
    let mut queries = Vec::with_capacity(n);
    if entries.is_empty() {
        return queries;
    }
    while queries.len() < n {
        let entry = rng.pick(entries);
        let folded = normalize(&entry.name);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            continue;
        }
        let word = *rng.pick(&words);
        let roll = rng.below(100);
        let query = match roll {
            0..=7 => prefix(word, 1),
            8..=17 => prefix(word, 2),
            18..=31 => prefix(word, 3),
            32..=45 => word.to_string(),
            46..=59 => match words.as_slice() {
                [first, second, ..] => format!("{first} {}", prefix(second, 3)),
                _ => prefix(word, 4),
            },
            60..=65 => words.iter().take(3).copied().collect::<Vec<_>>().join(" "),
            66..=73 => {
                let brand = entry.brand.as_deref().unwrap_or("x");
                if rng.percent(50) {
                    brand.to_string()
                } else {
                    prefix(&normalize(brand), 4)
                }
            }
            74..=76 => entry.category.as_deref().map(normalize).unwrap_or_default(),
            77..=84 => entry.sku.clone(),
            85..=86 => prefix(&entry.sku.to_lowercase(), 9),
            87..=93 => entry
                .barcodes
                .first()
                .map(|b| format!("{:013}", b))
                .unwrap_or_default(),
            94..=95 => entry
                .barcodes
                .first()
                .map(|b| prefix(&b.to_string(), 7))
                .unwrap_or_default(),
            96..=97 => capitalised(entry.name.split(' ').next().unwrap_or("")),
            _ => format!(
                "{}{}",
                prefix(word, 2),
                made_up_word(rng.below(1000), 2).to_lowercase()
            ),
        };
        if !query.trim().is_empty() {
            queries.push(query);
        }
    }
    queries
}

/// The first `chars` characters of `word`.
fn prefix(word: &str, chars: usize) -> String {
    word.chars().take(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_match_known_barcodes() {
        let cases = [
            (301_762_042_200, 3), // EAN-13 3017620422003
            (400_638_133_393, 1), // EAN-13 4006381333931
            (3_600_029_145, 2),   // UPC-A 036000291452
            (1_234_567_890, 5),   // UPC-A 012345678905
            (9_638_507, 4),       // EAN-8 96385074
        ];
        for (body, check) in cases {
            assert_eq!(gs1_check_digit(body), check, "body {body}");
        }
    }

    #[test]
    fn generation_is_deterministic_and_valid() {
        let a = synthetic_entries(2_000, 7);
        let b = synthetic_entries(2_000, 7);
        assert_eq!(a, b);
        assert_eq!(a.len(), 2_000);
        let mut barcodes: Vec<u64> = a.iter().flat_map(|e| e.barcodes.iter().copied()).collect();
        for &code in &barcodes {
            assert_eq!(gs1_check_digit(code / 10), code % 10, "barcode {code}");
        }
        let total = barcodes.len();
        barcodes.sort_unstable();
        barcodes.dedup();
        assert_eq!(barcodes.len(), total, "barcodes are unique");
        let queries = synthetic_queries(&a, 500, 9);
        assert_eq!(queries, synthetic_queries(&a, 500, 9));
        assert_eq!(queries.len(), 500);
    }
}
