//! `bookshelf serve`: build, then watch and rebuild incrementally, serve with live reload, and
//! answer `/search?q=` from the index. The HTTP and watching work is in `bookshelf-serve`; this
//! module hands it the rebuild function and the search route.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use bookshelf_content::report::{render_all, Format};
use bookshelf_content::{Book, Loaded, Loader};
use bookshelf_render::incremental::Incremental;
use bookshelf_render::{Prepared, Renderer, SearchFrame, Variant};
use bookshelf_serve::{
    BuildFailure, Change, DynamicRequest, DynamicResponse, RebuildReport, ServeConfig,
};

use crate::shell::Shell;
use crate::Outcome;

/// Arguments of `bookshelf serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The book folder (with `book.toml`).
    #[arg(long)]
    root: Option<PathBuf>,
    /// Where to build the site (default: `site/` in the root).
    #[arg(long)]
    out: Option<PathBuf>,
    /// The port to listen on.
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// The address to listen on. Anything but 127.0.0.1 lets other computers see the site.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Also answer requests for this host name (repeatable). Only the address listened on,
    /// `localhost` and, with `--host 0.0.0.0`, IP addresses and this computer's name are
    /// answered otherwise, so that other web sites cannot read this one (DNS rebinding).
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_host: Vec<String>,
    /// Open the site in a browser.
    #[arg(long)]
    open: bool,
    /// Check files for changes every N milliseconds instead of using file events
    /// (for network or container file systems where events do not arrive).
    #[arg(long, value_name = "MS", num_args = 0..=1, default_missing_value = "500")]
    poll: Option<u64>,
}

/// What the search route needs, swapped as the site changes.
struct Live {
    book: Option<Arc<Book>>,
    /// What the rebuild of `book` prepared for all its pages, reused by the search page and
    /// the background thread (never made again per request).
    prepared: Option<Arc<Prepared>>,
    renderer: Arc<Renderer>,
    searcher: Option<Arc<bookshelf_search::Searcher>>,
    /// The results page's frame for this book and renderer, made by the first search (or
    /// the background thread) and shared by all; `None` inside if it could not be made.
    frame: Arc<OnceLock<Option<SearchFrame>>>,
}

impl Live {
    fn set_book(&mut self, book: Arc<Book>, prepared: Option<Arc<Prepared>>) {
        self.book = Some(book);
        self.prepared = prepared;
        self.frame = Arc::default();
    }

    fn set_renderer(&mut self, renderer: Arc<Renderer>) {
        self.renderer = renderer;
        // Made with the old theme's templates: the next rebuild prepares anew.
        self.prepared = None;
        self.frame = Arc::default();
    }
}

/// The frame for this state of the book, made once.
fn frame<'a>(
    cell: &'a OnceLock<Option<SearchFrame>>,
    renderer: &Renderer,
    book: &Book,
    prepared: Option<&Prepared>,
) -> Option<&'a SearchFrame> {
    cell.get_or_init(|| {
        match prepared {
            Some(p) => renderer.search_frame_with(book, p),
            None => renderer.search_frame(book),
        }
        .map_err(|e| tracing::warn!("the search page: {e}"))
        .ok()
    })
    .as_ref()
}

fn failure(loaded: &Loaded) -> BuildFailure {
    BuildFailure {
        text: render_all(&loaded.diagnostics, &loaded.sources, Format::Human, false),
        html: bookshelf_render::report_html::diagnostics_html(&loaded.diagnostics, &loaded.sources),
    }
}

fn plain_failure(message: String) -> BuildFailure {
    let html = format!(
        "<h2>The site could not be rebuilt</h2><pre>{}</pre>",
        bookshelf_text::html::escape_text(&message)
    );
    BuildFailure {
        text: message,
        html,
    }
}

/// The slow parts, done after the browser has reloaded: the print pages and the search index.
/// Work for the background thread: the book and the text of every page.
/// and what its rebuild prepared for all its pages.
type Heavy = (
    Arc<Book>,
    Vec<Arc<bookshelf_render::PageText>>,
    Option<Arc<Prepared>>,
);

