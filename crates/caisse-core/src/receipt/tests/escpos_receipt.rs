//! Whole receipts printed as ESC/POS and read back with the decoder.

use super::escpos_decode::{Decoded, Event, Symbology, decode};
use super::*;

fn printed(receipt: &Receipt, options: &EscPosOptions) -> Decoded {
    match decode(&render_escpos(receipt, options)) {
        Ok(d) => d,
        Err(e) => panic!("the renderer wrote bytes the decoder cannot read: {e}"),
    }
}

fn options(width_chars: usize) -> EscPosOptions {
    EscPosOptions {
        width_chars,
        ..EscPosOptions::default()
    }
}

/// The first line containing `needle`, or a failure that shows the whole receipt.
fn line<'a>(d: &'a Decoded, needle: &str) -> &'a escpos_decode::PrintedLine {
    match d.line_containing(needle) {
        Some(l) => l,
        None => panic!("no line contains {needle:?} in:\n{}", d.text()),
    }
}

#[test]
fn french_sale_prints_everything_in_pc858() {
    let d = printed(&french_sale(), &options(42));
    assert_eq!(d.events[..2], [Event::Init, Event::CodePage(19)]);

    let total = line(&d, "TOTAL");
    assert_eq!(total.text, format!("TOTAL 12,52{NBSP}€"));
    assert_eq!(
        (total.align, total.bold, total.width, total.height),
        (Align::Center, true, 2, 2)
    );

    let title = line(&d, "Marché");
    assert_eq!(
        (title.text.as_str(), title.align, title.bold),
        ("Épicerie du Marché", Align::Center, true)
    );

    let expected_lines = [
        format!("Sous-total{}12,52{NBSP}€", " ".repeat(42 - 10 - 7)),
        format!("Baguette tradition{}2,40{NBSP}€ A", " ".repeat(42 - 18 - 8)),
        format!("  2 x 1,20{NBSP}€"),
        format!("  1,25 kg x 3,20{NBSP}€/kg"),
        "  tare 0,005 kg".to_owned(),
        format!(
            "  Remise fidélité -10 %{}-0,68{NBSP}€",
            " ".repeat(42 - 23 - 7)
        ),
        "  *** ANNULÉ ***".to_owned(),
        format!("Arrondi espèces{}-0,02{NBSP}€", " ".repeat(42 - 15 - 7)),
        // Rate column 9 wide (the widest rate, 7, plus the spare), amounts 11 wide each.
        format!(
            "Taux{}HT{}TVA{}TTC",
            " ".repeat(14),
            " ".repeat(8),
            " ".repeat(8)
        ),
        format!(
            "A 5,5 %{}6,07{}0,33{}6,40",
            " ".repeat(9),
            " ".repeat(7),
            " ".repeat(7)
        ),
        format!(
            "B 20 %{}5,10{}1,02{}6,12",
            " ".repeat(10),
            " ".repeat(7),
            " ".repeat(7)
        ),
        format!("Carte bancaire{}5,00{NBSP}€", " ".repeat(42 - 14 - 6)),
        "  CB **** 4242 Autor. 123456".to_owned(),
        format!("Espèces{}10,00{NBSP}€", " ".repeat(42 - 7 - 7)),
        format!("Rendu{}2,50{NBSP}€", " ".repeat(42 - 5 - 6)),
        format!("Caisse{NBSP}: T1 - Caissier{NBSP}: Zoé"),
        "15/01/2026 09:05:07".to_owned(),
    ];
    let texts: Vec<&str> = d.lines().iter().map(|l| l.text.as_str()).collect();
    for expected in &expected_lines {
        assert!(
            texts.contains(&expected.as_str()),
            "{expected:?} not printed in:\n{}",
            d.text()
        );
    }
    let change = line(&d, "Rendu");
    assert!(change.bold, "the change is printed bold");

    for l in d.lines() {
        let limit = 42 / usize::from(l.width);
        assert!(
            l.text.chars().count() <= limit,
            "{:?} is wider than {limit}",
            l.text
        );
    }

    let barcodes: Vec<_> = d
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Barcode {
                symbology,
                data,
                align,
                ..
            } => Some((*symbology, data.as_str(), *align)),
            _ => None,
        })
        .collect();
    assert_eq!(barcodes, [(Symbology::Code128, "T1-000042", Align::Center)]);
    assert_eq!(d.count(|e| matches!(e, Event::Cut { .. })), 1);
    assert_eq!(
        d.events.last(),
        Some(&Event::Cut {
            partial: false,
            feed: None
        })
    );
    assert_eq!(d.count(|e| matches!(e, Event::DrawerPulse { .. })), 0);
}

#[test]
fn drawer_pulse_only_when_asked() {
    let cases = [
        (None, vec![]),
        (
            Some(DrawerPin::Pin2),
            vec![Event::DrawerPulse {
                pin: 2,
                on: 0x32,
                off: 0x32,
            }],
        ),
        (
            Some(DrawerPin::Pin5),
            vec![Event::DrawerPulse {
                pin: 5,
                on: 0x32,
                off: 0x32,
            }],
        ),
    ];
    for (pin, expected) in cases {
        let d = printed(
            &french_sale(),
            &EscPosOptions {
                drawer_pulse: pin,
                ..EscPosOptions::default()
            },
        );
        let pulses: Vec<Event> = d
            .events
            .iter()
            .filter(|e| matches!(e, Event::DrawerPulse { .. }))
            .cloned()
            .collect();
        assert_eq!(pulses, expected, "{pin:?}");
    }
}

