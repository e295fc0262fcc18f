use super::*;

/// The modules (true = bar) drawn by the receipt's SVG barcode, from its rectangles.
fn svg_modules(html: &str) -> Vec<bool> {
    let svg = html.split("<svg").nth(1).unwrap_or_default();
    let view_box = svg.split("viewBox=\"0 0 ").nth(1).unwrap_or_default();
    let total: usize = view_box
        .split(' ')
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap_or(0);
    let mut modules = vec![false; total];
    let bars = svg.split("<g fill=\"#000\">").nth(1).unwrap_or_default();
    for rect in bars.split("<rect ").skip(1) {
        let attr = |name: &str| -> usize {
            let value = rect.split(&format!("{name}=\"")).nth(1).unwrap_or_default();
            value
                .split('"')
                .next()
                .unwrap_or_default()
                .parse()
                .unwrap_or(0)
        };
        let (x, width) = (attr("x"), attr("width"));
        for m in modules.iter_mut().skip(x).take(width) {
            *m = true;
        }
    }
    modules
}

#[test]
fn a_standalone_printable_page() {
    for (paper, page_rule) in [
        (PaperSize::Roll80mm, "@page{size:80mm 297mm"),
        (PaperSize::A4, "@page{size:A4"),
    ] {
        let html = render_html(&french_sale(), paper);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
            "{html}"
        );
        assert!(html.ends_with("</html>\n"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>Ticket T1-000042</title>"));
        assert!(html.contains(page_rule), "{paper:?}");
        for external in [
            "http",
            "<script",
            "<link",
            "src=",
            "@import",
            "url(",
            "@font-face",
        ] {
            assert!(!html.contains(external), "{external} in {paper:?}");
        }
    }
}

#[test]
fn the_receipt_rows_are_all_there() {
    let html = render_html(&french_sale(), PaperSize::Roll80mm);
    let expected = [
        "<h1>Épicerie du Marché</h1>".to_owned(),
        format!("<div class=\"pair total\"><span>TOTAL</span><span>12,52{NBSP}€</span></div>"),
        format!(
            "<div class=\"pair struck\"><span>Sac réutilisable</span><span>0,50{NBSP}€ B</span></div>"
        ),
        format!(
            "<div class=\"pair indent\"><span>Remise fidélité -10 %</span><span>-0,68{NBSP}€</span></div>"
        ),
        format!("<div class=\"pair b\"><span>Rendu</span><span>2,50{NBSP}€</span></div>"),
        "<thead><tr><th>Taux</th><th>HT</th><th>TVA</th><th>TTC</th></tr></thead>".to_owned(),
        "<tr><td>A 5,5 %</td><td>6,07</td><td>0,33</td><td>6,40</td></tr>".to_owned(),
        "<p>T1-000042</p></div>".to_owned(),
    ];
    for needle in expected {
        assert!(html.contains(&needle), "{needle} missing in:\n{html}");
    }
    let english = render_html(&us_sale(), PaperSize::A4);
    assert!(english.contains("<html lang=\"en\">") && english.contains("<span>Subtotal</span>"));
}

#[test]
fn every_text_is_escaped() {
    let mut receipt = french_sale();
    receipt.store.name = "Bob's <b>Shop</b>".to_owned();
    receipt.lines[0].description = "<script>alert(\"x\")</script> & Co".to_owned();
    receipt.footer = vec!["<img src=x onerror=alert(1)>".to_owned()];
    receipt.barcode = "A\"><svg onload=1>".to_owned();
    let html = render_html(&receipt, PaperSize::Roll80mm);
    let expected = [
        "<h1>Bob&#39;s &lt;b&gt;Shop&lt;/b&gt;</h1>",
        "<span>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</span>",
        "<p class=\"c\">&lt;img src=x onerror=alert(1)&gt;</p>",
        "aria-label=\"A&quot;&gt;&lt;svg onload=1&gt;\"",
    ];
    for needle in expected {
        assert!(html.contains(needle), "{needle} missing in:\n{html}");
    }
    for raw in ["<script", "<b>", "<img", "<svg onload"] {
        assert!(!html.contains(raw), "{raw} got through");
    }
}

#[test]
fn the_receipt_number_is_a_code128_barcode() {
    let html = render_html(&french_sale(), PaperSize::Roll80mm);
    let modules = svg_modules(&html);
    let data_len = "T1-000042".len();
    // Start, data, checksum: 11 modules each; stop: 13; quiet zones: 10 on each side.
    assert_eq!(modules.len(), 11 * (data_len + 2) + 13 + 20);
    assert!(modules[..10].iter().all(|m| !m) && modules[modules.len() - 10..].iter().all(|m| !m));
    let pattern: String = modules[10..modules.len() - 10]
        .iter()
        .map(|&m| if m { '1' } else { '0' })
        .collect();
    assert!(pattern.starts_with("11010010000"), "start B: {pattern}");
    assert!(pattern.ends_with("1100011101011"), "stop: {pattern}");
    // Every Code 128 symbol has three bars in its 11 modules.
    for symbol in pattern.as_bytes()[..pattern.len() - 13].chunks(11) {
        let bars =
            symbol.windows(2).filter(|w| w == b"01").count() + usize::from(symbol[0] == b'1');
        assert_eq!(bars, 3, "{pattern}");
    }
    assert!(
        html.contains("width=\"38.50mm\" height=\"12mm\""),
        "154 modules of 0.25 mm"
    );
}

#[test]
fn data_code128_cannot_carry_is_shown_as_text_only() {
    let receipt = Receipt {
        barcode: "Reçu-1".to_owned(),
        ..french_sale()
    };
    let html = render_html(&receipt, PaperSize::A4);
    assert!(!html.contains("<svg"));
    assert!(html.contains("<div class=\"code\"><p>Reçu-1</p></div>"));
    let none = Receipt {
        barcode: String::new(),
        ..french_sale()
    };
    assert!(!render_html(&none, PaperSize::A4).contains("class=\"code\""));
}
