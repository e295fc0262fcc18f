//! The web's own defences, on every backend: security headers on every page and answer, the
//! catalog import only as CSV, and no change accepted from another site's page.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use support::{TestApp, apps};

const CSV: &str = "sku,name,price,tax_category\nW-1,Widget,1.00,standard\n";

fn import_req(token: &str, content_type: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::builder()
        .method("POST")
        .uri("/api/v1/catalog/import")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::HOST, "shop.local:8080");
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.body(Body::from(CSV)).unwrap()
}

async fn products(t: &TestApp, token: &str) -> u64 {
    t.get("/api/v1/products?active=all", token).await.body["total"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn every_page_and_answer_carries_the_security_headers() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        for path in [
            "/",
            "/pos",
            "/admin",
            "/api/v1/products",
            "/api/v1/nowhere",
            "/healthz",
        ] {
            let req = Request::builder()
                .uri(path)
                .header(header::AUTHORIZATION, format!("Bearer {owner}"))
                .body(Body::empty())
                .unwrap();
            let res = t.request(req).await;
            let h = |name: header::HeaderName| {
                res.headers
                    .get(&name)
                    .map(|v| v.to_str().unwrap().to_owned())
                    .unwrap_or_else(|| panic!("{path}: no {name}"))
            };
            let csp = h(header::CONTENT_SECURITY_POLICY);
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
            assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
            assert_eq!(h(header::REFERRER_POLICY), "no-referrer", "{path}");
        }
    }
}

#[tokio::test]
async fn the_import_takes_only_csv_and_no_change_comes_from_another_site() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        // A plain-text body (what a cross-site form can send) is refused and imports nothing.
        let res = t.request(import_req(&owner, "text/plain", &[])).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            "{}",
            res.body
        );
        assert_eq!(products(&t, &owner).await, 0);
        // The right type from another site's page is refused too, by either header.
        for extra in [
            [("origin", "http://evil.example")],
            [("sec-fetch-site", "cross-site")],
        ] {
            let res = t.request(import_req(&owner, "text/csv", &extra)).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::FORBIDDEN, "cross_site_request"),
                "{extra:?}: {}",
                res.body
            );
        }
        assert_eq!(products(&t, &owner).await, 0);
        // Any other change from another site as well (a sign-out here).
        let req = Request::builder()
            .method("POST")
            .uri("/api/v1/auth/logout")
            .header(header::AUTHORIZATION, format!("Bearer {owner}"))
            .header("origin", "http://evil.example")
            .header(header::HOST, "shop.local:8080")
            .body(Body::empty())
            .unwrap();
        assert_eq!(t.request(req).await.status, StatusCode::FORBIDDEN);
        // From Caisse's own page it goes through.
        let own = [
            ("origin", "http://shop.local:8080"),
            ("sec-fetch-site", "same-origin"),
        ];
        let res = t
            .request(import_req(&owner, "text/csv; charset=utf-8", &own))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(products(&t, &owner).await, 1);
    }
}

#[tokio::test]
async fn framework_refusals_answer_the_json_envelope() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let long = format!("/api/v1/products?q={}", "a".repeat(10_000));
        let cases = [
            (
                "GET",
                "/api/v1/sales/not-a-uuid".to_owned(),
                None,
                StatusCode::BAD_REQUEST,
                "invalid_path",
            ),
            (
                "DELETE",
                "/api/v1/catalog/lookup".to_owned(),
                None,
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
            ),
            (
                "POST",
                "/api/v1/registers".to_owned(),
                Some("text/plain"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ),
            ("GET", long, None, StatusCode::URI_TOO_LONG, "uri_too_long"),
            (
                "GET",
                "/api/v1/nowhere".to_owned(),
                None,
                StatusCode::NOT_FOUND,
                "not_found",
            ),
        ];
        for (method, path, content_type, status, code) in cases {
            let mut req = Request::builder()
                .method(method)
                .uri(&path)
                .header(header::AUTHORIZATION, format!("Bearer {owner}"));
            if let Some(ct) = content_type {
                req = req.header(header::CONTENT_TYPE, ct);
            }
            let res = t.request(req.body(Body::from("{}")).unwrap()).await;
            let short = &path[..path.len().min(60)];
            assert_eq!(
                (res.status, res.code()),
                (status, code),
                "{method} {short}: {}",
                res.body
            );
            assert!(
                res.body["error"]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()),
                "{}",
                res.body
            );
            assert!(
                res.headers[header::CONTENT_TYPE]
                    .to_str()
                    .unwrap()
                    .starts_with("application/json"),
                "{method} {short}"
            );
        }
    }
}
