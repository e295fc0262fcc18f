//! Table-driven tests of the catalog index, each run against every way an index can hold its
//! items: bulk-built, built with every prefix precomputed, upserted one by one, half built and
//! half upserted, and compacted.

use uuid::Uuid;

use super::{CatalogIndex, IndexEntry, MatchKind, SearchHit, Tuning};

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn item(n: u128, name: &str) -> IndexEntry {
    IndexEntry {
        item_id: id(n),
        product_id: id(n),
        variant_id: None,
        sku: format!("SKU-{n:04}"),
        name: name.to_string(),
        brand: None,
        category: None,
        barcodes: Vec::new(),
        active: true,
    }
}

trait With {
    fn brand(self, brand: &str) -> Self;
    fn category(self, category: &str) -> Self;
    fn sku(self, sku: &str) -> Self;
    fn barcode(self, gtin14: u64) -> Self;
    fn inactive(self) -> Self;
}

impl With for IndexEntry {
    fn brand(mut self, brand: &str) -> Self {
        self.brand = Some(brand.to_string());
        self
    }
    fn category(mut self, category: &str) -> Self {
        self.category = Some(category.to_string());
        self
    }
    fn sku(mut self, sku: &str) -> Self {
        self.sku = sku.to_string();
        self
    }
    fn barcode(mut self, gtin14: u64) -> Self {
        self.barcodes.push(gtin14);
        self
    }
    fn inactive(mut self) -> Self {
        self.active = false;
        self
    }
}

const TINY: Tuning = Tuning {
    min_prefix_postings: 1,
};

/// The same catalog held in every shape the index can take.
fn shapes(entries: &[IndexEntry]) -> Vec<(&'static str, CatalogIndex)> {
    let upserted = |tuning: Tuning| {
        let mut index = CatalogIndex {
            tuning,
            ..CatalogIndex::default()
        };
        entries.iter().cloned().for_each(|e| index.upsert(e));
        index
    };
    let half = entries.len() / 2;
    let mut mixed = CatalogIndex::build(entries[..half].to_vec());
    entries[half..]
        .iter()
        .cloned()
        .for_each(|e| mixed.upsert(e));
    let mut compacted = upserted(Tuning::default());
    compacted.compact();
    vec![
        ("built", CatalogIndex::build(entries.to_vec())),
        (
            "built, all prefixes",
            CatalogIndex::build_tuned(entries.to_vec(), TINY),
        ),
        ("upserted", upserted(Tuning::default())),
        ("half built", mixed),
        ("compacted", compacted),
    ]
}

fn ids(hits: &[SearchHit]) -> Vec<u128> {
    hits.iter().map(|h| h.item_id.as_u128()).collect()
}

/// Runs `(query, expected item numbers in order)` cases against every shape.
fn check_searches(entries: &[IndexEntry], cases: &[(&str, &[u128])]) {
    for (shape, index) in shapes(entries) {
        for (query, expected) in cases {
            let hits = index.search(query, 50);
            assert_eq!(ids(&hits), *expected, "{shape}: search({query:?})");
        }
    }
}

#[test]
fn folds_case_and_accents() {
    let entries = [
        item(1, "Crème fraîche épaisse"),
        item(2, "Œufs frais x12"),
        item(3, "Bière blonde").brand("Straße"),
        item(4, "Lait demi-écrémé"),
    ];
    check_searches(
        &entries,
        &[
            // "Écrémé" (4) is one edit away from "creme": found too, after the exact word.
            ("creme", &[1, 4]),
            ("CREME", &[1, 4]),
            ("Crème", &[1, 4]),
            ("cre\u{300}me", &[1, 4]),
            ("oeuf", &[2]),
            ("ŒUF", &[2]),
            ("strasse", &[3]),
            ("biere", &[3]),
            // ... and "crème" one edit from "ecreme".
            ("ecreme", &[4, 1]),
            ("FRAI", &[1, 2]),
        ],
    );
}