/// How long the editor must pause before the slow parts are redone, so they never slow
/// down the rebuilds of someone typing and saving.
const QUIET: Duration = Duration::from_millis(1500);

/// Lowers the calling thread's CPU priority to the least (nice 19). On Linux the nice value
/// belongs to the thread, and threads it starts inherit it.
#[cfg(target_os = "linux")]
pub(crate) fn lower_priority() {
    // SAFETY: `setpriority` only reads its arguments; `0` names the calling thread.
    let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 19) };
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn lower_priority() {}

/// The slow parts run at the lowest priority, on threads of their own: a rebuild after the
/// next edit then takes the CPU from them at once, and its rendering does not queue behind
/// theirs in rayon's global pool (the search index build would fill it for seconds).
fn spawn_worker(out: PathBuf, live: Arc<RwLock<Live>>) -> mpsc::Sender<Heavy> {
    let (tx, rx) = mpsc::channel::<Heavy>();
    std::thread::spawn(move || {
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("bookshelf-background-{i}"))
            .start_handler(|_| lower_priority())
            .build();
        let pool = match pool {
            Ok(pool) => pool,
            Err(e) => {
                tracing::warn!("no threads for the search index and print pages: {e}");
                return;
            }
        };
        while let Ok(mut job) = rx.recv() {
            // Wait for a quiet moment, keeping only the newest state.
            loop {
                match rx.recv_timeout(QUIET) {
                    Ok(newer) => job = newer,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            pool.install(|| heavy(job, &out, &live));
        }
    });
    tx
}

/// Writes the print pages and the search index for this state of the book.
fn heavy((book, texts, prepared): Heavy, out: &Path, live: &RwLock<Live>) {
    // What the rebuild prepared, or (before any rebuild succeeded) made once here for both.
    let made;
    let prepared = match (&prepared, live.read().map(|l| l.renderer.clone())) {
        (Some(p), _) => Some(&**p),
        (None, Ok(r)) => {
            made = r.prepare(&book).ok();
            made.as_ref()
        }
        (None, Err(_)) => None,
    };
    let texts: Vec<bookshelf_render::PageText> = texts.iter().map(|t| (**t).clone()).collect();
    let start = Instant::now();
    if let Ok(r) = live.read().map(|l| l.renderer.clone()) {
        let written = match prepared {
            Some(p) => r.write_print_pages_with(&book, p, out),
            None => r.write_print_pages(&book, out),
        };
        if let Err(e) = written {
            tracing::warn!(
                "could not write the print pages: {}",
                crate::shell::chain(&e)
            );
        }
    }
    if book.config.search.enabled {
        let docs = super::site::search_docs(texts);
        let lang = &book.config.book.language;
        match super::site::search_index_with(
            &book,
            lang,
            &docs,
            &super::site::search_terms(&book),
            out,
        )
        .and_then(|_| bookshelf_search::Searcher::open(out))
        {
            Ok(s) => {
                if let Ok(mut l) = live.write() {
                    l.searcher = Some(Arc::new(s));
                }
            }
            Err(e) => tracing::warn!(
                "could not rebuild the search index: {}",
                crate::shell::chain(&e)
            ),
        }
        if let Ok(r) = live.read().map(|l| l.renderer.clone()) {
            let _ = match prepared {
                Some(p) => r.write_search_pages_with(&book, p, out),
                None => r.write_search_pages(&book, out),
            };
        }
        // Ready before the first search, which then costs no render context.
        if let Ok((cell, r, Some(b), p)) = live.read().map(|l| {
            (
                l.frame.clone(),
                l.renderer.clone(),
                l.book.clone(),
                l.prepared.clone(),
            )
        }) {
            frame(&cell, &r, &b, p.as_deref());
        }
    }
    // The offline lists and the service worker's version, now that this language's files
    // are all written (each language's worker does it; the last to finish sees them all).
    if let Err(e) = bookshelf_render::offline::write_for(&book, out) {
        tracing::warn!(
            "could not write the offline lists: {}",
            crate::shell::chain(&e)
        );
    }
    tracing::debug!("search index and print pages in {:.0?}", start.elapsed());
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == name).then(|| decode(v))
    })
}

