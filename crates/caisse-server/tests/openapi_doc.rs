//! The OpenAPI document says what the server does: parameters where they are sent, every
//! schema it points to present, and the error statuses the server answers documented with
//! the error envelope.

mod support;

use serde_json::Value;
use support::apps;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[tokio::test]
async fn the_document_matches_what_the_server_answers() {
    let t = apps().await.remove(0);
    let doc = t
        .send("GET", "/api/openapi.json", None, None, "")
        .await
        .body;
    let mut problems = Vec::new();
    // Every `$ref` resolves.
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    for r in refs {
        let name = r.trim_start_matches("#/components/schemas/");
        if doc["components"]["schemas"][name].is_null() {
            problems.push(format!("$ref to a missing schema: {r}"));
        }
    }
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            let op = &item[method];
            if op.is_null() {
                continue;
            }
            let at = format!("{} {path}", method.to_uppercase());
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let mut has_path_param = false;
            for p in &params {
                let name = p["name"].as_str().unwrap();
                match p["in"].as_str() {
                    Some("path") => {
                        has_path_param = true;
                        if !path.contains(&format!("{{{name}}}")) {
                            problems.push(format!("{at}: `{name}` declared in the path"));
                        }
                    }
                    Some("query") if path.contains(&format!("{{{name}}}")) => {
                        problems.push(format!("{at}: `{name}` declared in the query"));
                    }
                    _ => {}
                }
            }
            let responses = op["responses"].as_object().unwrap();
            let mut needed: Vec<&str> = vec!["500"];
            let has_query = params.iter().any(|p| p["in"] == "query");
            if has_path_param || has_query || !op["requestBody"].is_null() {
                needed.extend(["400", "404"]);
            }
            let json_body = !op["requestBody"]["content"]["application/json"].is_null();
            if json_body {
                needed.extend(["415", "422"]);
            }
            let m = axum::http::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let rule = caisse_server::access::rule(&m, path.trim_start_matches("/api/v1"));
            if rule != Some(caisse_server::access::Access::Open) {
                needed.extend(["401", "403"]);
            }
            for status in needed {
                match responses.get(status) {
                    None => problems.push(format!("{at}: {status} not documented")),
                    Some(r)
                        if r["content"]["application/json"]["schema"]["$ref"]
                            != "#/components/schemas/ErrorEnvelope" =>
                    {
                        problems.push(format!("{at}: {status} without the error envelope"))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    out.push(x.as_str().unwrap_or_default().to_owned());
                } else {
                    collect_refs(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}
