//! The raw HTML policy, piece by piece.

use super::alt::MISSING_ALT;
use super::*;

fn problems(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    check_html(html, 0, &mut out);
    out.into_iter()
        .map(|p| format!("{}: {}", &html[p.range], p.message))
        .collect()
}

#[test]
fn harmless_html_is_allowed() {
    for ok in [
        "<abbr title=\"Special educational needs\">SEN</abbr>",
        "<br>",
        "<details><summary>More</summary>Text</details>",
        "<!-- a note for editors -->",
        "<a href=\"https://www.gov.uk/\">GOV.UK</a>",
        "<img src=\"../pictures/family.png\" alt=\"\">",
        "<kbd>Tab</kbd> <sup>2</sup>",
    ] {
        assert_eq!(problems(ok), Vec::<String>::new(), "{ok}");
    }
}

#[test]
fn scripts_styles_frames_and_other_hosts_are_refused() {
    let cases = [
        ("<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT>"),
        ("<p style=\"color: red\">x</p>", "style=\"color: red\""),
        ("<b onclick=alert(1)>x</b>", "onclick=alert(1)"),
        (
            "<a href=\"java&#9;script:alert(1)\">x</a>",
            "href=\"java&#9;script:alert(1)\"",
        ),
        ("<a href=\" JavaScript:x\">x</a>", "href=\" JavaScript:x\""),
        (
            "<iframe src=\"https://example.org/\"></iframe>",
            "<iframe src=\"https://example.org/\">",
        ),
        (
            "<img src=\"https://tracker.example/p.gif\" alt=\"\">",
            "src=\"https://tracker.example/p.gif\"",
        ),
        (
            "<img alt=\"\" src=//tracker.example/p.gif>",
            "src=//tracker.example/p.gif",
        ),
        ("<b onclick=x€>y</b>", "onclick=x€"),
        (
            "<img alt=\"\" srcset=\"a.png 1x, https://x.example/b.png 2x\">",
            "srcset=\"a.png 1x, https://x.example/b.png 2x\"",
        ),
        (
            "<video poster=\"data:image/png;base64,AA\"></video>",
            "poster=\"data:image/png;base64,AA\"",
        ),
        (
            "<svg><use href=\"https://x.example/s.svg#a\"/></svg>",
            "href=\"https://x.example/s.svg#a\"",
        ),
    ];
    for (html, located) in cases {
        let found = problems(html);
        assert_eq!(found.len(), 1, "{html}: {found:?}");
        assert!(
            found[0].starts_with(&format!("{located}: ")),
            "{html}: {found:?}"
        );
    }
}

/// WCAG 1.1.1 Non-text Content: a raw `<img>` says what it shows, or `alt=""`.
#[test]
fn raw_img_without_alt_or_with_only_its_file_name_is_missing_alt() {
    let codes = |html: &str| {
        let mut out = Vec::new();
        check_html(html, 0, &mut out);
        out.into_iter()
            .map(|p| (p.code, html[p.range].to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes("<img src=\"bus.jpg\">"),
        [(MISSING_ALT, "<img src=\"bus.jpg\">".to_string())]
    );
    assert_eq!(
        codes("<IMG SRC=pictures/bus-stop.png ALT=bus-stop.png>"),
        [(MISSING_ALT, "ALT=bus-stop.png".to_string())]
    );
    assert_eq!(
        codes("<img src=\"a/bus.jpg?v=2\" alt=\"Bus\">"),
        [(MISSING_ALT, "alt=\"Bus\"".to_string())]
    );
    assert_eq!(
        codes("<img src=\"x.png\" alt=\"IMG_0042.JPG\">"),
        [(MISSING_ALT, "alt=\"IMG_0042.JPG\"".to_string())]
    );
    for ok in [
        "<img src=\"bus.jpg\" alt=\"\">",
        "<img src=\"bus.jpg\" alt>",
        "<img src=\"bus.jpg\" alt=\"A bus at the stop\">",
        "<img src=\"bus.jpg\" alt=\"A map of stop.png and more\">",
    ] {
        assert_eq!(codes(ok), [], "{ok}");
    }
}

#[test]
fn markdown_images_from_other_hosts_are_refused() {
    assert!(check_image("https://example.org/a.png").is_some());
    assert!(check_image("javascript:alert(1)").is_some());
    assert!(check_image("../pictures/a.png").is_none());
    assert!(check_link("JavaScript:alert(1)").is_some());
    assert!(check_link("https://www.gov.uk/").is_none());
}