/// The search state of each language's site, by its folder (`""` for the source language,
/// `pl` for `/pl/`).
type Lives = RwLock<std::collections::BTreeMap<String, Arc<RwLock<Live>>>>;

/// `/search/?q=` and `/LANG/search/?q=` (and `search.json`): the language's own index.
fn search_route(lives: &Lives, req: &DynamicRequest) -> Option<DynamicResponse> {
    let path = req.path.trim_start_matches('/');
    let (live, path) = {
        let lives = lives.read().ok()?;
        match path
            .split_once('/')
            .and_then(|(first, rest)| Some((lives.get(first).filter(|_| !first.is_empty())?, rest)))
        {
            Some((live, rest)) => (live.clone(), rest),
            None => (lives.get("")?.clone(), path),
        }
    };
    let live = &*live;
    let (variant, rest) = match path.strip_prefix("easy-read/") {
        Some(r) => (Variant::Easy, r),
        None => (Variant::Standard, path),
    };
    let json = rest == "search.json";
    if !(json || rest == "search" || rest == "search/") {
        return None;
    }
    let q = param(&req.query, "q").unwrap_or_default();
    if q.trim().is_empty() && !json {
        return None; // the static search page
    }
    // Taken out of the lock, which a rebuild may want while the search runs.
    let (searcher, book, renderer, cell, prepared) = {
        let live = live.read().ok()?;
        let parts = (live.searcher.clone()?, live.book.clone()?);
        (
            parts.0,
            parts.1,
            live.renderer.clone(),
            live.frame.clone(),
            live.prepared.clone(),
        )
    };
    let query = bookshelf_search::Query {
        text: q.clone(),
        limit: param(&req.query, "limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(20)
            .min(100),
        variant: match variant {
            Variant::Easy => bookshelf_search::Variant::Easy,
            Variant::Standard => bookshelf_search::Variant::Standard,
        },
        level: param(&req.query, "level").filter(|s| !s.is_empty()),
        audience: param(&req.query, "audience").filter(|s| !s.is_empty()),
        kind: None,
    };
    let results = match searcher.search(&query) {
        Ok(r) => r,
        Err(e) => {
            return Some(DynamicResponse {
                status: 500,
                content_type: "text/plain; charset=utf-8".into(),
                body: crate::shell::chain(&e).into_bytes(),
            })
        }
    };
    if json {
        let body = serde_json::to_vec_pretty(&results).unwrap_or_default();
        return Some(DynamicResponse {
            status: 200,
            content_type: "application/json".into(),
            body,
        });
    }
    let to_root = if variant == Variant::Easy {
        "../../"
    } else {
        "../"
    };
    let loc = renderer.localized(&book.config.book.language).ok()?;
    let results_html =
        super::search::results_html(&results, &q, to_root, &loc.strings, &book.config);
    let framed = frame(&cell, &renderer, &book, prepared.as_deref())
        .and_then(|f| f.page(variant, &q, &results_html));
    let html = match (framed, &prepared) {
        (Some(html), _) => html,
        (None, Some(p)) => renderer
            .search_page_with(&book, p, variant, &q, &results_html)
            .ok()?,
        (None, None) => renderer
            .search_page(&book, variant, &q, &results_html)
            .ok()?,
    };
    Some(DynamicResponse {
        status: 200,
        content_type: "text/html; charset=utf-8".into(),
        body: html.into_bytes(),
    })
}

fn is_under(path: &Path, dir: &Path) -> bool {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    path.starts_with(&abs) || path.starts_with(dir)
}

/// One language's site, kept up to date under `out` (the source language's) or `out/LANG/`.
struct LangSite {
    site: Incremental,
    live: Arc<RwLock<Live>>,
    /// The background thread for its print pages and search index.
    worker: mpsc::Sender<Heavy>,
}

/// Every language's site, by folder (`""` for the source language).
struct Sites {
    root: PathBuf,
    out: PathBuf,
    sites: std::collections::BTreeMap<String, LangSite>,
    lives: Arc<Lives>,
    /// The slow parts of the last rebuild, sent by [`Sites::start_heavy`] once its pages
    /// are in place (the first build's are in a staging folder until it is swapped in).
    heavy: Vec<(mpsc::Sender<Heavy>, Heavy)>,
}

impl Sites {
    fn new(root: &Path, out: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            sites: std::collections::BTreeMap::new(),
            lives: Arc::default(),
            heavy: Vec::new(),
        }
    }

    /// Hand each language's worker its print pages and search index to redo.
    fn start_heavy(&mut self) {
        for (worker, job) in self.heavy.drain(..) {
            let _ = worker.send(job);
        }
    }

    /// The folders of `book`'s languages, the source's (`""`) first.
    fn folders(book: &Book) -> Vec<String> {
        std::iter::once(String::new())
            .chain(book.config.languages.keys().cloned())
            .collect()
    }

    /// Bring every language's site in `dir` (the output folder, or the first build's
    /// staging folder) up to date with `book`; a language new to `book.toml` starts here, and
    /// one taken out of it is removed. The slow parts go to each language's worker.
    fn rebuild(
        &mut self,
        book: &Book,
        dir: &Path,
    ) -> Result<bookshelf_render::incremental::Rebuilt, bookshelf_render::RenderError> {
        let folders = Self::folders(book);
        let gone: Vec<String> = self
            .sites
            .keys()
            .filter(|f| !folders.contains(f))
            .cloned()
            .collect();
        for folder in gone {
            self.sites.remove(&folder);
            if let Ok(mut lives) = self.lives.write() {
                lives.remove(&folder);
            }
            let _ = std::fs::remove_dir_all(dir.join(&folder));
        }
        let mut all = bookshelf_render::incremental::Rebuilt::default();
        for folder in folders {
            let seen;
            let view = if folder.is_empty() {
                book
            } else {
                seen = book.in_language(&folder);
                &seen
            };
            let lang = match self.sites.entry(folder.clone()) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let live = Arc::new(RwLock::new(Live {
                        book: None,
                        prepared: None,
                        renderer: Arc::new(Renderer::new(&self.root)?),
                        searcher: None,
                        frame: Arc::default(),
                    }));
                    if let Ok(mut lives) = self.lives.write() {
                        lives.insert(folder.clone(), live.clone());
                    }
                    e.insert(LangSite {
                        site: Incremental::new(Renderer::new(&self.root)?),
                        worker: spawn_worker(self.out.join(&folder), live.clone()),
                        live,
                    })
                }
            };
            let rebuilt = lang.site.rebuild(view, &dir.join(&folder), false)?;
            let prefix = if folder.is_empty() {
                String::new()
            } else {
                format!("{folder}/")
            };
            all.changed
                .extend(rebuilt.changed.iter().map(|p| format!("{prefix}{p}")));
            all.rendered += rebuilt.rendered;
            all.texts_changed |= rebuilt.texts_changed;
            let view = Arc::new(view.clone());
            let prepared = lang.site.prepared();
            if let Ok(mut l) = lang.live.write() {
                l.set_book(view.clone(), prepared.clone());
            }
            self.heavy
                .push((lang.worker.clone(), (view, lang.site.texts(), prepared)));
        }
        Ok(all)
    }

    /// The theme changed: every language renders with the new one.
    fn set_theme(&mut self) -> Result<(), bookshelf_render::RenderError> {
        for lang in self.sites.values_mut() {
            lang.site.set_renderer(Renderer::new(&self.root)?);
            let r = Arc::new(Renderer::new(&self.root)?);
            if let Ok(mut l) = lang.live.write() {
                l.set_renderer(r);
            }
        }
        Ok(())
    }
}

