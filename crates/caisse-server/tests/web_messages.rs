//! The message files have the same keys in English and French, and every error code of the
//! catalogue (`ErrorCode`) a person can meet (and every reason an unreadable barcode gives)
//! has a message in both.

use std::collections::BTreeSet;

use caisse_app::ErrorCode;

/// The keys of the `en: {…}` and `fr: {…}` blocks of a message file (one `"key": …` a line).
fn keys(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut en = BTreeSet::new();
    let mut fr = BTreeSet::new();
    let mut current = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with("en:") {
            current = Some(&mut en);
        } else if line.starts_with("fr:") {
            current = Some(&mut fr);
        } else if let Some(rest) = line.strip_prefix('"')
            && let Some((key, _)) = rest.split_once("\":")
            && let Some(set) = current.as_mut()
        {
            set.insert(key.to_owned());
        }
    }
    (en, fr)
}

#[test]
fn every_access_message_is_in_english_and_french() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    for file in [
        "admin/staff-messages.js",
        "admin/devices.js",
        "pos/messages-access.js",
        "pos/messages-till.js",
        "admin/history-messages.js",
        "admin/import-messages.js",
        "common/errors.js",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect(file);
        let (en, fr) = keys(&text);
        assert!(en.len() > 5, "{file}: {en:?}");
        assert_eq!(en, fr, "{file}: the same keys in both languages");
    }
}

/// The string literals that follow each `marker` in `text` (skipping spaces and newlines).
fn literals_after(text: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(marker) {
        let rest = text[at + marker.len()..].trim_start();
        if let Some(body) = rest.strip_prefix('"')
            && let Some(end) = body.find('"')
        {
            out.push(body[..end].to_owned());
        }
    }
    out
}

/// Codes with no message of their own in the web client, and why. The client then shows the
/// server's English `message`. Everything else in [`ErrorCode::ALL`] needs both languages.
const NO_CLIENT_MESSAGE: [ErrorCode; 10] = [
    // Pricing and payment only raise these for text or settings the server checked when they
    // were stored (a tax table with a code twice, a cash-rounding step, a currency, a locale):
    // nothing the till sends gets there.
    ErrorCode::DuplicateTaxCode,
    ErrorCode::InvalidCashRounding,
    ErrorCode::InvalidCountry,
    ErrorCode::UnknownCurrency,
    ErrorCode::UnsupportedCurrency,
    ErrorCode::InvalidAmount,
    ErrorCode::InvalidQuantity,
    ErrorCode::TooManyDecimals,
    ErrorCode::InvalidAllocation,
    ErrorCode::UnknownLocale,
];

#[test]
fn every_error_code_the_server_answers_has_a_message_in_english_and_french() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web");
    let mut en = BTreeSet::new();
    let mut fr = BTreeSet::new();
    for file in ["common/errors.js", "common/i18n.js"] {
        let (e, f) = keys(&std::fs::read_to_string(root.join(file)).expect(file));
        en.extend(e);
        fr.extend(f);
    }
    let missing: Vec<_> = ErrorCode::ALL
        .iter()
        .filter(|c| !NO_CLIENT_MESSAGE.contains(c))
        .map(|c| c.as_str())
        .filter(|c| !(en.contains(&format!("error.{c}")) && fr.contains(&format!("error.{c}"))))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a message in both languages: {missing:?}"
    );
    // The allow-list holds only codes that really have no message.
    for c in NO_CLIENT_MESSAGE {
        assert!(
            !en.contains(&format!("error.{c}")),
            "{c} has a message: take it off NO_CLIENT_MESSAGE"
        );
    }

    // Every reason a barcode can be unreadable for.
    let barcode = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../caisse-core/src/barcode/error.rs"),
    )
    .expect("barcode errors");
    let reasons = literals_after(&barcode, "=> ");
    assert!(reasons.len() > 10, "{reasons:?}");
    for r in reasons {
        let key = format!("scan_reason.{r}");
        assert!(
            en.contains(&key) && fr.contains(&key),
            "no message for {key}"
        );
    }
}
