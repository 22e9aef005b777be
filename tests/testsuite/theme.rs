//! A broken theme template (issue 20, fault 14): `build` and `check` name the template file,
//! line and column, and `check` fails on it (it loads the theme and renders every page in
//! memory) instead of passing a theme the next build would trip on.

use crate::helpers::{tree, Fixture};

/// The `template-error` diagnostics of a `check` run's human output, each up to its help.
fn template_errors(stderr: &str) -> String {
    let mut out = String::new();
    let mut on = false;
    for line in stderr.lines() {
        on |= line.starts_with("error[template-error]");
        if on {
            out.push_str(line);
            out.push('\n');
        }
        if on && line.trim_start().starts_with("= help") {
            on = false;
            out.push('\n');
        }
    }
    out
}

/// Lays `text` over the theme's `name` in the small fixture and runs `check`: it must fail.
fn check_with_template(name: &str, text: &str) -> String {
    let f = Fixture::new("small");
    f.write(&format!("themes/default/templates/{name}"), text);
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "a broken theme fails `check`:\n{}", run.stderr);
    let found = template_errors(&run.stderr);
    assert!(!found.is_empty(), "{}", run.stderr);
    found
}

#[test]
fn a_template_that_does_not_parse_fails_check_at_its_line() {
    insta::assert_snapshot!(check_with_template(
        "page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock main %}\n",
    ));
}

#[test]
fn a_template_that_does_not_render_fails_check_at_the_variable() {
    // The glossary page is rendered once per variant: the error is shown once.
    insta::assert_snapshot!(check_with_template(
        "glossary.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title }}</p>\n<p>{{ glossary.nope | upper }}</p>\n{% endblock main %}\n",
    ));
}

#[test]
fn a_theme_that_works_passes_check() {
    let f = Fixture::new("small");
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% endblock main %}",
    );
    let run = f.run(&["check"]);
    assert!(!run.stderr.contains("template-error"), "{}", run.stderr);
}

#[test]
fn a_template_error_in_build_names_the_file_line_and_column() {
    let f = Fixture::new("small");
    assert_eq!(f.build().code, 0);
    let before = tree(&f.out());
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock main %}\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stderr);
    assert_eq!(tree(&f.out()), before, "the last site stays");
}

#[test]
fn a_template_that_extends_a_missing_one_fails_check_naming_it() {
    let found = check_with_template(
        "404.html",
        "{% extends \"nowhere.html\" %}{% block main %}Lost{% endblock main %}",
    );
    assert!(
        found.contains("themes/default/templates/404.html") && found.contains("nowhere.html"),
        "{found}"
    );
}
