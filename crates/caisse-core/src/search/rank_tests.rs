//! Table-driven tests of typo tolerance, relevance and popularity. Every expected order was
//! worked out by hand from the ranking rules, and each case is chosen so that the plain
//! alphabetical order of the previous search would give another answer.

use uuid::Uuid;

use super::query::{SCAN_ALL, rank_budget};
use super::{CatalogIndex, IndexEntry, MatchKind, Ranking, WordOrder};

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn item(n: u128, name: &str, brand: Option<&str>, category: Option<&str>) -> IndexEntry {
    IndexEntry {
        item_id: id(n),
        product_id: id(n),
        variant_id: None,
        sku: format!("SKU-{n:04}"),
        name: name.to_string(),
        brand: brand.map(String::from),
        category: category.map(String::from),
        barcodes: Vec::new(),
        active: true,
    }
}

fn catalog() -> Vec<IndexEntry> {
    vec![
        item(1, "Chocolat noir 100 g", None, None),
        item(2, "Chocolatine", None, None),
        item(3, "Crème brûlée", None, None),
        item(4, "Camembert de Normandie", None, None),
        item(5, "Chocolade", None, None),
        item(
            6,
            "Pâte à tartiner chocolat noisette",
            Some("Nutella"),
            None,
        ),
        item(7, "Fleur de sel", None, None),
        item(8, "Beurre sélection", None, None),
        item(9, "Lait bio", None, None),
        item(10, "Lait entier", Some("Bio Village"), None),
        item(11, "Lait écrémé", None, Some("Bio")),
        item(12, "Boisson lait fraise", None, None),
        item(13, "Arôme fraise pour lait", None, None),
        item(14, "Chocloat", None, None),
        item(15, "Pâte chocolat", None, None),
        item(16, "Œufs frais x6", None, None),
        item(17, "Crème d'Isigny", None, None),
        item(18, "Gâteau Saint-Honoré", None, None),
    ]
}

/// The catalog bulk-built, upserted one by one, and half of each: every shape must agree.
fn shapes(entries: &[IndexEntry]) -> Vec<(&'static str, CatalogIndex)> {
    let mut upserted = CatalogIndex::new();
    entries.iter().cloned().for_each(|e| upserted.upsert(e));
    let half = entries.len() / 2;
    let mut mixed = CatalogIndex::build(entries[..half].to_vec());
    entries[half..]
        .iter()
        .cloned()
        .for_each(|e| mixed.upsert(e));
    vec![
        ("built", CatalogIndex::build(entries.to_vec())),
        ("upserted", upserted),
        ("half built", mixed),
    ]
}

fn ids(index: &CatalogIndex, query: &str) -> Vec<u128> {
    index
        .search(query, 50)
        .iter()
        .map(|h| h.item_id.as_u128())
        .collect()
}

#[test]
fn typos_are_forgiven_in_long_words_only() {
    let cases: &[(&str, &[u128])] = &[
        // Two letters swapped: one edit. Whole words (in catalog order) before longer words.
        ("chocolta", &[1, 6, 15, 5, 2]),
        // A missing letter in an 8-letter word.
        ("camembrt", &[4]),
        // A wrong letter in a 9-letter word.
        ("camenbert", &[4]),
        // Two edits in a 9-letter word.
        ("camambrrt", &[4]),
        // Four letters allow no typo.
        ("crme", &[]),
        // Accents, case and ligatures are neutral; an apostrophe or hyphen splits words.
        // ("Lait écrémé" is one edit away: after the exact words.)
        ("CREME", &[3, 17, 11]),
        ("oeufs", &[16]),
        ("isigny", &[17]),
        ("saint honore", &[18]),
        ("gateau saint-hon", &[18]),
        // A typo in the last word, typed as a prefix.
        // (Both one typo, words in order, "chocolat" as a prefix: catalog order.)
        ("pate chocla", &[6, 15]),
        // Words with digits are never corrected.
        ("sku-0002", &[2]),
        ("sku-0x02", &[]),
    ];
    for (shape, index) in shapes(&catalog()) {
        for (query, expected) in cases {
            assert_eq!(ids(&index, query), *expected, "{shape}: {query:?}");
        }
    }
}

