//! The public data types: configuration, the rebuild and dynamic-route callbacks, and what they exchange.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How to serve and what to watch.
///
/// `ServeConfig::default()` listens on `127.0.0.1:3000`, serves `site/`, watches nothing and
/// debounces file events for 30 ms.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The address to listen on. Anything other than a loopback address logs a warning,
    /// because the site is then reachable from other machines.
    pub host: IpAddr,
    /// The port to listen on; `0` asks the system for a free one (tests use this).
    pub port: u16,
    /// Host names answered besides the listening address and, on loopback, `localhost`
    /// (`--allow-host`). Requests for any other name are refused, against DNS rebinding.
    pub allowed_hosts: Vec<String>,
    /// The built site folder to serve. Rebuilds rewrite it in place.
    pub site_dir: PathBuf,
    /// Files and folders to watch (`book.toml`, `content/`, `themes/`); folders are watched
    /// recursively. A path that does not exist is skipped.
    pub watch: Vec<PathBuf>,
    /// Changes under these paths are never acted on (the output folder).
    pub ignore: Vec<PathBuf>,
    /// `Some(interval)`: poll the file system at this interval instead of relying on native
    /// events (`--poll`), for file systems whose events are unreliable (network shares, some
    /// containers and virtual machines).
    pub poll: Option<Duration>,
    /// How long the file system must be quiet before a batch of changes is acted on.
    pub debounce: Duration,
    /// Open the site in the default browser once the server listens.
    pub open: bool,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 3000,
            allowed_hosts: Vec::new(),
            site_dir: PathBuf::from("site"),
            watch: Vec::new(),
            ignore: Vec::new(),
            poll: None,
            debounce: Duration::from_millis(30),
            open: false,
        }
    }
}

/// What a failed build shows: text for the terminal, HTML (an accessible overlay fragment) for
/// the page.
///
/// The HTML is inserted into the page as it is, inside the overlay's dialog, so it must already
/// be escaped (it comes from the diagnostics' own HTML renderer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFailure {
    /// The diagnostics as plain text, logged to the terminal.
    pub text: String,
    /// The diagnostics as an HTML fragment, shown in the page's error overlay.
    pub html: String,
}

/// What happened to a path, after raw file-system events are classified and merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// The path appeared (a new file or folder, or the target of a rename).
    Created,
    /// The path's contents changed, including an editor's atomic save (write a temporary
    /// file, rename it over the original).
    Modified,
    /// The path disappeared (deleted, or the source of a rename).
    Removed,
}

/// One changed path handed to the rebuild function.
///
/// The path may be a folder (a folder created, removed or renamed); it is absolute when the
/// watched path was given as an absolute path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Change {
    /// The changed file or folder. A created or removed folder is also listed file by file.
    pub path: PathBuf,
    /// What happened to it.
    pub kind: ChangeKind,
}

/// What a successful rebuild reports back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildReport {
    /// Site-relative URLs that were re-rendered (`/guides/meeting/`, `guides/meeting/`,
    /// `/style.css`). Empty means "assume everything changed": every open page reloads.
    pub changed_urls: Vec<String>,
}

/// Called on the rebuild thread with the changed paths (classified, de-duplicated, sorted by
/// path); rebuilds the site in [`ServeConfig::site_dir`].
///
/// On failure it must leave the last good site in place: the server keeps serving it.
pub type Rebuild = Box<dyn FnMut(&[Change]) -> Result<RebuildReport, BuildFailure> + Send>;

/// Answers dynamic routes (search): given the request, maybe a response. `None` falls through
/// to the static files. Called on a blocking thread, so it may take a few milliseconds.
pub type Dynamic = Arc<dyn Fn(&DynamicRequest) -> Option<DynamicResponse> + Send + Sync>;

/// A request offered to the [`Dynamic`] handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicRequest {
    /// The request path as sent, still percent-encoded (`/search/`).
    pub path: String,
    /// The raw query string without the `?` (`q=ehcp&easy=1`), empty when there is none.
    pub query: String,
}

/// A response from the [`Dynamic`] handler. An HTML response (`text/html…`) gets the live
/// reload script injected like a static page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicResponse {
    /// The HTTP status code (200, 400, 404…). An invalid code is answered as 500.
    pub status: u16,
    /// The `Content-Type` header value.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}
