//! Checks the examples' tests share: each runs the built program as a real process.

use std::process::Command;

/// Runs `program` with `args` and checks that it failed as a bad input must: exit `code`, one
/// line on stderr that names `named`, no panic, nothing on stdout. Returns the line.
pub fn assert_one_line_error(program: &str, args: &[&str], code: i32, named: &str) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
    assert!(err.contains(named), "{args:?}: {named} not named: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    err
}

/// Checks that `program --help` exits 0 and shows each of `mentions` (such as
/// `cargo run -p NAME`, the command that runs it).
pub fn assert_help(program: &str, mentions: &[&str]) {
    let out = Command::new(program)
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(out.status.success(), "--help failed: {}", out.status);
    let help = String::from_utf8_lossy(&out.stdout);
    for mention in mentions {
        assert!(
            help.contains(mention),
            "--help does not show {mention}:\n{help}"
        );
    }
}

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
    assert_eq!(out.status.code(), Some(crate::EXIT_FAILURE), "{stderr}");
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

/// A host name that fails to resolve without a packet leaving the machine: its first label is
/// 64 characters long, one more than DNS allows, so the resolver rejects it before asking any
/// name server. (A reserved name such as `nosuch.invalid` would still be sent to the
/// configured name server, and tests send nothing beyond 127.0.0.1.)
pub fn unresolvable_host() -> String {
    format!("{}.invalid", "x".repeat(64))
}

/// For the HTTP examples' tests: a refused connection among three servers gives its error
/// line, and the other two pages still print.
pub fn an_unreachable_server_fails_alone(program: &str, runs: usize) {
    let (ok1, _) = crate::testservers::answering(b"HTTP/1.0 200 OK\r\n\r\none".to_vec()).unwrap();
    let refused = crate::testservers::refused().unwrap().to_string();
    let (ok2, _) = crate::testservers::answering(b"HTTP/1.0 200 OK\r\n\r\ntwo".to_vec()).unwrap();
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
    let (ok, _) = crate::testservers::answering(b"HTTP/1.0 200 OK\r\n\r\nok".to_vec()).unwrap();
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
    let silent = crate::testservers::silent().unwrap().to_string();
    let (ok, _) = crate::testservers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
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

/// Runs the Python program written for a lesson, `crates/NAME/NAME.py` beside the calling
/// test's crate (`manifest_dir` is its `CARGO_MANIFEST_DIR`), with `args`, and returns its
/// stdout. Fails the test with a message that says so when python3 is missing, and with the
/// program's stderr when it fails.
pub fn run_python_twin(manifest_dir: &str, name: &str, args: &[&str]) -> String {
    let script = std::path::Path::new(manifest_dir).join(format!("{name}.py"));
    let out = match Command::new("python3")
        .arg(&script)
        .args(args)
        .env("PYTHONUNBUFFERED", "1")
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!(
                "python3 is missing: the lesson {name} checks its Python program {} with it; install python3",
                script.display()
            )
        }
        Err(e) => panic!("cannot run python3 {}: {e}", script.display()),
    };
    assert!(
        out.status.success(),
        "python3 {} failed ({}):\n{}",
        script.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the Python program prints UTF-8")
}
