//! The modules of `src/checkout` depend on each other in one direction only: no two of them
//! import each other, and no longer circle closes either. Read from the sources: a file
//! refers to a sibling as `super::name` (a folder module's files as `crate::checkout::name`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A source file without its test module (tests come last in a file).
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read a source file");
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn is_test_file(name: &str) -> bool {
    name == "tests" || name.ends_with("_tests")
}

/// The code of each module of `checkout/` (a folder's files together), tests left out, and
/// whether it is a folder.
fn modules() -> BTreeMap<String, (bool, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checkout");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("read src/checkout") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .expect("a name")
            .to_owned();
        if path.is_dir() {
            let mut text = String::new();
            for file in std::fs::read_dir(&path).expect("read folder") {
                let file = file.expect("entry").path();
                let stem = file.file_stem().and_then(|n| n.to_str()).unwrap_or("tests");
                if !is_test_file(stem) {
                    text.push_str(&code_of(&file));
                    text.push('\n');
                }
            }
            out.insert(name, (true, text));
        } else if name != "mod" && !is_test_file(&name) {
            out.insert(name, (false, code_of(&path)));
        }
    }
    out
}

/// What one module's code (comments left out) names of its siblings.
fn uses(folder: bool, text: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut prefixes = vec!["crate::checkout::"];
    if !folder {
        prefixes.push("super::");
    }
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for prefix in &prefixes {
            for (at, _) in line.match_indices(prefix) {
                let rest = &line[at + prefix.len()..];
                let used: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if names.contains(&used) {
                    found.insert(used);
                }
            }
            // `use super::{a, b::X}` names several.
            for (at, _) in line.match_indices(&format!("{prefix}{{")) {
                let list = &line[at + prefix.len() + 1..];
                for part in list.split([',', '}']) {
                    let used: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if names.contains(&used) {
                        found.insert(used);
                    }
                }
            }
        }
    }
    found
}

/// A circle of modules, if the graph has one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut c = path[at..].to_vec();
            c.push(node.to_owned());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn checkout_modules_import_each_other_in_one_direction() {
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(name, (folder, text))| {
            let mut used = uses(*folder, text, &names);
            used.remove(name);
            (name.clone(), used)
        })
        .collect();
    // The reading finds imports at all (a sanity check on the parser).
    assert!(graph["writer"].contains("document"), "{graph:?}");
    assert!(graph["returns"].contains("refunds"), "{graph:?}");
    if let Some(c) = circle(&graph) {
        panic!("checkout modules import each other: {}", c.join(" -> "));
    }
}

#[test]
fn a_circle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(n, e)| (n.to_owned(), e.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        circle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let names: BTreeSet<String> = ["cart", "view", "sales"].map(str::to_owned).into();
    let text = "use super::{cart::Cart, view};\n// super::sales\nlet x = super::sales::f();";
    assert_eq!(
        uses(false, text, &names),
        ["cart", "sales", "view"].map(str::to_owned).into()
    );
}
