//! Monospaced layout: receipt rows fitted to a paper width counted in characters, and the plain
//! text rendering built on it (the ESC/POS renderer uses the same fitting).

use super::escpos::Align;
use super::layout::{Pair, Row, rows};
use super::model::Receipt;

/// The narrowest paper the layout accepts, in characters; narrower widths are widened to it.
pub const MIN_WIDTH: usize = 16;

/// Fewest characters kept for an item name beside its amount before the amount moves below.
const MIN_LEFT: usize = 8;

/// One printed line of a fitted receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FitLine {
    pub text: String,
    pub align: Align,
    pub bold: bool,
    /// Double width and height (only the total, and only on printers).
    pub big: bool,
}

/// A fitted receipt is lines of text, and the barcode where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fitted {
    Line(FitLine),
    Barcode(String),
}

/// Number of characters, which is what a monospaced printer counts (not bytes).
fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// The receipt as plain monospaced text, `width_chars` wide (32, 42 or 48 on common roll
/// printers): amounts right-aligned, long names wrapped. Width counts characters, not bytes.
pub fn render_text(receipt: &Receipt, width_chars: usize) -> String {
    let width = width_chars.max(MIN_WIDTH);
    let mut out = String::new();
    for item in fit(&rows(receipt), width, false) {
        let (text, align) = match item {
            Fitted::Line(line) => (line.text, line.align),
            Fitted::Barcode(data) => (data, Align::Center),
        };
        let free = width.saturating_sub(width_of(&text));
        let pad = match align {
            Align::Left => 0,
            Align::Center => free / 2,
            Align::Right => free,
        };
        let line = format!("{:pad$}{text}", "");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Lays rows out in lines of at most `width` characters. With `big_total`, the total is one
/// centred line meant for double-size print when it fits in half the width.
pub(crate) fn fit(rows: &[Row], width: usize, big_total: bool) -> Vec<Fitted> {
    let width = width.max(MIN_WIDTH);
    let mut out = Vec::new();
    for row in rows {
        let (lines, align, bold) = match row {
            Row::Title(t) => (wrap(t, width), Align::Center, true),
            Row::Banner(t) => (wrap(t, width), Align::Center, true),
            Row::Center(t) => (wrap(t, width), Align::Center, false),
            Row::Left(t) => (wrap(t, width), Align::Left, false),
            Row::Pair(pair) => (fit_pair(pair, width), Align::Left, pair.bold),
            Row::Total { label, amount } => {
                let text = format!("{label} {amount}");
                if big_total && width_of(&text) <= width / 2 {
                    out.push(Fitted::Line(FitLine {
                        text,
                        align: Align::Center,
                        bold: true,
                        big: true,
                    }));
                    continue;
                }
                let pair = Pair {
                    left: label.clone(),
                    right: amount.clone(),
                    indent: false,
                    struck: false,
                    bold: true,
                };
                (fit_pair(&pair, width), Align::Left, true)
            }
            Row::TaxTable { header, rows } => (fit_table(header, rows, width), Align::Left, false),
            Row::Rule => (vec!["-".repeat(width)], Align::Left, false),
            Row::Barcode(data) => {
                out.push(Fitted::Barcode(data.clone()));
                continue;
            }
        };
        out.extend(lines.into_iter().map(|text| {
            Fitted::Line(FitLine {
                text,
                align,
                bold,
                big: false,
            })
        }));
    }
    out
}

/// Splits text into lines of at most `width` characters at ordinary spaces (no-break spaces
/// keep amounts whole), cutting words longer than a line. Empty text gives one empty line.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_width = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width = width_of(word);
        if current_width > 0 && current_width + 1 + word_width <= width {
            current.push(' ');
            current.push_str(word);
            current_width += 1 + word_width;
            continue;
        }
        if current_width > 0 {
            lines.push(std::mem::take(&mut current));
        }
        let mut chars: Vec<char> = word.chars().collect();
        while chars.len() > width {
            let rest = chars.split_off(width);
            lines.push(chars.into_iter().collect());
            chars = rest;
        }
        current_width = chars.len();
        current = chars.into_iter().collect();
    }
    if current_width > 0 || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// A left text and a right-aligned amount; the name wraps beside the amount, and the amount
/// goes on a line of its own when there is no room for both.
fn fit_pair(pair: &Pair, width: usize) -> Vec<String> {
    let indent = if pair.indent { "  " } else { "" };
    let right_width = width_of(&pair.right);
    let room = width - indent.len();
    if right_width == 0 {
        return wrap(&pair.left, room)
            .into_iter()
            .map(|l| format!("{indent}{l}"))
            .collect();
    }
    if right_width + 1 + MIN_LEFT <= room {
        let left_width = room - right_width - 1;
        let mut lines: Vec<String> = wrap(&pair.left, left_width)
            .into_iter()
            .map(|l| format!("{indent}{l}"))
            .collect();
        if let Some(first) = lines.first_mut() {
            let gap = width - width_of(first) - right_width;
            first.push_str(&" ".repeat(gap));
            first.push_str(&pair.right);
        }
        return lines;
    }
    let mut lines: Vec<String> = wrap(&pair.left, room)
        .into_iter()
        .map(|l| format!("{indent}{l}"))
        .collect();
    for part in wrap(&pair.right, width) {
        lines.push(format!("{:>width$}", part));
    }
    lines
}

/// The tax breakdown in four columns (rate left, amounts right-aligned) when it fits, else one
/// block per rate with the amounts on their own lines.
fn fit_table(header: &[String; 4], rows: &[[String; 4]], width: usize) -> Vec<String> {
    let all = || std::iter::once(header).chain(rows.iter());
    let first = all().map(|r| width_of(&r[0])).max().unwrap_or(0);
    let widest_amount = all()
        .flat_map(|r| r[1..].iter().map(|c| width_of(c)))
        .max()
        .unwrap_or(0);
    let column = width.saturating_sub(first) / 3;
    if column > widest_amount {
        let first = width - 3 * column;
        return all()
            .map(|r| {
                format!(
                    "{:<first$}{:>column$}{:>column$}{:>column$}",
                    r[0], r[1], r[2], r[3]
                )
            })
            .map(|l| l.trim_end().to_owned())
            .collect();
    }
    let mut lines = Vec::new();
    for row in rows {
        lines.extend(wrap(&row[0], width));
        for (name, value) in header[1..].iter().zip(&row[1..]) {
            let pair = Pair {
                left: name.clone(),
                right: value.clone(),
                indent: true,
                struck: false,
                bold: false,
            };
            lines.extend(fit_pair(&pair, width));
        }
    }
    lines
}
