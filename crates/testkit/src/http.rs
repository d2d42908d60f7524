//! The HTTP examples' shared failure tests: one server among several fails, and it fails alone.

use std::process::Command;

use crate::{servers, unresolvable_host};

/// For the HTTP examples: runs `program` with `args`, among which the server `failing` fails,
/// and checks that it failed alone: exit 1; on stderr, one line `NAME: FAILING: ...` for each
/// of the program's `runs` (main1 and main2, or main), with no panic; on stdout, each of
/// `pages` once per run, and the elapsed time of each run. Returns stderr.
pub fn assert_fails_alone(
    program: &str,
    args: &[&str],
    failing: &str,
    runs: usize,
    pages: &[&str],
) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{stderr}");
    let name = std::path::Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert_eq!(stderr.lines().count(), runs, "{stderr}");
    for line in stderr.lines() {
        assert!(
            line.starts_with(&format!("{name}: {failing}: ")),
            "{stderr}"
        );
        assert!(!line.contains("panicked"), "{stderr}");
    }
    for page in pages {
        assert_eq!(stdout.matches(page).count(), runs, "{page}:\n{stdout}");
    }
    assert_eq!(stdout.matches("(): ").count(), runs, "{stdout}");
    stderr
}

/// For the HTTP examples' tests: a refused connection among three servers gives its error
/// line, and the other two pages still print.
pub fn an_unreachable_server_fails_alone(program: &str, runs: usize) {
    let (ok1, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\none".to_vec()).unwrap();
    let refused = servers::refused().unwrap().to_string();
    let (ok2, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\ntwo".to_vec()).unwrap();
    assert_fails_alone(
        program,
        &[&ok1.to_string(), &refused, &ok2.to_string()],
        &refused,
        runs,
        &[
            "22 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\none' ...\n",
            "22 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\ntwo' ...\n",
        ],
    );
}

/// For the HTTP examples' tests: a host that does not resolve (without asking a name server)
/// gives its error line, and the other page still prints.
pub fn a_host_that_does_not_resolve_fails_alone(program: &str, runs: usize) {
    let host = unresolvable_host();
    let (ok, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\nok".to_vec()).unwrap();
    assert_fails_alone(
        program,
        &[&host, &ok.to_string()],
        &host,
        runs,
        &["21 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\nok' ...\n"],
    );
}

/// For the HTTP examples' tests: a server that never answers, with `--timeout 1`, gives the
/// timeout error, and the other page still prints.
pub fn a_server_that_never_answers_times_out(program: &str, runs: usize) {
    let silent = servers::silent().unwrap().to_string();
    let (ok, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
    let stderr = assert_fails_alone(
        program,
        &["--timeout", "1", &silent, &ok.to_string()],
        &silent,
        runs,
        &["19 bytes: "],
    );
    assert!(
        stderr.lines().all(|l| l.ends_with("no answer within 1 s")),
        "{stderr}"
    );
}
