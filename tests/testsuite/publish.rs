//! Publishing (issue 26, point 6): `bookshelf new` writes ready workflows for GitHub Pages
//! and GitLab Pages. Each is read as YAML, as the host reads it, and its steps after the
//! install are run here as the host would run them (with this build's `bookshelf` on the
//! `PATH`), under the sub-folder the host serves a project from.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::Value;

use crate::helpers::Fixture;

const GIT: &str = "https://git.example.org/bookshelf.git";

fn new_bookshelf(f: &Fixture) -> PathBuf {
    let dir = f.dir.path().join("fresh");
    let run = f.run(&["new", dir.to_str().expect("utf-8"), "--bookshelf-git", GIT]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("workflow written");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is YAML: {e}", path.display()))
}

/// Run shell lines in `dir` as a CI runner does (`bash -e`), with this build's `bookshelf`
/// first on the `PATH`.
fn run_steps(dir: &Path, script: &str, env: &[(&str, &str)]) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_bookshelf"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "the workflow's steps succeed:\n{script}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_github_pages_workflow_builds_the_site_under_the_project_folder() {
    let f = Fixture::new("small");
    let dir = new_bookshelf(&f);
    let wf = read_yaml(&dir.join(".github/workflows/publish.yml"));
    assert_eq!(wf["on"]["push"]["branches"][0], "main");
    assert_eq!(wf["permissions"]["pages"], "write");
    assert_eq!(wf["permissions"]["id-token"], "write");
    assert_eq!(wf["env"]["BOOKSHELF_GIT"], GIT);
    let steps = wf["jobs"]["build"]["steps"].as_sequence().expect("steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
    ] {
        assert!(
            uses.iter().any(|u| u.starts_with(action)),
            "{action} in {uses:?}"
        );
    }
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.contains("upload-pages-artifact"))
        })
        .expect("upload");
    assert_eq!(upload["with"]["path"], "public");
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert!(deploy["steps"][0]["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("actions/deploy-pages@")));
    // The steps after the install, as the runner runs them; `configure-pages` says the
    // project is served from `/council-bookshelf`.
    let mut ran = 0;
    for step in steps {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        if script.contains("cargo install") {
            assert!(
                script.contains("--locked --git \"$BOOKSHELF_GIT\""),
                "{script}"
            );
            continue;
        }
        let mut env = Vec::new();
        if let Some(map) = step["env"].as_mapping() {
            for (k, v) in map {
                let value = v
                    .as_str()
                    .expect("text")
                    .replace("${{ steps.pages.outputs.base_path }}", "/council-bookshelf");
                env.push((k.as_str().expect("name").to_string(), value));
            }
        }
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        run_steps(&dir, script, &env);
        ran += 1;
    }
    assert_eq!(ran, 2, "check and build");
    let not_found = std::fs::read_to_string(dir.join("public/404.html")).expect("404 page");
    assert!(
        not_found.contains("/council-bookshelf/"),
        "the site is built for its folder on the host"
    );
    assert!(dir.join("public/index.html").is_file());
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).expect(".gitignore");
    assert!(ignore.lines().any(|l| l == "public/"), "{ignore}");
}

#[test]
fn the_gitlab_pages_job_builds_the_site_under_the_project_folder() {
    let f = Fixture::new("small");
    let dir = new_bookshelf(&f);
    let ci = read_yaml(&dir.join(".gitlab-ci.yml"));
    assert_eq!(ci["variables"]["BOOKSHELF_GIT"], GIT);
    let job = &ci["pages"];
    assert_eq!(job["artifacts"]["paths"][0], "public");
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .expect("script")
        .iter()
        .map(|l| l.as_str().expect("a line"))
        .collect();
    assert!(script
        .iter()
        .any(|l| l.starts_with("cargo install --locked --git")));
    let lines: Vec<&str> = script
        .iter()
        .copied()
        .filter(|l| !l.starts_with("cargo install"))
        .collect();
    run_steps(
        &dir,
        &lines.join("\n"),
        &[
            ("CI_PAGES_URL", "https://york.gitlab.io/council-bookshelf"),
            ("BOOKSHELF_GIT", GIT),
        ],
    );
    let not_found = std::fs::read_to_string(dir.join("public/404.html")).expect("404 page");
    assert!(
        not_found.contains("/council-bookshelf/"),
        "the site is built for its folder"
    );
}

#[test]
fn without_a_source_the_workflows_say_what_to_set() {
    let f = Fixture::new("small");
    let dir = f.dir.path().join("plain");
    let run = f.run(&["new", dir.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0);
    let wf = read_yaml(&dir.join(".github/workflows/publish.yml"));
    let git = wf["env"]["BOOKSHELF_GIT"].as_str().expect("text");
    if git.is_empty() {
        assert!(run.stdout.contains("set `BOOKSHELF_GIT`"), "{}", run.stdout);
    } else {
        assert_eq!(git, env!("CARGO_PKG_REPOSITORY"));
    }
}
