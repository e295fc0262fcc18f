//! The message files have the same keys in English and French, every page of the back
//! office's route table has its message files, and every error code of the catalogue
//! (`ErrorCode`) a person can meet (and every reason an unreadable barcode gives) has a
//! message in both.

mod admin_routes;

use std::collections::BTreeSet;

use caisse_app::ErrorCode;
use caisse_core::staff::Permission;

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
        "pos/messages-access.js",
        "pos/messages-till.js",
        "common/errors.js",
    ] {
        let text = std::fs::read_to_string(root.join(file)).expect(file);
        let (en, fr) = keys(&text);
        assert!(en.len() > 5, "{file}: {en:?}");
        assert_eq!(en, fr, "{file}: the same keys in both languages");
    }
}

/// The differences between two key sets, for a readable failure.
fn differences(en: &BTreeSet<String>, fr: &BTreeSet<String>) -> String {
    let only_en: Vec<_> = en.difference(fr).collect();
    let only_fr: Vec<_> = fr.difference(en).collect();
    format!("only in English: {only_en:?}; only in French: {only_fr:?}")
}

#[test]
fn every_back_office_message_file_has_the_same_keys_in_english_and_french() {
    let dir = admin_routes::web_root().join("admin/messages");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).expect("web/admin/messages") {
        let path = entry.expect("a message file").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        let (en, fr) = keys(&text);
        assert!(!en.is_empty(), "{}: no English keys", path.display());
        assert!(en == fr, "{}: {}", path.display(), differences(&en, &fr));
        files += 1;
    }
    assert!(files >= 10, "only {files} message files");
}

#[test]
fn every_page_of_the_route_table_has_its_module_its_messages_and_a_real_permission() {
    let root = admin_routes::web_root().join("admin");
    let pages = admin_routes::pages();
    assert!(pages.len() >= 10, "{pages:?}");
    let (shell, _) = keys(&std::fs::read_to_string(root.join("messages/shell.js")).expect("shell"));
    let permissions: BTreeSet<&str> = Permission::all()
        .map(|p| p.as_str())
        .chain([caisse_app::auth::RECEIVE, caisse_app::auth::COUNT])
        .collect();
    let nav_groups = std::fs::read_to_string(root.join("routes.js")).expect("routes.js");
    let mut ids = BTreeSet::new();
    let mut paths = BTreeSet::new();
    for page in &pages {
        assert!(ids.insert(&page.id), "{} twice", page.id);
        assert!(paths.insert(&page.path), "path {} twice", page.path);
        assert!(
            root.join(&page.module).is_file(),
            "{}: no module {}",
            page.id,
            page.module
        );
        assert!(!page.messages.is_empty(), "{}: no message file", page.id);
        for name in &page.messages {
            assert!(
                root.join(format!("messages/{name}.js")).is_file(),
                "{}: no message file messages/{name}.js",
                page.id
            );
        }
        assert!(
            shell.contains(&page.label),
            "{}: its label {} is not in messages/shell.js",
            page.id,
            page.label
        );
        if let Some(group) = &page.nav {
            assert!(
                shell.contains(&format!("nav.{group}"))
                    && nav_groups.contains(&format!("\"{group}\"")),
                "{}: nav group {group} is not in NAV_GROUPS or has no label",
                page.id
            );
        }
        assert!(
            permissions.contains(page.permission.as_str()),
            "{}: {} is not a permission the server knows",
            page.id,
            page.permission
        );
    }
}

/// The message keys a module and the local modules it imports use as literals (`t("key")`,
/// `tn("key", n)`); keys built at run time (`` t(`unit.per.${unit}`) ``) are not seen.
fn used_keys(dir: &std::path::Path, module: &str, seen: &mut BTreeSet<String>) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    if !seen.insert(module.to_owned()) {
        return keys;
    }
    let text = std::fs::read_to_string(dir.join(module)).expect(module);
    for marker in ["t(\"", "tn(\""] {
        for (at, _) in text.match_indices(marker) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue; // `alert("…")`, `x.t("…")`: not the translation function
            }
            let rest = &text[at + marker.len()..];
            if let Some(end) = rest.find('"') {
                keys.insert(rest[..end].to_owned());
            }
        }
    }
    for line in text.lines().filter(|l| l.starts_with("import ")) {
        if let Some((_, from)) = line.split_once("from \"./")
            && let Some((local, _)) = from.split_once('"')
        {
            keys.extend(used_keys(dir, local, seen));
        }
    }
    keys
}

#[test]
fn every_key_a_page_uses_is_in_its_message_files() {
    let web = admin_routes::web_root();
    let admin = web.join("admin");
    let mut shared = BTreeSet::new();
    for file in [
        "common/i18n.js",
        "common/errors.js",
        "admin/messages/shell.js",
    ] {
        shared.extend(keys(&std::fs::read_to_string(web.join(file)).expect(file)).0);
    }
    let mut missing = Vec::new();
    for page in admin_routes::pages() {
        let mut known = shared.clone();
        for name in &page.messages {
            let file = admin.join(format!("messages/{name}.js"));
            known.extend(keys(&std::fs::read_to_string(&file).expect("message file")).0);
        }
        let used = used_keys(&admin, &page.module, &mut BTreeSet::new());
        assert!(used.len() > 2, "{}: {used:?}", page.id);
        for key in used {
            // Plural keys are looked up with their form (`products.total.one`).
            let plural = known.contains(&format!("{key}.other"));
            if !known.contains(&key) && !plural {
                missing.push(format!("{}: {key}", page.id));
            }
        }
    }
    // The shell's own modules use the shared messages only.
    for module in ["app.js", "login.js", "list.js"] {
        for key in used_keys(
            &admin,
            module,
            &mut BTreeSet::from(["routes.js".to_owned()]),
        ) {
            if !shared.contains(&key) {
                missing.push(format!("{module}: {key}"));
            }
        }
    }
    assert!(missing.is_empty(), "keys without a message: {missing:#?}");
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