pub(crate) fn run(args: Args, shell: &Shell) -> anyhow::Result<Outcome> {
    let root = crate::root_or_cwd(args.root);
    let out = super::site::out_dir(&root, args.out);
    // A port another program holds is told at once, not after the first build.
    port_free(args.host, args.port)?;
    // Held while serving: every rebuild writes into `out`.
    let lock = bookshelf_render::output::OutputLock::acquire(&out)?;
    // Fails early, before anything is built, when the theme is broken.
    Renderer::new(&root)?;
    let mut loader = Loader::new(&root);
    let mut sites = Sites::new(&root, &out);
    let lives = sites.lives.clone();

    // 1. The first build: every page of every language, swapped in whole like `bookshelf
    //    build`. The print pages and the search indexes follow on the background threads, as
    //    after an edit, so the site is served as soon as its pages are written.
    let start = Instant::now();
    let loaded = loader.load();
    let initial = match &loaded.book {
        None => {
            super::site::report(&loaded, shell, Format::Human);
            Err(failure(&loaded))
        }
        Some(book) => {
            let staging = lock.stage()?;
            let held = crate::memory::HoldFreed::new();
            sites.rebuild(book, staging.dir())?;
            drop(held);
            staging.commit()?.remove_in_background();
            sites.start_heavy();
            shell.status(
                "Built",
                &format!("`{}` in {:.2?}", out.display(), start.elapsed()),
            );
            Ok(())
        }
    };

    // 2. Rebuilds: reload what changed, render what depends on it, then the slow parts later.
    let themes = root.join("themes");
    let book_toml = root.join("book.toml");
    let rebuild_out = out.clone();
    let rebuild = Box::new(
        move |changes: &[Change]| -> Result<RebuildReport, BuildFailure> {
            let start = Instant::now();
            if changes.iter().any(|c| is_under(&c.path, &themes)) {
                sites
                    .set_theme()
                    .map_err(|e| plain_failure(crate::shell::chain(&e)))?;
            }
            let loaded = if changes
                .iter()
                .any(|c| c.path == book_toml || c.path.ends_with("book.toml"))
            {
                loader.load()
            } else {
                let paths: Vec<PathBuf> = changes.iter().map(|c| c.path.clone()).collect();
                loader.load_changed(&paths)
            };
            let Some(book) = &loaded.book else {
                return Err(failure(&loaded));
            };
            tracing::debug!("loaded the change in {:.0?}", start.elapsed());
            let rebuilt = sites
                .rebuild(book, &rebuild_out)
                .map_err(|e| plain_failure(crate::shell::chain(&e)))?;
            sites.start_heavy();
            tracing::info!(
                "rebuilt {} page(s), {} changed, in {:.0?}",
                rebuilt.rendered,
                rebuilt.changed.len(),
                start.elapsed()
            );
            Ok(RebuildReport {
                changed_urls: rebuilt.changed.iter().map(|p| format!("/{p}")).collect(),
            })
        },
    );

    // 3. Serve.
    let dynamic: bookshelf_serve::Dynamic =
        Arc::new(move |req: &DynamicRequest| search_route(&lives, req));
    let config = ServeConfig {
        host: args.host,
        port: args.port,
        allowed_hosts: args.allow_host,
        site_dir: out.clone(),
        watch: vec![
            root.join("book.toml"),
            root.join("content"),
            root.join("themes"),
        ],
        ignore: vec![out.clone()],
        poll: args.poll.map(Duration::from_millis),
        open: args.open,
        ..ServeConfig::default()
    };
    // bookshelf-serve prints the address it listens on (once it is bound).
    let served = bookshelf_serve::serve(config, initial, rebuild, Some(dynamic));
    drop(lock);
    match served {
        Ok(()) => Ok(Outcome::Ok),
        Err(bookshelf_serve::ServeError::PortInUse { port }) => Err(port_in_use(port)),
        Err(e) => Err(e.into()),
    }
}

fn port_in_use(port: u16) -> anyhow::Error {
    super::UsageError(format!(
        "port {port} is already in use; stop the other server or choose another port with `--port {}`",
        port.wrapping_add(1)
    ))
    .into()
}

/// Whether `host:port` can be listened on, tried by binding it for a moment (the server binds
/// it again once the site is built; a program that takes it in between is still reported).
fn port_free(host: IpAddr, port: u16) -> anyhow::Result<()> {
    if port == 0 {
        return Ok(());
    }
    match std::net::TcpListener::bind((host, port)) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(port_in_use(port)),
        // Anything else (an address this computer does not have) is reported by the server.
        Err(_) => Ok(()),
    }
}
