//! The OpenAPI document says what the server does: parameters where they are sent, every
//! schema it points to present, the error statuses the server answers documented with
//! the error envelope, and every error code listed with the status the server answers it with.

mod support;

use axum::response::IntoResponse;
use caisse_app::ErrorCode;
use caisse_server::error::ApiError;
use serde_json::{Value, json};
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

/// The statuses the document gives a code (`x-error-statuses` of the `ErrorCode` schema).
fn documented_statuses(doc: &Value, code: &str) -> Vec<u16> {
    doc["components"]["schemas"]["ErrorCode"][caisse_server::openapi::STATUSES_EXTENSION][code]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_u64().and_then(|s| u16::try_from(s).ok()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_error_code_is_in_the_document_with_its_status() {
    let t = apps().await.remove(0);
    let doc = t
        .send("GET", "/api/openapi.json", None, None, "")
        .await
        .body;
    let schema = &doc["components"]["schemas"]["ErrorCode"];
    assert_eq!(
        doc["components"]["schemas"]["ErrorBody"]["properties"]["code"]["$ref"],
        "#/components/schemas/ErrorCode",
        "the envelope's code points to the catalogue"
    );
    let listed: Vec<&str> = schema["enum"]
        .as_array()
        .expect("an enum of codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, all);
    let table = schema["description"].as_str().expect("a description");
    for &code in ErrorCode::ALL {
        let s = code.as_str();
        assert_eq!(documented_statuses(&doc, s), code.statuses(), "{s}");
        let statuses: Vec<String> = code.statuses().iter().map(u16::to_string).collect();
        let row = format!("| `{s}` | {} |", statuses.join(" or "));
        assert!(table.contains(&row), "no row {row} in the table");
        // The server answers the code with that status, in the envelope.
        let res = ApiError::new(code, "why").into_response();
        assert_eq!(res.status().as_u16(), code.status(), "{s}");
        let body = axum::body::to_bytes(res.into_body(), 64 * 1024)
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["code"], s);
    }
    assert_eq!(all.len(), ErrorCode::ALL.len());
}

/// A request a test sends: method, path, bearer token, JSON body, and the code expected.
type Refusal<'a> = (&'a str, String, Option<&'a str>, Option<&'a str>, &'a str);

#[tokio::test]
async fn real_refusals_answer_the_documented_status_of_their_code() {
    let doc = apps().await.remove(0);
    let doc = doc
        .send("GET", "/api/openapi.json", None, None, "")
        .await
        .body;
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let reg = t
            .json(
                "POST",
                "/api/v1/registers",
                Some(&owner),
                json!({"code": "T9", "name": "Till 9"}),
            )
            .await
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let long = format!("/api/v1/products?q={}", "a".repeat(10_000));
        let open_sale = format!("{{\"register_id\": \"{reg}\"}}");
        let cases: Vec<Refusal> = vec![
            (
                "GET",
                "/api/v1/nowhere".into(),
                Some(&owner),
                None,
                "not_found",
            ),
            (
                "GET",
                "/api/v1/sales/x".into(),
                Some(&owner),
                None,
                "invalid_path",
            ),
            ("GET", long, Some(&owner), None, "uri_too_long"),
            (
                "DELETE",
                "/api/v1/catalog/lookup".into(),
                Some(&owner),
                None,
                "method_not_allowed",
            ),
            (
                "GET",
                "/api/v1/products".into(),
                None,
                None,
                "unauthenticated",
            ),
            (
                "GET",
                "/api/v1/users".into(),
                Some(&cashier),
                None,
                "forbidden",
            ),
            (
                "POST",
                "/api/v1/registers".into(),
                Some(&owner),
                Some("{"),
                "invalid_json",
            ),
            (
                "POST",
                "/api/v1/registers".into(),
                Some(&owner),
                Some("{\"code\": 1}"),
                "invalid_json",
            ),
            (
                "GET",
                "/api/v1/products?page=x".into(),
                Some(&owner),
                None,
                "invalid_query",
            ),
            (
                "POST",
                "/api/v1/sales".into(),
                Some(&owner),
                Some(&open_sale),
                "drawer_closed",
            ),
            (
                "POST",
                "/api/v1/registers".into(),
                Some(&owner),
                Some("{\"code\": \"\", \"name\": \"x\"}"),
                "validation_failed",
            ),
        ];
        let mut seen = Vec::new();
        for (method, path, token, body, code) in cases {
            let res = t
                .send(
                    method,
                    &path,
                    token,
                    body.map(|b| axum::body::Body::from(b.to_owned())),
                    "application/json",
                )
                .await;
            let short = &path[..path.len().min(60)];
            assert_eq!(res.code(), code, "{method} {short}: {}", res.body);
            let documented = documented_statuses(&doc, code);
            assert!(
                documented.contains(&res.status.as_u16()),
                "{method} {short}: {code} answered {} but documented {documented:?}",
                res.status
            );
            seen.push((code, res.status.as_u16()));
        }
        // Both statuses of `invalid_json` were met: 400 unreadable, 422 does not fit.
        assert!(seen.contains(&("invalid_json", 400)) && seen.contains(&("invalid_json", 422)));
    }
}

#[tokio::test]
async fn the_codes_an_operation_names_have_the_status_it_names_them_under() {
    let t = apps().await.remove(0);
    let doc = t
        .send("GET", "/api/openapi.json", None, None, "")
        .await
        .body;
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            let Some(responses) = item[method]["responses"].as_object() else {
                continue;
            };
            for (status, response) in responses {
                let text = response["description"].as_str().unwrap_or_default();
                // Every `word` in backquotes that is a code.
                for word in text.split('`').skip(1).step_by(2) {
                    let Ok(code) = serde_json::from_value::<ErrorCode>(json!(word)) else {
                        continue;
                    };
                    checked += 1;
                    if !code.statuses().iter().any(|s| s.to_string() == *status) {
                        problems.push(format!(
                            "{} {path}: `{word}` under {status}, but it is {:?}",
                            method.to_uppercase(),
                            code.statuses()
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "found {checked} codes in the descriptions");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
