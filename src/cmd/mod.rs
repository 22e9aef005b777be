//! One module per command; each parses its arguments and calls library code.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod new;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod site;

/// The hidden command a build starts to remove the site it replaced (`site::remove_later`).
pub(crate) const REMOVE_REPLACED_SITE: &str = "remove-replaced-site";

/// A mistake in how the command was called (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UsageError(pub(crate) String);
