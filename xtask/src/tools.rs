//! The tools compared: where they are, installing the missing ones, their versions, and the
//! exact commands that build and serve each corpus.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _};

/// A tool in the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tool {
    Bookshelf,
    Mdbook,
    Hugo,
}

impl Tool {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Tool::Bookshelf => "bookshelf",
            Tool::Mdbook => "mdBook",
            Tool::Hugo => "Hugo",
        }
    }
}

/// Paths of the programs.
#[derive(Debug, Clone)]
pub(crate) struct Tools {
    pub(crate) bookshelf: PathBuf,
    pub(crate) mdbook: PathBuf,
    pub(crate) hugo: PathBuf,
    pub(crate) pagefind: PathBuf,
    /// Set when the release binary could not be rebuilt and an earlier one is used.
    pub(crate) stale: Option<String>,
}

fn on_path(name: &str) -> Option<PathBuf> {
    let extra = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin"));
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .chain(extra)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn status(cmd: &mut Command) -> anyhow::Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("could not run {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed ({status})");
    }
    Ok(())
}

/// Finds every tool, installing the missing ones when `install` is true, and builds the
/// release `bookshelf` binary.
pub(crate) fn ensure(workspace: &Path, work: &Path, install: bool) -> anyhow::Result<Tools> {
    eprintln!("building target/release/bookshelf");
    let bookshelf = workspace.join("target/release/bookshelf");
    let mut stale = None;
    let built = status(
        Command::new(env!("CARGO"))
            .args(["build", "--release", "-p", "bookshelf"])
            .current_dir(workspace),
    );
    if let Err(e) = built {
        if !bookshelf.is_file() {
            return Err(e);
        }
        eprintln!(
            "warning: {e:#}; using the earlier `{}`",
            bookshelf.display()
        );
        let age = std::fs::metadata(&bookshelf)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .map_or(String::new(), |d| {
                format!(", built {} min before the run", d.as_secs() / 60)
            });
        stale = Some(format!(
            "the working tree did not build; an earlier release binary was used{age}"
        ));
    }
    let mdbook = match on_path("mdbook") {
        Some(p) => p,
        None if install => {
            eprintln!("installing mdBook: cargo install mdbook --locked");
            status(Command::new(env!("CARGO")).args(["install", "mdbook", "--locked"]))?;
            on_path("mdbook").context("mdbook is not on PATH after `cargo install`")?
        }
        None => bail!("mdbook is not installed (run without --no-install)"),
    };
    let hugo = match on_path("hugo") {
        Some(p) => p,
        None if install => {
            eprintln!("installing Hugo: apt-get install -y hugo");
            status(Command::new("apt-get").arg("update"))?;
            status(Command::new("apt-get").args(["install", "-y", "hugo"]))?;
            on_path("hugo").context("hugo is not on PATH after `apt-get install`")?
        }
        None => bail!("hugo is not installed (run without --no-install)"),
    };
    let pagefind = work.join("node_modules/@pagefind/linux-x64/bin/pagefind_extended");
    if !pagefind.is_file() {
        if !install {
            bail!(
                "Pagefind is not installed in `{}` (run without --no-install)",
                work.display()
            );
        }
        eprintln!("installing Pagefind: npm install pagefind");
        status(
            Command::new("npm")
                .arg("install")
                .arg("--prefix")
                .arg(work)
                .arg("pagefind"),
        )?;
        if !pagefind.is_file() {
            bail!(
                "`npm install pagefind` did not provide `{}`",
                pagefind.display()
            );
        }
    }
    Ok(Tools {
        bookshelf,
        mdbook,
        hugo,
        pagefind,
        stale,
    })
}