#[test]
fn every_word_must_match_and_every_word_is_a_prefix() {
    let entries = [
        item(1, "Lait demi-écrémé")
            .brand("Lactel")
            .category("Produits laitiers"),
        item(2, "Lait entier bio"),
        item(3, "Chocolat au lait").brand("Côte d'Or"),
        item(4, "Yaourt bio").category("Produits laitiers"),
    ];
    check_searches(
        &entries,
        &[
            ("lait", &[1, 2, 3, 4]),
            ("lait bio", &[2, 4]),
            ("bio lait", &[2, 4]),
            ("lait dem", &[1]),
            ("la de", &[1]),
            ("lai ent b", &[2]),
            ("lait zzz", &[]),
            ("produits", &[1, 4]),
            ("laitiers yaourt", &[4]),
            ("cote or", &[3]),
            ("sku-0002", &[2]),
            ("sku0003", &[3]),
            ("  ", &[]),
            ("", &[]),
            ("-- / --", &[]),
        ],
    );
}

#[test]
fn ranks_exact_codes_then_name_prefix_then_the_best_other_matches() {
    let entries = [
        item(1, "Lait demi-écrémé").sku("LAIT"),
        item(2, "Lait entier"),
        item(3, "Chocolat au lait"),
        item(4, "Beurre doux").brand("Laiterie Nantaise"),
        item(5, "Nutella").barcode(3_017_620_422_003),
        item(6, "Pâte à tartiner 3017620 edition"),
    ];
    let cases: &[(&str, &[(u128, MatchKind)])] = &[
        // The whole word in the name (3) before the start of a word in the brand (4).
        (
            "lait",
            &[
                (1, MatchKind::ExactCode),
                (2, MatchKind::NamePrefix),
                (3, MatchKind::Other),
                (4, MatchKind::Other),
            ],
        ),
        (
            "LAIT ",
            &[
                (1, MatchKind::ExactCode),
                (2, MatchKind::NamePrefix),
                (3, MatchKind::Other),
                (4, MatchKind::Other),
            ],
        ),
        (
            "lait e",
            &[(2, MatchKind::NamePrefix), (1, MatchKind::Other)],
        ),
        ("3017620422003", &[(5, MatchKind::ExactCode)]),
        // A whole word of the name (6) before the start of a barcode (5).
        ("3017620", &[(6, MatchKind::Other), (5, MatchKind::Other)]),
        ("sku-0003", &[(3, MatchKind::ExactCode)]),
        ("nutella", &[(5, MatchKind::NamePrefix)]),
    ];
    for (shape, index) in shapes(&entries) {
        for (query, expected) in cases {
            let got: Vec<(u128, MatchKind)> = index
                .search(query, 50)
                .iter()
                .map(|h| (h.item_id.as_u128(), h.kind))
                .collect();
            assert_eq!(got, *expected, "{shape}: search({query:?})");
        }
    }
}

#[test]
fn finds_barcodes_in_every_form() {
    let upc = 12_345_678_905; // UPC-A 012345678905
    let entries = [
        item(1, "Soda").barcode(upc),
        item(2, "Gum").barcode(96_385_074),
        item(3, "Spread").barcode(3_017_620_422_003),
        item(4, "Case of spread").barcode(13_017_620_422_000),
    ];
    let exact = |n: u128| vec![(n, MatchKind::ExactCode)];
    let cases: &[(&str, Vec<(u128, MatchKind)>)] = &[
        ("012345678905", exact(1)),
        ("0012345678905", exact(1)),
        ("00012345678905", exact(1)),
        ("12345678905", exact(1)),
        ("96385074", exact(2)),
        ("00000096385074", exact(2)),
        ("3017620422003", exact(3)),
        ("03017620422003", exact(3)),
        ("13017620422000", exact(4)),
        ("0123456", vec![(1, MatchKind::Other)]),
        ("123456", vec![]),
        ("0301762", vec![(3, MatchKind::Other)]),
        ("00963", vec![]),
        ("0000963", vec![(2, MatchKind::Other)]),
        ("963", vec![(2, MatchKind::Other)]),
        ("301762", vec![(3, MatchKind::Other)]),
        ("1301762", vec![(4, MatchKind::Other)]),
        ("3017620422004", vec![]),
    ];
    for (shape, index) in shapes(&entries) {
        for (query, expected) in cases {
            let got: Vec<(u128, MatchKind)> = index
                .search(query, 50)
                .iter()
                .map(|h| (h.item_id.as_u128(), h.kind))
                .collect();
            assert_eq!(got, *expected, "{shape}: search({query:?})");
        }
        let lookups = [
            (upc, Some(1)),
            (96_385_074, Some(2)),
            (3_017_620_422_003, Some(3)),
            (1, None),
        ];
        for (gtin, expected) in lookups {
            let got = index.lookup_barcode(gtin).map(|e| e.item_id.as_u128());
            assert_eq!(got, expected, "{shape}: lookup_barcode({gtin})");
        }
    }
}

