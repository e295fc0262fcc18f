//! The web UI (`web/`), embedded in the binary at build time.

use axum::body::Body;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::RustEmbed)]
#[folder = "../../web/"]
struct Web;

/// Serves an embedded file; `/admin` and `/admin/` give the back office's page.
pub async fn static_file(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let path = match path {
        "" => "admin/index.html".to_owned(),
        p if p.ends_with('/') || !p.contains('.') => {
            format!("{}/index.html", p.trim_end_matches('/'))
        }
        p => p.to_owned(),
    };
    match Web::get(&path) {
        Some(file) => {
            let mime = mime_guess::from_path(&path).first_or_octet_stream();
            Response::builder()
                .header(header::CONTENT_TYPE, mime.as_ref())
                .header(header::CACHE_CONTROL, "no-cache")
                .body(Body::from(file.data.into_owned()))
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
