use super::*;
use crate::receipt::text::wrap;

/// The French sale on 32 columns, no-break spaces shown as `_` (after a first empty line).
const FRENCH_SALE_32: &str = "
       Épicerie du Marché
       12 rue de la Paix
          75002 Paris
    SIRET 123 456 789 00012
--------------------------------
Ticket_: T1-000042
15/01/2026 09:05:07
Caisse_: T1 - Caissier_: Zoé
--------------------------------
Baguette tradition      2,40_€ A
  2 x 1,20_€
Pommes Golden           4,00_€ A
  1,25 kg x 3,20_€/kg
  tare 0,005 kg
Cidre brut artisanal de 6,80_€ B
Normandie, bouteille 75
cl
  Remise fidélité -10 %  -0,68_€
Sac réutilisable        0,50_€ B
  *** ANNULÉ ***
--------------------------------
Sous-total               12,52_€
TOTAL                    12,52_€
Arrondi espèces          -0,02_€
--------------------------------
Taux          HT     TVA     TTC
A 5,5 %     6,07    0,33    6,40
B 20 %      5,10    1,02    6,12
--------------------------------
Carte bancaire            5,00_€
  CB **** 4242 Autor. 123456
Espèces                  10,00_€
Rendu                     2,50_€
--------------------------------
    Merci de votre visite !
 Échange sous 30 jours avec ce
             ticket
           T1-000042
";

#[test]
fn french_sale_on_32_columns() {
    let text = render_text(&french_sale(), 32).replace(NBSP, "_");
    assert_eq!(format!("\n{text}"), FRENCH_SALE_32);
}

#[test]
fn width_is_respected_in_characters() {
    let mut long = french_sale();
    long.lines[0].description =
        "Supercalifragilisticexpialidocious-Sandwich-Jambon-Beurre".to_owned();
    long.total = eur(123_456_789_012);
    let receipts = [french_sale(), french_return(), us_sale(), long];
    for width in [1, 16, 24, 32, 42, 48] {
        let limit = width.max(MIN_WIDTH);
        for receipt in &receipts {
            let text = render_text(receipt, width);
            for line in text.lines() {
                assert!(line.chars().count() <= limit, "{line:?} wider than {limit}");
            }
            // The rule shows the full width, so the layout uses it all.
            assert!(text.lines().any(|l| l == "-".repeat(limit)), "{width}");
        }
    }
}

#[test]
fn amounts_end_at_the_right_margin() {
    for width in [32, 42, 48] {
        let text = render_text(&french_sale(), width);
        let cases = [
            ("Sous-total", "12,52"),
            ("TOTAL", "12,52"),
            ("Espèces", "10,00"),
            ("Baguette", "2,40"),
        ];
        for (label, amount) in cases {
            let line = text.lines().find(|l| l.starts_with(label));
            let line = line.unwrap_or_else(|| panic!("no {label} line in:\n{text}"));
            assert_eq!(line.chars().count(), width, "{line:?}");
            assert!(line.contains(amount), "{line:?}");
        }
    }
}

#[test]
fn long_names_wrap_beside_their_amount() {
    let mut receipt = french_sale();
    receipt.lines.truncate(1);
    receipt.lines[0].quantity = Quantity::ONE;
    receipt.lines[0].description =
        "Assortiment de fromages affinés de nos régions, plateau pour huit personnes".to_owned();
    let text = render_text(&receipt, 32).replace(NBSP, "_");
    let expected = "\
Assortiment de fromages 2,40_€ A
affinés de nos régions,
plateau pour huit
personnes
";
    assert!(text.contains(expected), "{text}");
}

#[test]
fn narrow_paper_stacks_the_tax_table() {
    let text = render_text(&french_sale(), 16).replace(NBSP, "_");
    let expected = "\
A 5,5 %
  HT        6,07
  TVA       0,33
  TTC       6,40
B 20 %
";
    assert!(text.contains(expected), "{text}");
}

#[test]
fn wrap_table() {
    let cases: [(&str, usize, &[&str]); 8] = [
        ("", 10, &[""]),
        ("a b c", 3, &["a b", "c"]),
        ("a  b   c", 10, &["a b c"]),
        ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
        ("ab abcdefgh", 4, &["ab", "abcd", "efgh"]),
        ("12,50\u{A0}€ x", 7, &["12,50\u{A0}€", "x"]),
        ("éééé éé", 4, &["éééé", "éé"]),
        ("x", 0, &["x"]),
    ];
    for (text, width, expected) in cases {
        assert_eq!(wrap(text, width), expected, "{text:?} in {width}");
    }
}

#[test]
fn control_characters_do_not_break_lines() {
    let mut receipt = french_sale();
    receipt.lines[0].description = "Pain\nau\tchocolat\r".to_owned();
    let text = render_text(&receipt, 32);
    assert!(text.contains("Pain au chocolat"), "{text}");
}

#[test]
fn english_labels_and_us_date() {
    let text = render_text(&us_sale(), 48);
    for needle in [
        "Receipt: T1-000042",
        "01/15/2026 3:05:07 PM",
        "Subtotal",
        "$12.52",
        "Change",
        "*** VOID ***",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
    let gb = Receipt {
        locale: Locale::EnGb,
        ..us_sale()
    };
    let text = render_text(&gb, 48);
    assert!(text.contains("15/01/2026 15:05:07"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("Rate") && l.contains("VAT")),
        "{text}"
    );
}
