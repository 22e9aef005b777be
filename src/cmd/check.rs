//! `bookshelf check`.

use crate::shell::Shell;
use crate::Outcome;

/// Arguments of `bookshelf check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args, _shell: &Shell) -> anyhow::Result<Outcome> {
    Err(super::UsageError("not yet".into()).into())
}
