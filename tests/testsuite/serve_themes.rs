//! `serve` and a theme made while it runs (issue 20, fault 5): a `themes/` folder created
//! after the start was never watched, so the new theme showed only after a restart.

use crate::helpers::Fixture;
use crate::serve::{get, start, wait_for};

#[test]
fn a_themes_folder_made_while_serving_is_watched() {
    let f = Fixture::new("small");
    assert!(!f.root().join("themes").exists());
    let server = start(&f);
    let (status, css) = get(server.port, "/assets/bookshelf.css").expect("the stylesheet");
    assert_eq!(status, 200);
    assert!(!css.contains("a theme made while serving"));

    f.write(
        "themes/default/assets/bookshelf.css",
        "/* a theme made while serving */\nbody { color: #0b0c0c; }\n",
    );
    wait_for("the new theme's stylesheet", || {
        get(server.port, "/assets/bookshelf.css")
            .is_some_and(|(s, body)| s == 200 && body.contains("a theme made while serving"))
    });
    // Later edits inside the new folder are seen too.
    f.write(
        "themes/default/assets/bookshelf.css",
        "/* edited again */\nbody { color: #0b0c0c; }\n",
    );
    wait_for("the edited stylesheet", || {
        get(server.port, "/assets/bookshelf.css")
            .is_some_and(|(s, body)| s == 200 && body.contains("edited again"))
    });
}
