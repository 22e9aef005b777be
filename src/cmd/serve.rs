//! `bookshelf serve`: build, then watch and rebuild incrementally, serve with live reload, and
//! answer `/search?q=` from the index. The HTTP and watching work is in `bookshelf-serve`; this
//! module hands it the rebuild function and the search route.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bookshelf_content::report::{render_all, Format};
use bookshelf_content::{Loaded, Loader};
use bookshelf_render::Renderer;
use bookshelf_serve::{BuildFailure, Change, DynamicRequest, RebuildReport, ServeConfig};

use crate::shell::Shell;
use crate::Outcome;

mod live;
mod sites;
mod worker;

use live::search_route;
use sites::Sites;
pub(crate) use worker::lower_priority;

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

fn is_under(path: &Path, dir: &Path) -> bool {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    path.starts_with(&abs) || path.starts_with(dir)
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
