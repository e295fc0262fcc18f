//! A receipt as a standalone printable HTML page (e-mailed receipts, browser printing).

use super::labels::labels;
use super::layout::{Pair, Row, rows};
use super::model::Receipt;
use super::svg::code128_svg;

/// The paper a printable HTML receipt is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperSize {
    /// An 80 mm thermal roll (72 mm printable).
    Roll80mm,
    /// An A4 sheet, the receipt centred in a narrow column.
    A4,
}

impl PaperSize {
    fn page_css(self) -> &'static str {
        match self {
            PaperSize::Roll80mm => {
                "@page{size:80mm 297mm;margin:4mm}body{width:72mm;margin:0;font-size:9pt}"
            }
            PaperSize::A4 => {
                "@page{size:A4;margin:20mm}body{width:100mm;margin:0 auto;font-size:11pt}"
            }
        }
    }
}

/// Style shared by both paper sizes: system monospace fonts only, nothing downloaded. On a
/// screen the ticket is centred with some air above it; printing keeps the page margins.
const CSS: &str = "*{box-sizing:border-box}\
body{font-family:ui-monospace,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace;\
color:#000;background:#fff;line-height:1.3}\
h1{font-size:1.3em;text-align:center;margin:0 0 .2em}\
p{margin:0}.c{text-align:center}.b{font-weight:bold}\
.pair{display:flex;justify-content:space-between;gap:1em}\
.pair>span:last-child{white-space:nowrap;text-align:right}\
.indent{padding-left:1.5em}.struck>span{text-decoration:line-through}\
.total{font-size:1.4em;font-weight:bold;margin:.2em 0}\
hr{border:0;border-top:1px dashed #000;margin:.4em 0}\
table{width:100%;border-collapse:collapse}th,td{text-align:right;padding:0}\
th:first-child,td:first-child{text-align:left}th{font-weight:normal;text-decoration:underline}\
.code{text-align:center;margin-top:.6em}.code svg{display:block;margin:0 auto;max-width:100%}\
@media screen{body{margin:1.5em auto}}";

/// The receipt as a complete HTML document: inline CSS with the page size, no external font,
/// script or image, every text escaped, and the barcode as an inline SVG Code 128.
pub fn render_html(receipt: &Receipt, paper: PaperSize) -> String {
    let title = format!("{} {}", labels(receipt.locale).receipt, receipt.number);
    let mut body = String::new();
    for row in rows(receipt) {
        body.push_str(&row_html(&row));
        body.push('\n');
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n<title>{title}</title>\n\
         <style>{page}{CSS}</style>\n</head>\n<body>\n<main class=\"receipt\">\n{body}</main>\n\
         </body>\n</html>\n",
        lang = receipt.locale.language(),
        title = escape(&title),
        page = paper.page_css(),
    )
}

fn row_html(row: &Row) -> String {
    match row {
        Row::Title(t) => format!("<h1>{}</h1>", escape(t)),
        Row::Center(t) => format!("<p class=\"c\">{}</p>", escape(t)),
        Row::Banner(t) => format!("<p class=\"c b\">{}</p>", escape(t)),
        Row::Left(t) => format!("<p>{}</p>", escape(t)),
        Row::Pair(pair) => pair_html(pair),
        Row::Total { label, amount } => format!(
            "<div class=\"pair total\"><span>{}</span><span>{}</span></div>",
            escape(label),
            escape(amount)
        ),
        Row::TaxTable { header, rows } => {
            let cells = |tag: &str, r: &[String; 4]| -> String {
                r.iter()
                    .map(|c| format!("<{tag}>{}</{tag}>", escape(c)))
                    .collect()
            };
            let body: String = rows
                .iter()
                .map(|r| format!("<tr>{}</tr>", cells("td", r)))
                .collect();
            format!(
                "<table class=\"taxes\"><thead><tr>{}</tr></thead><tbody>{body}</tbody></table>",
                cells("th", header)
            )
        }
        Row::Rule => "<hr>".to_owned(),
        Row::Barcode(data) => format!(
            "<div class=\"code\">{}<p>{}</p></div>",
            code128_svg(data).unwrap_or_default(),
            escape(data)
        ),
    }
}

fn pair_html(pair: &Pair) -> String {
    let mut class = String::from("pair");
    for (on, name) in [
        (pair.indent, " indent"),
        (pair.struck, " struck"),
        (pair.bold, " b"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    format!(
        "<div class=\"{class}\"><span>{}</span><span>{}</span></div>",
        escape(&pair.left),
        escape(&pair.right)
    )
}

/// Text made safe inside HTML elements and quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
