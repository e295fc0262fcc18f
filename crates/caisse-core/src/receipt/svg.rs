//! The receipt number as an inline SVG Code 128 barcode, for printable HTML receipts.
//!
//! The `barcoders` crate gives the bar pattern; the SVG is drawn here because its own SVG
//! generator adds no quiet zone, no physical size and one rectangle per module.

use barcoders::sym::code128::Code128;

use super::html::escape;

/// Light modules kept clear on each side so scanners find the start and stop patterns.
const QUIET_ZONE: usize = 10;

/// A Code 128 (set B) barcode of printable ASCII `data` as an SVG element with 0.25 mm
/// modules and 12 mm bars; `None` when the data cannot be encoded (empty, non-ASCII).
pub(crate) fn code128_svg(data: &str) -> Option<String> {
    if data.is_empty() || !data.bytes().all(|b| (0x20..=0x7E).contains(&b)) {
        return None;
    }
    // 'Ɓ' is barcoders' marker for "start in code set B".
    let modules = Code128::new(format!("\u{181}{data}")).ok()?.encode();
    let total = modules.len() + 2 * QUIET_ZONE;
    let mut bars = String::new();
    let mut x = 0;
    while x < modules.len() {
        let dark = modules[x] == 1;
        let run = modules[x..]
            .iter()
            .take_while(|&&m| (m == 1) == dark)
            .count();
        if dark {
            bars.push_str(&format!(
                "<rect x=\"{}\" y=\"0\" width=\"{run}\" height=\"48\"/>",
                x + QUIET_ZONE
            ));
        }
        x += run;
    }
    // Width in millimetres at 0.25 mm per module, written without floats.
    let hundredths = total * 25;
    Some(format!(
        "<svg class=\"barcode\" role=\"img\" aria-label=\"{label}\" \
         width=\"{}.{:02}mm\" height=\"12mm\" viewBox=\"0 0 {total} 48\" \
         preserveAspectRatio=\"none\" shape-rendering=\"crispEdges\">\
         <rect width=\"{total}\" height=\"48\" fill=\"#fff\"/><g fill=\"#000\">{bars}</g></svg>",
        hundredths / 100,
        hundredths % 100,
        label = escape(data),
    ))
}