#[test]
fn relevance_orders_results_hand_checked() {
    let cases: &[(&str, &[u128])] = &[
        // Exact words and prefixes before corrected ones (which come first alphabetically);
        // a corrected whole word before a corrected prefix.
        ("chocolat", &[1, 2, 6, 15, 14, 5]),
        // One typo before two (9 letters allow two).
        ("chocolatx", &[1, 6, 15, 2, 14, 5]),
        // A whole word before the start of a longer word.
        ("sel", &[7, 8]),
        // Name before brand before category.
        ("bio", &[9, 10, 11]),
        // Words in the order typed before the same words out of order.
        ("lait fraise", &[12, 13]),
        // An exact SKU comes first whatever the words say.
        ("SKU-0013", &[13]),
    ];
    for (shape, index) in shapes(&catalog()) {
        for (query, expected) in cases {
            assert_eq!(ids(&index, query), *expected, "{shape}: {query:?}");
        }
    }
}

#[test]
fn explanations_say_why() {
    let index = CatalogIndex::build(catalog());
    let explained = index.explain("chocolta", 3);
    let got: Vec<(u128, MatchKind, Ranking)> = explained
        .iter()
        .map(|(hit, ranking)| (hit.item_id.as_u128(), hit.kind, *ranking))
        .collect();
    let ranking = |prefix_words| Ranking {
        exact_code: false,
        typos: 1,
        order: WordOrder::InOrder,
        prefix_words,
        fields: 0,
        units_sold: 0,
    };
    assert_eq!(
        got,
        [
            (1, MatchKind::Typo, ranking(0)),
            (6, MatchKind::Typo, ranking(0)),
            (15, MatchKind::Typo, ranking(0)),
        ]
    );
    let (hit, ranking) = index.explain("lait en", 1)[0];
    assert_eq!(hit.item_id, id(10));
    assert_eq!(hit.kind, MatchKind::NamePrefix);
    assert_eq!(
        (ranking.order, ranking.prefix_words, ranking.fields),
        (WordOrder::NamePrefix, 1, 0)
    );
}

#[test]
fn popularity_breaks_ties_and_follows_sales() {
    let entries = vec![
        item(1, "Lait demi-écrémé", Some("Lactel"), None),
        item(2, "Lait demi-écrémé", Some("Candia"), None),
        item(3, "Lait demi-écrémé", Some("Bridel"), None),
        item(4, "Lait de coco", None, None),
    ];
    for (shape, mut index) in shapes(&entries) {
        assert_eq!(ids(&index, "lait demi"), [1, 2, 3], "{shape}: by id");
        index.set_units_sold([(id(2), 30), (id(3), 4), (id(99), 7)]);
        assert_eq!(ids(&index, "lait demi"), [2, 3, 1], "{shape}: loaded");
        // Popularity ranks below the words: the whole word "de" still wins.
        assert_eq!(ids(&index, "lait de"), [4, 2, 3, 1], "{shape}: words first");
        index.add_units_sold(id(1), 31);
        assert_eq!(ids(&index, "lait demi"), [1, 2, 3], "{shape}: after a sale");
        assert_eq!(index.units_sold(id(1)), 31);
        // A changed item keeps its sales, and so does a rebuilt index.
        let mut renamed = entries[1].clone();
        renamed.name = "Lait demi-écrémé UHT".into();
        index.upsert(renamed);
        index.add_units_sold(id(2), 5);
        assert_eq!(ids(&index, "lait demi"), [2, 1, 3], "{shape}: renamed");
        index.compact();
        assert_eq!(ids(&index, "lait demi"), [2, 1, 3], "{shape}: compacted");
        index.set_units_sold([]);
        assert_eq!(
            ids(&index, "lait demi"),
            [1, 3, 2],
            "{shape}: cleared, renamed last"
        );
    }
}

