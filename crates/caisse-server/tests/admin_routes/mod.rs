//! The back office's route table (`web/admin/routes.js`) as the tests read it: one page per
//! line, `{ id: "…", path: "…", … }`.

#![allow(dead_code, reason = "each test binary uses a part of this module")]

use std::path::PathBuf;

/// One page of the back office.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub path: String,
    pub label: String,
    pub nav: Option<String>,
    pub permission: String,
    /// The guarded call that loads the page, e.g. `GET /products`.
    pub api: String,
    pub module: String,
    pub messages: Vec<String>,
}

/// The `web/` folder.
pub fn web_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../web")
}

/// The text of `name: "value"` on a line.
fn text_field(line: &str, name: &str) -> Option<String> {
    let start = line.find(&format!(" {name}: \""))? + name.len() + 4;
    let rest = &line[start..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// The strings of `name: ["a", "b"]` on a line.
fn list_field(line: &str, name: &str) -> Vec<String> {
    let Some(at) = line.find(&format!(" {name}: [")) else {
        return Vec::new();
    };
    let rest = &line[at + name.len() + 4..];
    let inner = &rest[..rest.find(']').unwrap_or(0)];
    inner
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every page of the route table, in order. Panics when a line lacks a required field.
pub fn pages() -> Vec<Page> {
    let text = std::fs::read_to_string(web_root().join("admin/routes.js")).expect("routes.js");
    let table = text
        .split_once("export const ROUTES = [")
        .expect("ROUTES in routes.js")
        .1;
    let table = &table[..table.find("\n];").expect("the end of ROUTES")];
    table
        .lines()
        .filter(|l| l.trim_start().starts_with("{ id: "))
        .map(|line| {
            let need = |name: &str| {
                text_field(line, name).unwrap_or_else(|| panic!("no {name} in {line}"))
            };
            Page {
                id: need("id"),
                path: need("path"),
                label: need("label"),
                nav: text_field(line, "nav"),
                permission: need("permission"),
                api: need("api"),
                module: need("module"),
                messages: list_field(line, "messages"),
            }
        })
        .collect()
}
