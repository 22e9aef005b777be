//! The HTTP side: routes, static files through our own resolver, headers, the 404 page and HTML injection.
//!
//! Every response carries `X-Content-Type-Options: nosniff`, `Content-Security-Policy:
//! default-src 'self'` and `Cache-Control: no-cache` (a development server: the browser always
//! revalidates, so a rebuilt stylesheet is never served stale).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::api::{Dynamic, DynamicRequest, DynamicResponse};
use crate::live::{self, LiveState, OVERLAY_CSS, RELOAD_JS};
use crate::resolve::{resolve, Resolved};

const HTML: &str = "text/html; charset=utf-8";

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) site_dir: Arc<PathBuf>,
    pub(crate) live: Arc<LiveState>,
    pub(crate) dynamic: Option<Dynamic>,
}

/// The whole application: reload endpoints, then dynamic routes, then the site's files.
pub(crate) fn router(state: AppState) -> Router {
    let header =
        |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    Router::new()
        .route("/__bookshelf/events", get(live::events))
        .route(
            "/__bookshelf/reload.js",
            get(|| async { asset("text/javascript; charset=utf-8", RELOAD_JS) }),
        )
        .route(
            "/__bookshelf/overlay.css",
            get(|| async { asset("text/css; charset=utf-8", OVERLAY_CSS) }),
        )
        .fallback(site)
        .with_state(state)
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'",
        ))
        .layer(header(header::CACHE_CONTROL, "no-cache"))
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// What a blocking look-up found.
enum Lookup {
    File {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    Redirect(String),
    NotFound(Option<Vec<u8>>),
    BadRequest,
}

/// Any other path: a dynamic route, or a file from the site folder. `HEAD` is answered like
/// `GET` (axum drops the body and keeps `Content-Length`).
async fn site(State(state): State<AppState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let path = uri.path().to_owned();
    let query = uri.query().map(str::to_owned);
    if let Some(dynamic) = state.dynamic.clone() {
        let request = DynamicRequest {
            path: path.clone(),
            query: query.clone().unwrap_or_default(),
        };
        if let Ok(Some(response)) = tokio::task::spawn_blocking(move || dynamic(&request)).await {
            return dynamic_response(&state.live, response);
        }
    }
    let site_dir = Arc::clone(&state.site_dir);
    let found = tokio::task::spawn_blocking(move || find(&site_dir, &path)).await;
    match found {
        Ok(Lookup::File {
            bytes,
            content_type,
        }) => {
            let body = if content_type == HTML {
                inject(&bytes, &state.live.snippet())
            } else {
                bytes
            };
            ([(header::CONTENT_TYPE, content_type)], body).into_response()
        }
        Ok(Lookup::Redirect(mut location)) => {
            if let Some(query) = query {
                location = format!("{location}?{query}");
            }
            match HeaderValue::from_str(&location) {
                Ok(value) => {
                    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, value)]).into_response()
                }
                Err(_) => StatusCode::BAD_REQUEST.into_response(),
            }
        }
        Ok(Lookup::NotFound(page)) => {
            let page = page.unwrap_or_else(|| NOT_FOUND_PAGE.as_bytes().to_vec());
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, HTML)],
                inject(&page, &state.live.snippet()),
            )
                .into_response()
        }
        Ok(Lookup::BadRequest) => (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Bad request path.\n",
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Resolves and reads, on a blocking thread.
fn find(site_dir: &Path, raw_path: &str) -> Lookup {
    match resolve(site_dir, raw_path) {
        Resolved::File(path) => match std::fs::read(&path) {
            Ok(bytes) => Lookup::File {
                bytes,
                content_type: content_type(&path),
            },
            // Deleted between the look-up and the read (a rebuild is writing).
            Err(_) => Lookup::NotFound(custom_404(site_dir)),
        },
        Resolved::Redirect(location) => Lookup::Redirect(location),
        Resolved::NotFound => Lookup::NotFound(custom_404(site_dir)),
        Resolved::BadRequest => Lookup::BadRequest,
    }
}

/// The site's own `404.html`, through the same resolver so that it too cannot lead out.
fn custom_404(site_dir: &Path) -> Option<Vec<u8>> {
    match resolve(site_dir, "/404.html") {
        Resolved::File(path) => std::fs::read(path).ok(),
        _ => None,
    }
}

fn dynamic_response(live: &LiveState, response: DynamicResponse) -> Response {
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let Ok(content_type) = HeaderValue::from_str(&response.content_type) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let body = if response.content_type.starts_with("text/html") {
        inject(&response.body, &live.snippet())
    } else {
        response.body
    };
    (
        status,
        [(header::CONTENT_TYPE, content_type)],
        Body::from(body),
    )
        .into_response()
}

/// The content type for a file name's extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Inserts `snippet` before the last `</body>` (any case), or appends it when there is none.
/// Done per response: nothing is written to disk.
pub(crate) fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Shown when the site has no `404.html` of its own.
const NOT_FOUND_PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Page not found</title>\n\
</head>\n<body>\n<main>\n<h1>Page not found</h1>\n\
<p>There is no page at this address. It may have moved, or the address may have a typing mistake.</p>\n\
<p><a href=\"/\">Go to the home page</a></p>\n</main>\n</body>\n</html>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_goes_before_the_last_closing_body_tag_in_any_case() {
        assert_eq!(
            inject(b"<body>x</body></html>", "S"),
            b"<body>xS</body></html>"
        );
        assert_eq!(inject(b"<BODY>x</BODY>", "S"), b"<BODY>xS</BODY>");
        assert_eq!(
            inject(b"<p>\"</body>\"</p></body>", "S"),
            b"<p>\"</body>\"</p>S</body>"
        );
        assert_eq!(inject(b"<p>fragment</p>", "S"), b"<p>fragment</p>S");
    }

    #[test]
    fn content_types_follow_the_extension() {
        let cases = [
            ("a.html", HTML),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("search.json", "application/json"),
            ("f.woff2", "font/woff2"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("sitemap.xml", "application/xml"),
            ("favicon.ico", "image/x-icon"),
            ("LICENSE", "application/octet-stream"),
        ];
        for (name, expected) in cases {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn the_built_in_404_page_links_home_and_names_its_language() {
        assert!(NOT_FOUND_PAGE.contains("<html lang=\"en\">"));
        assert!(NOT_FOUND_PAGE.contains("<a href=\"/\">"));
        assert!(NOT_FOUND_PAGE.contains("<title>Page not found</title>"));
    }
}