#[test]
fn broad_queries_show_best_sellers_first() {
    let count = rank_budget(50) as u128 * 2;
    let mut entries: Vec<IndexEntry> = (1..=count)
        .map(|n| item(n, &format!("Lait {n:04}"), None, None))
        .collect();
    entries.push(item(count + 1, "Laitue", None, None));
    for (shape, mut index) in shapes(&entries) {
        // The last one alphabetically, sold most.
        index.set_units_sold([(id(count), 9), (id(count - 1), 3)]);
        let got = ids(&index, "la");
        assert_eq!(got[..3], [count, count - 1, 1], "{shape}");
        assert_eq!(got.len(), 50, "{shape}");
    }
}

#[test]
fn every_category_of_the_path_is_searched_below_the_name_and_the_brand() {
    let entries = vec![
        item(
            1,
            "Sablés bretons",
            None,
            Some("Épicerie sucrée / Biscuits"),
        ),
        item(2, "Biscuits secs", None, None),
        item(3, "Tuiles aux amandes", Some("Biscuiterie Joubard"), None),
        item(4, "Sachet de biscuits", None, Some("Épicerie sucrée")),
        item(
            5,
            "Galettes au sarrasin",
            None,
            Some("Épicerie salée / Crêpes"),
        ),
    ];
    let cases: &[(&str, &[u128])] = &[
        // Any level of the path, root or leaf, is searched (ties in catalog order).
        ("epicerie", &[5, 1, 4]),
        ("sucree", &[1, 4]),
        ("crepes", &[5]),
        // Each word may be in another field: the parent category and the name.
        ("sucree sab", &[1]),
        ("salee gal", &[5]),
        // The name first (starting with it, then holding it), then the brand, then the path.
        // Items 1 and 3 tie on every step above the fields (scattered, one word, a prefix):
        // the brand (3) before the category (1), against the catalog order.
        ("biscuit", &[2, 4, 3, 1]),
        // A category word typed with a typo still finds it (one letter missing).
        ("epicrie", &[5, 1, 4]),
    ];
    for (shape, index) in shapes(&entries) {
        for (query, expected) in cases {
            assert_eq!(ids(&index, query), *expected, "{shape}: {query:?}");
        }
    }
    let index = CatalogIndex::build(entries);
    let fields: Vec<(u128, WordOrder, u8)> = index
        .explain("biscuit", 10)
        .iter()
        .map(|(hit, r)| (hit.item_id.as_u128(), r.order, r.fields))
        .collect();
    assert_eq!(
        fields,
        [
            (2, WordOrder::NamePrefix, 0),
            (4, WordOrder::InOrder, 0),
            (3, WordOrder::Scattered, 1),
            (1, WordOrder::Scattered, 2),
        ]
    );
}

#[test]
fn broad_queries_beyond_a_full_look_walk_the_best_sellers() {
    // More items start with the query than a group looked at item by item.
    let count = u128::from(SCAN_ALL) + 808;
    let mut entries: Vec<IndexEntry> = (1..=count)
        .map(|n| item(n, &format!("Lait {n:05}"), None, None))
        .collect();
    entries.push(item(count + 1, "Laitue", None, None));
    let middle = count / 2;
    for (shape, mut index) in shapes(&entries) {
        index.set_units_sold([
            (id(count), 50),
            (id(count + 1), 45),
            (id(middle), 40),
            (id(7), 3),
        ]);
        // Every item starts with "lai", none has it as a whole word: the best sellers by
        // units sold, then the others in catalog order.
        let got = ids(&index, "lai");
        assert_eq!(got[..6], [count, count + 1, middle, 7, 1, 2], "{shape}");
        assert_eq!(got.len(), 50, "{shape}");
        // "lait" is a whole word of all but Laitue: they are chosen first, the best sellers
        // among them first, and the budget is spent before Laitue is reached.
        let got = ids(&index, "lait");
        assert_eq!(got[..5], [count, middle, 7, 1, 2], "{shape}");
        assert!(!got.contains(&(count + 1)), "{shape}");
        // A sale moves an item up at once.
        index.add_units_sold(id(3), 60);
        assert_eq!(ids(&index, "lai")[..3], [3, count, count + 1], "{shape}");
    }
}
