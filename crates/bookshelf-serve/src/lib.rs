//! `bookshelf serve`'s engine: serves a built site over HTTP, watches its sources, calls a
//! rebuild function it is handed, and reloads open pages.
//!
//! It knows nothing about how a site is built (it depends on no other bookshelf crate): the
//! caller builds once, then passes the outcome and a [`Rebuild`] closure.
//!
//! # Pipeline
//!
//! 1. **Bind** `host:port` (a port in use is [`ServeError::PortInUse`]); warn when the host is
//!    not a loopback address.
//! 2. **Serve** (`http`): requests for a host name the server was not started for are refused
//!    (`host`, against DNS rebinding); then `/__bookshelf/events` (Server-Sent Events), `/__bookshelf/reload.js`
//!    and `/__bookshelf/overlay.css`; then the optional [`Dynamic`] routes (search); then files
//!    from the site folder through a resolver (`resolve`) that refuses every way out of it.
//!    HTML responses get the reload script, and while the last build failed the error overlay,
//!    injected before `</body>` at response time; nothing is written to disk.
//! 3. **Watch** (`watch`): notify with a debouncer (or a poll watcher) on the watched paths.
//! 4. **Classify** (`classify`): raw events become one [`Change`] per path; editor temporary
//!    files, the ignored output folder and access events are dropped; atomic saves become one
//!    `Modified`; a set of known paths (`known`) tells a replaced file from a new one and
//!    expands a created or removed folder into its files.
//! 5. **Rebuild** on a dedicated thread; changes that arrive meanwhile are batched into the next
//!    rebuild. Success broadcasts `reload` with the changed URLs; failure logs the text, keeps the
//!    last good site and broadcasts `error` with the overlay; the next success broadcasts `ok`.
//! 6. **Stop** on Ctrl-C ([`serve`]) or [`ServerHandle::shutdown`].
//!
//! ```no_run
//! use bookshelf_serve::{serve, RebuildReport, ServeConfig};
//!
//! let config = ServeConfig { site_dir: "site".into(), watch: vec!["content".into()], ..ServeConfig::default() };
//! let rebuild = Box::new(|changes: &[bookshelf_serve::Change]| {
//!     // Rebuild `site/` from `changes` here.
//!     Ok(RebuildReport { changed_urls: Vec::new() })
//! });
//! serve(config, Ok(()), rebuild, None).unwrap();
//! ```

#![warn(missing_docs)]

mod api;
mod classify;
mod error;
mod handle;
mod host;
mod http;
mod known;
mod live;
mod resolve;
mod watch;

pub use api::{
    BuildFailure, Change, ChangeKind, Dynamic, DynamicRequest, DynamicResponse, Rebuild,
    RebuildReport, ServeConfig,
};
pub use error::ServeError;
pub use handle::ServerHandle;

/// Serves until Ctrl-C, then stops cleanly.
///
/// `initial` is the outcome of the build made before calling this: on failure the overlay is
/// shown from the first page load, and the failure text is logged. Builds its own tokio
/// runtime, so it must not be called from inside one.
pub fn serve(
    config: ServeConfig,
    initial: Result<(), BuildFailure>,
    rebuild: Rebuild,
    dynamic: Option<Dynamic>,
) -> Result<(), ServeError> {
    start(config, initial, rebuild, dynamic)?.wait()
}

/// Like [`serve`], but returns once the server listens, with a handle that gives the bound
/// address and stops it. With `port: 0` the system picks a free port.
pub fn start(
    config: ServeConfig,
    initial: Result<(), BuildFailure>,
    rebuild: Rebuild,
    dynamic: Option<Dynamic>,
) -> Result<ServerHandle, ServeError> {
    handle::start(config, initial, rebuild, dynamic)
}