#[test]
fn barcode_choice_and_cut_option() {
    let qr = printed(
        &french_sale(),
        &EscPosOptions {
            barcode: ReceiptBarcode::Qr,
            cut: false,
            ..EscPosOptions::default()
        },
    );
    let codes: Vec<_> = qr
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Qr {
                data, model, align, ..
            } => Some((data.as_str(), *model, *align)),
            Event::Barcode { data, .. } => Some((data.as_str(), 0, Align::Left)),
            _ => None,
        })
        .collect();
    assert_eq!(codes, [("T1-000042", 0x32, Align::Center)]);
    assert_eq!(
        line(&qr, "T1-000042").align,
        Align::Left,
        "receipt number line"
    );
    assert_eq!(
        qr.lines().last().map(|l| (l.text.as_str(), l.align)),
        Some(("T1-000042", Align::Center))
    );
    assert_eq!(qr.count(|e| matches!(e, Event::Cut { .. })), 0);

    let none = printed(
        &french_sale(),
        &EscPosOptions {
            barcode: ReceiptBarcode::None,
            ..EscPosOptions::default()
        },
    );
    assert_eq!(
        none.count(|e| matches!(e, Event::Qr { .. } | Event::Barcode { .. })),
        0
    );
    assert_eq!(
        none.lines().last().map(|l| l.text.as_str()),
        Some("T1-000042")
    );
}

#[test]
fn duplicates_say_so_in_the_receipt_language() {
    let cases = [
        (Locale::FrFr, Some(2), Some(format!("DUPLICATA n°{NBSP}2"))),
        (Locale::EnGb, Some(1), Some("DUPLICATE #1".to_owned())),
        (Locale::EnUs, Some(3), Some("DUPLICATE #3".to_owned())),
        (Locale::DeDe, Some(2), Some(format!("DUPLIKAT Nr.{NBSP}2"))),
        (Locale::FrFr, None, None),
    ];
    for (locale, copy, expected) in cases {
        let receipt = Receipt {
            locale,
            duplicate: copy,
            ..french_sale()
        };
        let d = printed(&receipt, &options(32));
        let banner = d
            .lines()
            .into_iter()
            .find(|l| l.text.starts_with("DUPLI"))
            .map(|l| (l.text.clone(), l.align, l.bold));
        assert_eq!(
            banner,
            expected.map(|t| (t, Align::Center, true)),
            "{locale:?}"
        );
    }
}

#[test]
fn return_receipt_points_at_the_original() {
    let d = printed(&french_return(), &options(32));
    let title = line(&d, "RETOUR");
    assert_eq!((title.align, title.bold), (Align::Center, true));
    line(&d, &format!("Ticket d'origine{NBSP}: T1-000042"));
    line(&d, &format!("Ticket{NBSP}: T1-000043"));
    assert_eq!(line(&d, "TOTAL").text, format!("TOTAL -6,12{NBSP}€"));
    line(&d, "-1 x 6,80");
    let barcode = d.events.iter().find_map(|e| match e {
        Event::Barcode { data, .. } => Some(data.as_str()),
        _ => None,
    });
    assert_eq!(barcode, Some("T1-000043"));
}

#[test]
fn a_total_too_wide_for_double_size_is_printed_bold_at_normal_size() {
    let receipt = Receipt {
        total: eur(123_456_789),
        ..french_sale()
    };
    let d = printed(&receipt, &options(32));
    let total = line(&d, "TOTAL");
    assert_eq!((total.width, total.bold), (1, true));
    assert!(
        total
            .text
            .ends_with(&format!("1{NBSP}234{NBSP}567,89{NBSP}€")),
        "{:?}",
        total.text
    );
    assert_eq!(total.text.chars().count(), 32);
}

#[test]
fn product_names_cannot_inject_printer_commands() {
    let mut receipt = french_sale();
    receipt.lines[0].description = "Pain\u{1B}p\u{0}\u{32}\u{32} \u{1D}V\u{0}".to_owned();
    let d = printed(&receipt, &options(32));
    assert_eq!(d.count(|e| matches!(e, Event::DrawerPulse { .. })), 0);
    assert_eq!(d.count(|e| matches!(e, Event::Cut { .. })), 1);
    line(&d, "Pain p 22 V");
}

#[test]
fn store_credit_tenders_print_the_note_and_what_is_left_on_it() {
    let mut receipt = french_sale();
    receipt.tenders[1] = TenderLine {
        label: "Avoir".to_owned(),
        amount: eur(750),
        card: None,
        credit_note: Some(CreditNoteRef {
            code: "CN-ABCDEFGHJK".to_owned(),
            balance: Some(eur(1250)),
        }),
    };
    let d = printed(&receipt, &options(42));
    line(&d, "Avoir CN-ABCDEFGHJK");
    let left = line(&d, "Solde restant");
    assert!(
        left.text.ends_with(&format!("12,50{NBSP}€")),
        "{}",
        left.text
    );
    let text = render_text(&receipt, 42);
    assert!(text.contains("Avoir CN-ABCDEFGHJK"), "{text}");
    assert!(text.contains("Solde restant"), "{text}");
    let html = render_html(&receipt, PaperSize::Roll80mm);
    assert!(html.contains("CN-ABCDEFGHJK"), "{html}");
    assert!(html.contains("Solde restant"), "{html}");
    // Without a known balance, only the code.
    receipt.tenders[1].credit_note = Some(CreditNoteRef {
        code: "CN-ABCDEFGHJK".to_owned(),
        balance: None,
    });
    let text = render_text(&receipt, 42);
    assert!(
        text.contains("CN-ABCDEFGHJK") && !text.contains("Solde restant"),
        "{text}"
    );
}
