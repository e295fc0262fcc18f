//! What every answer carries and every change must come from: security headers on all
//! responses (a content security policy without inline script, no framing, no MIME sniffing,
//! no referrer), and a same-origin rule for requests that change something, so a page on
//! another site cannot make a signed-in browser post to Caisse.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use caisse_app::ErrorCode;

use crate::error::ApiError;

/// The UI's policy: its own scripts, styles, images and API only; never framed.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";
/// The API documentation page (Swagger UI starts itself with an inline script).
const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
    frame-ancestors 'none'";

/// Adds the security headers to every response.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let docs = req.uri().path().starts_with("/api/docs");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let csp = if docs { DOCS_CSP } else { CSP };
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Refuses a request that changes something when the browser says it comes from another
/// site (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not this server's address).
/// Clients that are not browsers send neither header and are not affected.
pub async fn same_origin(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && cross_site(req.headers()) {
        return ApiError::new(
            ErrorCode::CrossSiteRequest,
            "a change must come from Caisse's own pages, not from another site",
        )
        .into_response();
    }
    next.run(req).await
}

fn cross_site(h: &HeaderMap) -> bool {
    let text = |name| h.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if text(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return true;
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some(origin), Some(host)) => {
            let authority = origin
                .split_once("://")
                .map_or(origin, |(_, rest)| rest)
                .trim_end_matches('/');
            !authority.eq_ignore_ascii_case(host)
        }
        // An origin with no Host to compare it with cannot be checked: refuse.
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Longest request target (path and query) accepted.
const URI_MAX: usize = 8 * 1024;

/// Every API answer is the JSON error envelope, including the refusals the framework makes
/// before a handler runs (a malformed id in the path, a wrong method, a body that is not
/// JSON) and an over-long URL.
pub async fn json_errors(req: Request, next: Next) -> Response {
    if req.uri().to_string().len() > URI_MAX {
        return ApiError::new(
            ErrorCode::UriTooLong,
            format!("the URL is longer than {URI_MAX} bytes"),
        )
        .into_response();
    }
    let res = next.run(req).await;
    let status = res.status();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || json {
        return res;
    }
    let (code, fallback) = match status {
        StatusCode::BAD_REQUEST => (ErrorCode::InvalidPath, "a part of the URL is not valid"),
        StatusCode::NOT_FOUND => (ErrorCode::NotFound, "no such API endpoint"),
        StatusCode::METHOD_NOT_ALLOWED => (
            ErrorCode::MethodNotAllowed,
            "this endpoint does not take this method",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            ErrorCode::UnsupportedMediaType,
            "send the body as application/json",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (ErrorCode::PayloadTooLarge, "the body is too large"),
        StatusCode::REQUEST_TIMEOUT => (ErrorCode::RequestTimeout, "the request took too long"),
        s if s.is_server_error() => (ErrorCode::Internal, "internal error"),
        _ => (ErrorCode::BadRequest, "the request is not valid"),
    };
    // The framework's own text says what was wrong (e.g. which path part); keep it short.
    let allow = res.headers().get(header::ALLOW).cloned();
    let text = axum::body::to_bytes(res.into_body(), 4 * 1024)
        .await
        .ok()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .filter(|t| !t.trim().is_empty() && !status.is_server_error());
    // The framework's refusal keeps its status.
    let mut out = ApiError::with_status(status, code, text.as_deref().unwrap_or(fallback).trim())
        .into_response();
    if let Some(allow) = allow {
        out.headers_mut().insert(header::ALLOW, allow);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_other_sites_are_cross_site() {
        let cases: [(&[(&str, &str)], bool); 7] = [
            (&[], false),
            (&[("host", "shop.local:8080")], false),
            (
                &[
                    ("host", "shop.local:8080"),
                    ("origin", "http://shop.local:8080"),
                ],
                false,
            ),
            (
                &[
                    ("host", "shop.local:8080"),
                    ("origin", "https://SHOP.local:8080"),
                ],
                false,
            ),
            (
                &[
                    ("host", "shop.local:8080"),
                    ("origin", "http://evil.example"),
                ],
                true,
            ),
            (&[("host", "shop.local:8080"), ("origin", "null")], true),
            (
                &[
                    ("host", "shop.local:8080"),
                    ("sec-fetch-site", "cross-site"),
                ],
                true,
            ),
        ];
        for (headers, want) in cases {
            let mut h = HeaderMap::new();
            for (k, v) in headers {
                h.insert(*k, HeaderValue::from_str(v).unwrap());
            }
            assert_eq!(cross_site(&h), want, "{headers:?}");
        }
    }
}