#[test]
fn hides_inactive_items() {
    let entries = [
        item(1, "Lait bio")
            .barcode(3_017_620_422_003)
            .sku("MILK-1")
            .inactive(),
        item(2, "Lait entier"),
    ];
    for (shape, index) in shapes(&entries) {
        assert_eq!(ids(&index.search("lait", 50)), [2], "{shape}");
        assert_eq!(
            ids(&index.search("3017620422003", 50)),
            Vec::<u128>::new(),
            "{shape}"
        );
        assert_eq!(
            ids(&index.search("milk-1", 50)),
            Vec::<u128>::new(),
            "{shape}"
        );
        assert!(index.lookup_barcode(3_017_620_422_003).is_none(), "{shape}");
        assert!(index.lookup_sku("milk-1").is_none(), "{shape}");
        assert_eq!(index.get(id(1)).map(|e| e.active), Some(false), "{shape}");
        assert_eq!(index.len(), 2, "{shape}");
    }
}

#[test]
fn upserts_replace_without_stale_results() {
    let entries = [
        item(1, "Yaourt nature")
            .barcode(3_017_620_422_003)
            .sku("YAO-1"),
        item(2, "Pain de mie"),
        item(3, "Yaourt aux fruits"),
    ];
    for (shape, mut index) in shapes(&entries) {
        // Rename: the old name stops matching, the new one matches, in the right tier.
        index.upsert(
            item(1, "Skyr vanille")
                .barcode(3_017_620_422_003)
                .sku("YAO-1"),
        );
        assert_eq!(ids(&index.search("yaourt", 50)), [3], "{shape}: old name");
        assert_eq!(
            ids(&index.search("nature", 50)),
            Vec::<u128>::new(),
            "{shape}"
        );
        let hits = index.search("skyr", 50);
        assert_eq!(ids(&hits), [1], "{shape}: new name");
        assert_eq!(hits[0].kind, MatchKind::NamePrefix, "{shape}");
        assert_eq!(
            index.get(id(1)).map(|e| e.name).as_deref(),
            Some("Skyr vanille")
        );

        // New barcode and SKU: old codes miss, new codes hit.
        index.upsert(
            item(1, "Skyr vanille")
                .barcode(4_006_381_333_931)
                .sku("SKY-1"),
        );
        assert!(index.lookup_barcode(3_017_620_422_003).is_none(), "{shape}");
        assert_eq!(
            ids(&index.search("3017620422003", 50)),
            Vec::<u128>::new(),
            "{shape}"
        );
        assert!(index.lookup_sku("yao-1").is_none(), "{shape}");
        assert_eq!(
            index.lookup_barcode(4_006_381_333_931).map(|e| e.item_id),
            Some(id(1))
        );
        assert_eq!(
            index.lookup_sku("Sky-1").map(|e| e.item_id),
            Some(id(1)),
            "{shape}"
        );

        // Deactivate then reactivate in place.
        index.upsert(
            item(1, "Skyr vanille")
                .barcode(4_006_381_333_931)
                .sku("SKY-1")
                .inactive(),
        );
        assert!(index.search("skyr", 50).is_empty(), "{shape}");
        assert!(index.lookup_barcode(4_006_381_333_931).is_none(), "{shape}");
        index.upsert(
            item(1, "SKYR vanille")
                .barcode(4_006_381_333_931)
                .sku("SKY-1"),
        );
        assert_eq!(ids(&index.search("skyr", 50)), [1], "{shape}");
        assert_eq!(
            index.get(id(1)).map(|e| e.name).as_deref(),
            Some("SKYR vanille")
        );

        // A brand-new item lands in catalog order among the others.
        index.upsert(item(4, "Pain complet"));
        assert_eq!(ids(&index.search("pain", 50)), [4, 2], "{shape}");
        assert_eq!(index.len(), 4, "{shape}");
    }
}

