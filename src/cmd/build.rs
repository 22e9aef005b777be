//! `bookshelf build`: build the static site.

use std::path::PathBuf;

use crate::shell::Shell;
use crate::Outcome;

/// Arguments of `bookshelf build`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The book folder (with `book.toml`).
    #[arg(long)]
    root: Option<PathBuf>,
    /// Where to write the site (default: `site/` in the root).
    #[arg(long)]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: Args, shell: &Shell) -> anyhow::Result<Outcome> {
    crate::memory::small_pages_only();
    let root = crate::root_or_cwd(args.root);
    let out = super::site::out_dir(&root, args.out);
    Ok(match super::site::build(&root, &out, shell)? {
        Some(_) => Outcome::Ok,
        None => Outcome::ContentErrors,
    })
}
