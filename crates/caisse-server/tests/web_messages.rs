//! The access pages' message files have the same keys in English and French.

use std::collections::BTreeSet;

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
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect(file);
        let (en, fr) = keys(&text);
        assert!(en.len() > 5, "{file}: {en:?}");
        assert_eq!(en, fr, "{file}: the same keys in both languages");
    }
}
