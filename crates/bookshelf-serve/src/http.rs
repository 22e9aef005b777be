//! The HTTP side: routes, static files through our own resolver, headers, the 404 page and HTML injection.
//!
//! Every request first passes the `Host` check (`host`). File look-ups and the dynamic
//! handler run on tokio's blocking pool, which `handle` keeps small; dynamic requests also
//! wait for one of a few permits, so that searches never hold every blocking thread and
//! static files always get through. Files other than HTML over 256 KiB are streamed, not
//! read whole.
//!
//! Every response carries `X-Content-Type-Options: nosniff`, `Content-Security-Policy:
//! default-src 'self'` and `Cache-Control: no-cache` (a development server: the browser always
//! revalidates, so a rebuilt stylesheet is never served stale).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::api::{Dynamic, DynamicRequest, DynamicResponse};
use crate::host::{self, Hosts};
use crate::live::{self, LiveState, OVERLAY_CSS, RELOAD_JS};
use crate::resolve::{resolve, Resolved};

const HTML: &str = "text/html; charset=utf-8";

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) site_dir: Arc<PathBuf>,
    pub(crate) live: Arc<LiveState>,
    pub(crate) dynamic: Option<Dynamic>,
    /// Permits for dynamic requests running at once (see the module's comment).
    pub(crate) dynamic_slots: Arc<Semaphore>,
}

/// The whole application: the `Host` check, then reload endpoints, dynamic routes and the
/// site's files.
pub(crate) fn router(state: AppState, hosts: Arc<Hosts>) -> Router {
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
        .layer(axum::middleware::from_fn_with_state(hosts, host::check))
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

/// Files up to this size are read in the look-up's one trip to a blocking thread; larger
/// ones are streamed (`ServeFile` takes a trip per open, metadata and chunk, which under load
/// made small assets wait behind pages several times over).
const READ_WHOLE: u64 = 256 * 1024;

/// What a blocking look-up found.
enum Lookup {
    /// An HTML page, read whole because the reload script goes into it.
    Html(Vec<u8>),
    /// A small file, read whole.
    Small {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    /// A larger file, streamed from disk.
    File {
        path: PathBuf,
        content_type: &'static str,
    },
    Redirect(String),
    NotFound(Option<Vec<u8>>),
    BadRequest,
}

/// Any other path: a dynamic route, or a file from the site folder. `HEAD` is answered like
/// `GET` (axum drops the body and keeps `Content-Length`).
async fn site(State(state): State<AppState>, request: Request) -> Response {
    let method = request.method();
    let uri = request.uri();
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
        let Ok(_permit) = state.dynamic_slots.acquire().await else {
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        };
        if let Ok(Some(response)) = tokio::task::spawn_blocking(move || dynamic(&request)).await {
            return dynamic_response(&state.live, response);
        }
    }
    let site_dir = Arc::clone(&state.site_dir);
    let found = tokio::task::spawn_blocking(move || find(&site_dir, &path)).await;
    match found {
        Ok(Lookup::Html(bytes)) => (
            [(header::CONTENT_TYPE, HTML)],
            inject(&bytes, &state.live.snippet()),
        )
            .into_response(),
        Ok(Lookup::Small {
            bytes,
            content_type,
        }) => ([(header::CONTENT_TYPE, content_type)], bytes).into_response(),
        Ok(Lookup::File { path, content_type }) => {
            let Ok(mut response) = ServeFile::new(path).oneshot(request).await;
            // Our own table of types, not mime_guess's (it is tested, and names charsets).
            if response.status().is_success() {
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            }
            response.map(Body::new)
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
        Resolved::File(path) if content_type(&path) == HTML => match std::fs::read(&path) {
            Ok(bytes) => Lookup::Html(bytes),
            // Deleted between the look-up and the read (a rebuild is writing).
            Err(_) => Lookup::NotFound(custom_404(site_dir, raw_path)),
        },
        Resolved::File(path) => {
            let content_type = content_type(&path);
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= READ_WHOLE);
            match small.then(|| std::fs::read(&path)) {
                Some(Ok(bytes)) => Lookup::Small {
                    bytes,
                    content_type,
                },
                Some(Err(_)) => Lookup::NotFound(custom_404(site_dir, raw_path)),
                None => Lookup::File { path, content_type },
            }
        }
        Resolved::Redirect(location) => Lookup::Redirect(location),
        Resolved::NotFound => Lookup::NotFound(custom_404(site_dir, raw_path)),
        Resolved::BadRequest => Lookup::BadRequest,
    }
}

/// The site's own `404.html`, through the same resolver so that it too cannot lead out: the
/// one in the request's first folder when it has one (`/pl/404.html` for `/pl/x`, a
/// language's own, in its words), else the site's.
fn custom_404(site_dir: &Path, raw_path: &str) -> Option<Vec<u8>> {
    let first = raw_path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    let folder = (!first.is_empty()
        && raw_path.trim_start_matches('/').len() > first.len()
        && first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    .then(|| format!("/{first}/404.html"));
    let read = |page: &str| match resolve(site_dir, page) {
        Resolved::File(path) => std::fs::read(path).ok(),
        _ => None,
    };
    folder
        .as_deref()
        .and_then(read)
        .or_else(|| read("/404.html"))
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
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
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
