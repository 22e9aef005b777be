//! `bookshelf new DIR`: start a new bookshelf from a small template that builds, checks
//! clean and serves at once.

use std::path::PathBuf;

use crate::shell::Shell;
use crate::Outcome;

/// The template's files, compiled into the binary.
const FILES: &[(&str, &str)] = &[
    ("book.toml", include_str!("new_template/book.toml")),
    (
        "content/index.md",
        include_str!("new_template/content/index.md"),
    ),
    (
        "content/index.easy.md",
        include_str!("new_template/content/index.easy.md"),
    ),
    (
        "content/guides/meetings.md",
        include_str!("new_template/content/guides/meetings.md"),
    ),
    (
        "content/guides/meetings.easy.md",
        include_str!("new_template/content/guides/meetings.easy.md"),
    ),
    (
        "content/checklists/before-a-meeting.yaml",
        include_str!("new_template/content/checklists/before-a-meeting.yaml"),
    ),
    (
        "content/glossary.yaml",
        include_str!("new_template/content/glossary.yaml"),
    ),
    (
        "content/symbols.yaml",
        include_str!("new_template/content/symbols.yaml"),
    ),
];

/// Ready workflows that check, build and publish the new bookshelf on the hosts councils
/// use, and what keeps the built site out of git. `{{BOOKSHELF_GIT}}` becomes where the
/// workflow installs bookshelf from.
const PUBLISH: &[(&str, &str)] = &[
    (
        ".github/workflows/publish.yml",
        include_str!("new_template/publish/github-pages.yml"),
    ),
    (
        ".gitlab-ci.yml",
        include_str!("new_template/publish/gitlab-pages.yml"),
    ),
    (".gitignore", include_str!("new_template/publish/gitignore")),
];

/// The repository this bookshelf was built from, if its package names one.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Arguments of `bookshelf new`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The folder to create (it must not exist, or be empty).
    dir: PathBuf,
    /// The git repository the publishing workflows install bookshelf from (default: the
    /// repository this bookshelf was built from, when its package names one).
    #[arg(long, value_name = "URL")]
    bookshelf_git: Option<String>,
}

pub(crate) fn run(args: Args, shell: &Shell) -> anyhow::Result<Outcome> {
    let dir = args.dir;
    if dir.exists()
        && std::fs::read_dir(&dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(super::UsageError(format!(
            "`{}` already exists and is not empty; choose a new folder",
            dir.display()
        ))
        .into());
    }
    let git = match args.bookshelf_git {
        Some(url) => url,
        None => REPOSITORY.to_string(),
    };
    let publish = PUBLISH
        .iter()
        .map(|(rel, text)| (*rel, text.replace("{{BOOKSHELF_GIT}}", &git)));
    let files = FILES.iter().map(|(rel, text)| (*rel, text.to_string()));
    for (rel, text) in files.chain(publish) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!("could not create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| anyhow::anyhow!("could not write `{}`: {e}", path.display()))?;
    }
    shell.status(
        "Created",
        &format!("a new bookshelf in `{}`", dir.display()),
    );
    shell.out(&format!(
        "Next:\n  cd {}\n  bookshelf serve --open    # see it at http://127.0.0.1:3000 while you edit\n  bookshelf check           # plain-language checks\n  bookshelf build           # the static site, in site/\n",
        dir.display()
    ));
    if git.is_empty() {
        shell.out("To publish with GitHub or GitLab Pages, set `BOOKSHELF_GIT` in `.github/workflows/publish.yml` or `.gitlab-ci.yml` to the git address of the bookshelf program (or run `bookshelf new` with `--bookshelf-git URL`).\n");
    }
    Ok(Outcome::Ok)
}
