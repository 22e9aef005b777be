//! bookshelf: the command-line interface. Parses arguments, sets up logging and maps
//! errors to exit codes (0 ok, 1 content errors, 2 usage errors); the work is in the crates.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod memory;
mod shell;

// Rendering allocates many small strings on every thread; mimalloc handles that with far less
// contention than the system allocator (about a tenth of a full build's CPU time went to it).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An accessible static-site generator for co-production bookshelves.
#[derive(Debug, Parser)]
#[command(name = "bookshelf", version, about)]
struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the static site (both variants and the search index).
    Build(cmd::build::Args),
    /// Build, watch and serve the site on 127.0.0.1 with live reload.
    Serve(cmd::serve::Args),
    /// Check the content: errors and plain-language warnings.
    Check(cmd::check::Args),
    /// Search the built site from the terminal.
    Search(cmd::search::Args),
    /// Start a new bookshelf from a small template.
    New(cmd::new::Args),
    /// Remove the site a build replaced (started by `build` itself; see `cmd::site`).
    #[command(name = cmd::REMOVE_REPLACED_SITE, hide = true)]
    RemoveReplacedSite {
        /// The replaced site's folder.
        dir: PathBuf,
    },
}

/// How a command ended.
pub(crate) enum Outcome {
    /// Everything was fine.
    Ok,
    /// The content has errors (exit 1).
    ContentErrors,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    shell::init_logging(cli.quiet);
    let shell = shell::Shell::new(cli.quiet);
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(a, &shell),
        Command::Serve(a) => cmd::serve::run(a, &shell),
        Command::Check(a) => cmd::check::run(a, &shell),
        Command::Search(a) => cmd::search::run(a, &shell),
        Command::New(a) => cmd::new::run(a, &shell),
        Command::RemoveReplacedSite { dir } => {
            cmd::serve::lower_priority();
            bookshelf_render::output::remove_replaced(&dir)
                .map(|()| Outcome::Ok)
                .map_err(Into::into)
        }
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::ContentErrors) => ExitCode::from(1),
        Err(e) => {
            if let Some(bookshelf_render::RenderError::TemplateAt(t)) = e.downcast_ref() {
                // A broken theme template: its line with a caret, as `check` shows it.
                let mut sources = bookshelf_content::SourceMap::default();
                sources.insert(&t.path, t.text.clone());
                let shown =
                    bookshelf_content::report::human(&t.diagnostic(), &sources, shell.color());
                shell.diagnostics(&format!("{shown}\n\n"));
                shell.error("stopped: a template of the theme has an error");
            } else {
                shell.error(&format!("{e:#}"));
            }
            ExitCode::from(if e.downcast_ref::<cmd::UsageError>().is_some() {
                2
            } else {
                1
            })
        }
    }
}

/// The default book root: `--root`, or the current folder.
pub(crate) fn root_or_cwd(root: Option<PathBuf>) -> PathBuf {
    root.unwrap_or_else(|| PathBuf::from("."))
}
