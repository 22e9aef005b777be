//! Live reload: the last build's state, the Server-Sent Events stream and what is injected into pages.
//!
//! Events on `/__bookshelf/events`:
//! - `reload`: data is the changed URLs, one a line, or `*` for "everything";
//! - `error`: data is the overlay HTML (sent on connect too while the last build failed);
//! - `ok`: the build is fixed (the page removes the overlay and reloads).

use std::convert::Infallible;
use std::sync::{Mutex, PoisonError};

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::api::{BuildFailure, RebuildReport};
use crate::http::AppState;

/// The script and stylesheet served under `/__bookshelf/`.
pub(crate) const RELOAD_JS: &str = include_str!("assets/reload.js");
/// The overlay's styles (external, because the Content-Security-Policy forbids inline styles).
pub(crate) const OVERLAY_CSS: &str = include_str!("assets/overlay.css");

/// Something to tell open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LiveEvent {
    /// These site-relative URLs changed (empty: all).
    Reload(Vec<String>),
    /// The build failed: the overlay HTML to show.
    Error(String),
    /// The build works again.
    Ok,
    /// The server is stopping: end the streams so that shutdown need not wait for them.
    Shutdown,
}

/// The state shared by the rebuild thread and the HTTP handlers.
#[derive(Debug)]
pub(crate) struct LiveState {
    events: broadcast::Sender<LiveEvent>,
    /// The overlay HTML while the last build failed.
    failure: Mutex<Option<String>>,
}

impl LiveState {
    /// Starts with the initial build's outcome.
    pub(crate) fn new(initial: Option<&BuildFailure>) -> Self {
        let (events, _) = broadcast::channel(64);
        Self {
            events,
            failure: Mutex::new(initial.map(overlay_html)),
        }
    }

    /// A rebuild succeeded: pages reload (through `ok` if the previous build had failed).
    pub(crate) fn built(&self, report: &RebuildReport) {
        let was_failing = self.lock().take().is_some();
        let event = if was_failing {
            LiveEvent::Ok
        } else {
            LiveEvent::Reload(
                report
                    .changed_urls
                    .iter()
                    .map(|u| normalise_url(u))
                    .collect(),
            )
        };
        // No subscribers is not an error: no page is open.
        let _ = self.events.send(event);
    }

    /// A rebuild failed: pages show the overlay; the last good site stays on disk.
    pub(crate) fn failed(&self, failure: &BuildFailure) {
        let html = overlay_html(failure);
        *self.lock() = Some(html.clone());
        let _ = self.events.send(LiveEvent::Error(html));
    }

    /// Ends every open event stream.
    pub(crate) fn shutdown(&self) {
        let _ = self.events.send(LiveEvent::Shutdown);
    }

    /// What goes before `</body>` of every HTML response in serve mode.
    pub(crate) fn snippet(&self) -> String {
        let overlay = self.lock().clone().unwrap_or_default();
        format!(
            "<link rel=\"stylesheet\" href=\"/__bookshelf/overlay.css\">{overlay}\
             <script src=\"/__bookshelf/reload.js\" defer></script>"
        )
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.failure.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `/__bookshelf/events`: the Server-Sent Events stream.
pub(crate) async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so that no failure falls between the two.
    let receiver = state.live.events.subscribe();
    let current: Vec<LiveEvent> = state
        .live
        .lock()
        .clone()
        .map(LiveEvent::Error)
        .into_iter()
        .collect();
    let live = BroadcastStream::new(receiver).map_while(|received| match received {
        Ok(LiveEvent::Shutdown) => None,
        Ok(event) => Some(event),
        // This client fell behind: it missed something, so it reloads everything.
        Err(_) => Some(LiveEvent::Reload(Vec::new())),
    });
    let stream = tokio_stream::iter(current)
        .chain(live)
        .map(|event| Ok(to_sse(&event)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_sse(event: &LiveEvent) -> Event {
    match event {
        LiveEvent::Reload(urls) if urls.is_empty() => Event::default().event("reload").data("*"),
        LiveEvent::Reload(urls) => Event::default().event("reload").data(urls.join("\n")),
        LiveEvent::Error(html) => Event::default().event("error").data(html),
        LiveEvent::Ok | LiveEvent::Shutdown => Event::default().event("ok").data("ok"),
    }
}

/// `guides/x/index.html` → `/guides/x/`, the form `reload.js` compares `location.pathname` in.
pub(crate) fn normalise_url(url: &str) -> String {
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let url = url.strip_suffix("index.html").unwrap_or(url);
    if url.starts_with('/') {
        url.to_owned()
    } else {
        format!("/{url}")
    }
}

/// The error overlay around the build's own HTML diagnostics. `reload.js` gives it focus,
/// closes it with Escape or the button, and replaces it when a new `error` arrives.
pub(crate) fn overlay_html(failure: &BuildFailure) -> String {
    format!(
        "<div id=\"bookshelf-overlay\" class=\"bookshelf-overlay\" role=\"alertdialog\" aria-modal=\"true\" \
         aria-labelledby=\"bookshelf-overlay-title\" aria-describedby=\"bookshelf-overlay-help\" tabindex=\"-1\">\
         <div class=\"bookshelf-overlay__box\">\
         <h2 id=\"bookshelf-overlay-title\">The site could not be rebuilt</h2>\
         <p id=\"bookshelf-overlay-help\">You are seeing the last version that worked. \
         Fix the problem below and save the file: this page will reload by itself.</p>\
         <div class=\"bookshelf-overlay__diagnostics\">{}</div>\
         <button type=\"button\" class=\"bookshelf-overlay__close\" data-bookshelf-close>Close this message</button>\
         </div></div>",
        failure.html
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised_to_absolute_folder_paths() {
        assert_eq!(
            normalise_url("guides/meeting/index.html"),
            "/guides/meeting/"
        );
        assert_eq!(normalise_url("/guides/meeting/"), "/guides/meeting/");
        assert_eq!(normalise_url("index.html"), "/");
        assert_eq!(normalise_url("/style.css?v=2"), "/style.css");
    }

    #[test]
    fn a_fix_after_a_failure_sends_ok_and_clears_the_overlay() {
        let live = LiveState::new(None);
        let mut rx = live.events.subscribe();
        let failure = BuildFailure {
            text: "bad".into(),
            html: "<p>bad <code>x</code></p>".into(),
        };
        live.failed(&failure);
        assert!(live.snippet().contains("<p>bad <code>x</code></p>"));
        assert!(live.snippet().contains("role=\"alertdialog\""));
        live.built(&RebuildReport::default());
        live.built(&RebuildReport {
            changed_urls: vec!["a/index.html".into()],
        });
        assert!(matches!(rx.try_recv(), Ok(LiveEvent::Error(html)) if html.contains("bad")));
        assert_eq!(rx.try_recv(), Ok(LiveEvent::Ok));
        assert_eq!(rx.try_recv(), Ok(LiveEvent::Reload(vec!["/a/".into()])));
        assert!(!live.snippet().contains("alertdialog"));
    }

    #[test]
    fn a_failed_initial_build_starts_with_the_overlay() {
        let failure = BuildFailure {
            text: "t".into(),
            html: "<p>initial</p>".into(),
        };
        assert!(LiveState::new(Some(&failure))
            .snippet()
            .contains("<p>initial</p>"));
        assert!(!LiveState::new(None).snippet().contains("alertdialog"));
    }
}
