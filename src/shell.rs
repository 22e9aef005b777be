//! The one place output goes: messages to stderr (honouring `NO_COLOR`), results to stdout.

use std::io::{IsTerminal, Write};

/// Writes user-facing messages.
pub(crate) struct Shell {
    quiet: bool,
    color: bool,
}

impl Shell {
    pub(crate) fn new(quiet: bool) -> Self {
        Self {
            quiet,
            color: use_color(),
        }
    }

    /// Colour diagnostics?
    pub(crate) fn color(&self) -> bool {
        self.color
    }

    /// A status line (hidden by `--quiet`).
    pub(crate) fn status(&self, verb: &str, message: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{verb:>12} {message}");
        }
    }

    /// An error line.
    pub(crate) fn error(&self, message: &str) {
        let _ = writeln!(std::io::stderr(), "error: {message}");
    }

    /// Diagnostics text, already rendered.
    pub(crate) fn diagnostics(&self, text: &str) {
        let _ = write!(std::io::stderr(), "{text}");
    }

    /// A result on stdout.
    pub(crate) fn out(&self, text: &str) {
        let _ = write!(std::io::stdout(), "{text}");
    }
}

/// Colour on stderr only when it is a terminal and `NO_COLOR` is not set (no colour codes
/// in a log file or a CI log); diagnostics and log lines follow the same rule.
pub(crate) fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Set up `tracing` with the `BOOKSHELF_LOG` filter, to stderr.
pub(crate) fn init_logging(quiet: bool) {
    let default = if quiet {
        "error"
    } else {
        "warn,bookshelf=info"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("BOOKSHELF_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(use_color())
        .without_time()
        .with_target(false)
        .try_init();
}

/// An error and its causes on one line, as `anyhow` prints them with `{:#}`: "could not write
/// `site/index.html`: No space left on device (os error 28)". The libraries' errors give
/// their cause as `source()` rather than in their message, so `{e}` alone would leave it out.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