fn output_of(cmd: &mut Command) -> String {
    cmd.output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// One line of version text for each tool, and bookshelf's git commit.
pub(crate) fn versions(tools: &Tools, workspace: &Path) -> Vec<(String, String)> {
    let commit = output_of(
        Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .current_dir(workspace),
    );
    let dirty = !output_of(
        Command::new("git")
            .args(["status", "--porcelain", "--", "crates", "src", "themes"])
            .current_dir(workspace),
    )
    .eq("unknown");
    let hugo = output_of(Command::new(&tools.hugo).arg("version"));
    vec![
        (
            "bookshelf".into(),
            format!(
                "git {commit}{}{}",
                if dirty {
                    " (with uncommitted changes in crates/, src/ or themes/)"
                } else {
                    ""
                },
                tools
                    .stale
                    .as_deref()
                    .map_or(String::new(), |s| format!("; {s}"))
            ),
        ),
        (
            "mdBook".into(),
            output_of(Command::new(&tools.mdbook).arg("--version")),
        ),
        (
            "Hugo".into(),
            hugo.split(" BuildDate").next().unwrap_or(&hugo).to_string(),
        ),
        (
            "Pagefind".into(),
            output_of(Command::new(&tools.pagefind).arg("--version")),
        ),
    ]
}

/// The cold full build of a corpus; `out` is where bookshelf writes (the peers write to their
/// default folders, `book/` and `public/`). Returns the command and the folders to delete
/// first so the build starts cold.
pub(crate) fn build(tools: &Tools, tool: Tool, dir: &Path, out: &Path) -> (Command, Vec<PathBuf>) {
    match tool {
        Tool::Bookshelf => {
            let mut cmd = Command::new(&tools.bookshelf);
            cmd.arg("build")
                .arg("--root")
                .arg(dir)
                .arg("--out")
                .arg(out);
            (cmd, vec![out.to_path_buf()])
        }
        Tool::Mdbook => {
            let mut cmd = Command::new(&tools.mdbook);
            cmd.arg("build").arg(dir);
            (cmd, vec![dir.join("book")])
        }
        Tool::Hugo => {
            let mut cmd = Command::new(&tools.hugo);
            cmd.arg("--source").arg(dir);
            (cmd, vec![dir.join("public"), dir.join("resources")])
        }
    }
}

/// The development server of a tool on `port`, and the URL path of the page `id`.
pub(crate) fn serve(
    tools: &Tools,
    tool: Tool,
    dir: &Path,
    port: u16,
    id: &str,
) -> (Command, String) {
    let p = port.to_string();
    match tool {
        Tool::Bookshelf => {
            let mut cmd = Command::new(&tools.bookshelf);
            cmd.arg("serve").arg("--root").arg(dir).args(["--port", &p]);
            (cmd, format!("/{id}/"))
        }
        Tool::Mdbook => {
            let mut cmd = Command::new(&tools.mdbook);
            cmd.arg("serve")
                .arg(dir)
                .args(["--hostname", "127.0.0.1", "--port", &p]);
            (cmd, format!("/{id}.html"))
        }
        Tool::Hugo => {
            let mut cmd = Command::new(&tools.hugo);
            cmd.arg("server")
                .arg("--source")
                .arg(dir)
                .args(["--bind", "127.0.0.1", "--port", &p, "--baseURL"])
                .arg(format!("http://127.0.0.1:{p}/"));
            (cmd, format!("/{id}/"))
        }
    }
}

/// The commands as written in BENCHMARKS.md.
pub(crate) fn command_lines() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "bookshelf build",
            "target/release/bookshelf build --root DIR --out OUT",
        ),
        ("mdBook build", "mdbook build DIR"),
        ("Hugo build", "hugo --source DIR"),
        (
            "Pagefind index",
            "npx pagefind --site OUT   (the binary the npm package ships, run directly)",
        ),
        (
            "bookshelf serve",
            "target/release/bookshelf serve --root DIR --port P",
        ),
        (
            "mdBook serve",
            "mdbook serve DIR --hostname 127.0.0.1 --port P",
        ),
        (
            "Hugo server",
            "hugo server --source DIR --bind 127.0.0.1 --port P --baseURL http://127.0.0.1:P/",
        ),
    ]
}
