//! Smaller things editors trip over (issue 26, point 7): `serve` on a taken port fails at
//! once, before building; no colour codes go into a log file or a pipe; the site a build
//! replaced is not left beside the output.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::Fixture;

#[test]
fn serve_on_a_taken_port_fails_at_once_without_building() {
    let f = Fixture::new("small");
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let out = f.out();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args(["serve", "--port", &port.to_string(), "--out"])
        .arg(&out)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("serve kept running with its port taken");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("read");
    assert_eq!(
        status.code(),
        Some(2),
        "a taken port is a usage error: {stderr}"
    );
    assert!(
        stderr.contains(&format!("port {port} is already in use")),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Built"),
        "nothing was built first: {stderr}"
    );
    assert!(!out.exists(), "nothing was written");
    drop(taken);
}

#[test]
fn no_colour_codes_when_stderr_is_not_a_terminal() {
    let f = Fixture::new("small");
    f.overlay("errors/broken-link");
    // Colour is not asked off (no NO_COLOR): stderr is a pipe, as in a log file or CI.
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_bookshelf"))
            .args(args)
            .current_dir(f.root())
            .env_remove("NO_COLOR")
            .env("BOOKSHELF_LOG", "debug")
            .output()
            .expect("run")
    };
    for args in [&["check"][..], &["build", "--out", "../out"][..]] {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("broken-link"), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "no escape codes in `bookshelf {}`:\n{stderr:?}",
            args.join(" ")
        );
    }
    let output = Command::new(env!("CARGO_BIN_EXE_bookshelf"))
        .args(["build", "--out", "../out2"])
        .current_dir(Fixture::new("small").root())
        .env_remove("NO_COLOR")
        .env("BOOKSHELF_LOG", "debug")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("DEBUG"),
        "the log lines are there: {stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "and carry no colour: {stderr:?}"
    );
}

#[test]
fn the_replaced_site_is_not_left_beside_the_output() {
    let f = Fixture::new("small");
    for _ in 0..3 {
        assert_eq!(f.build().code, 0);
    }
    let hidden = || -> Vec<String> {
        std::fs::read_dir(f.dir.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    };
    // A process of its own removes it, at the lowest priority: give it time on a busy machine.
    let start = Instant::now();
    while !hidden().is_empty() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(hidden(), Vec::<String>::new());
}
