//! The message files have the same keys in English and French, and every error code the
//! server can answer (and every reason an unreadable barcode gives) has a message in both.

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

/// The `.rs` files under a folder.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
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

/// Every error code the server answers: the use cases' states and codes, the HTTP edge's own.
fn server_codes() -> BTreeSet<String> {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&crates.join("caisse-app/src"), &mut files);
    rust_files(&crates.join("caisse-server/src"), &mut files);
    let mut codes = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for marker in [
            "AppError::state(",
            "code: ",
            "StatusCode::UNPROCESSABLE_ENTITY,",
            "StatusCode::BAD_REQUEST,",
            "StatusCode::PAYLOAD_TOO_LARGE,",
            "StatusCode::UNSUPPORTED_MEDIA_TYPE,",
            "StatusCode::CONFLICT,",
        ] {
            codes.extend(literals_after(&text, marker));
        }
        // `AppError::code()`: the arms `AppError::X => "code"`.
        if file.ends_with("caisse-app/src/error.rs") {
            codes.extend(literals_after(&text, "=> "));
        }
    }
    codes.retain(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    codes
}

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
    let codes = server_codes();
    assert!(codes.len() > 40, "found the server's codes: {codes:?}");
    assert!(
        codes.contains("payments_taken") && codes.contains("validation_failed"),
        "{codes:?}"
    );
    let missing: Vec<_> = codes
        .iter()
        .filter(|c| {
            *c != "internal"
                && !(en.contains(&format!("error.{c}")) && fr.contains(&format!("error.{c}")))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a message in both languages: {missing:?}"
    );

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