#[test]
fn removes_items_everywhere() {
    let entries = [
        item(1, "Baguette tradition").barcode(3_017_620_422_003),
        item(2, "Baguette viennoise"),
    ];
    for (shape, mut index) in shapes(&entries) {
        index.remove(id(1));
        index.remove(id(99));
        assert_eq!(ids(&index.search("baguette", 50)), [2], "{shape}");
        assert!(index.lookup_barcode(3_017_620_422_003).is_none(), "{shape}");
        assert!(index.lookup_sku("SKU-0001").is_none(), "{shape}");
        assert!(index.get(id(1)).is_none(), "{shape}");
        assert_eq!(index.len(), 1, "{shape}");
        index.upsert(item(1, "Baguette tradition"));
        assert_eq!(ids(&index.search("baguette", 50)), [1, 2], "{shape}");
    }
}

#[test]
fn limit_caps_results_across_tiers() {
    let entries = [
        item(1, "Pomme gala").sku("POMME"),
        item(2, "Pomme golden"),
        item(3, "Pomme reinette"),
        item(4, "Compote de pomme"),
        item(5, "Jus de pomme"),
    ];
    let cases: &[(usize, &[u128])] = &[
        (0, &[]),
        (1, &[1]),
        (2, &[1, 2]),
        (3, &[1, 2, 3]),
        (4, &[1, 2, 3, 4]),
        (50, &[1, 2, 3, 4, 5]),
    ];
    for (shape, index) in shapes(&entries) {
        for (limit, expected) in cases {
            assert_eq!(
                ids(&index.search("pomme", *limit)),
                *expected,
                "{shape}: limit {limit}"
            );
        }
    }
}

#[test]
fn build_keeps_the_last_entry_of_a_repeated_item() {
    let index = CatalogIndex::build(vec![
        item(1, "Ancien nom"),
        item(2, "Autre"),
        item(1, "Nouveau nom"),
    ]);
    assert_eq!(index.len(), 2);
    assert!(index.search("ancien", 50).is_empty());
    assert_eq!(ids(&index.search("nouveau", 50)), [1]);
}

#[test]
fn shared_codes_resolve_in_catalog_order() {
    let entries = [
        item(1, "Zeste de citron")
            .barcode(3_017_620_422_003)
            .sku("DUP"),
        item(2, "Ail rose").barcode(3_017_620_422_003).sku("dup"),
    ];
    for (shape, mut index) in shapes(&entries) {
        assert_eq!(
            index.lookup_barcode(3_017_620_422_003).map(|e| e.item_id),
            Some(id(2))
        );
        assert_eq!(
            index.lookup_sku("DUP").map(|e| e.item_id),
            Some(id(2)),
            "{shape}"
        );
        assert_eq!(ids(&index.search("dup", 50)), [2, 1], "{shape}");
        index.remove(id(2));
        assert_eq!(
            index.lookup_barcode(3_017_620_422_003).map(|e| e.item_id),
            Some(id(1))
        );
        assert_eq!(
            index.lookup_sku("dup").map(|e| e.item_id),
            Some(id(1)),
            "{shape}"
        );
    }
}

#[test]
fn compaction_is_invisible_and_reported() {
    let mut index = CatalogIndex::build(vec![item(1, "Thé vert"), item(2, "Thé noir")]);
    index.upsert(item(3, "Théière"));
    index.upsert(item(1, "Thé vert sencha"));
    assert_eq!(index.pending_changes(), 2);
    let before = index.search("the", 50);
    index.compact();
    assert_eq!(index.pending_changes(), 0);
    assert!(!index.needs_compaction());
    assert_eq!(index.search("the", 50), before);
    assert_eq!(ids(&before), [2, 1, 3]);
}

#[test]
fn index_can_be_shared_between_tills() {
    fn shared<T: Send + Sync + Clone>() {}
    shared::<CatalogIndex>();
}
