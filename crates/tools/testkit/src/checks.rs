//! The checks every lesson's tests share: each runs the built program as a real process.

use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `program` with `args` and checks that it failed as a bad input must: exit `code`, one
/// line on stderr that names `named`, no panic, nothing on stdout. Returns the line.
pub fn assert_one_line_error(program: &str, args: &[&str], code: i32, named: &str) -> String {
    let out = slides::output_within(Command::new(program).args(args), slides::RUN_BOUND)
        .unwrap_or_else(|e| panic!("{e}"));
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
    let out = slides::output_within(Command::new(program).arg("--help"), slides::RUN_BOUND)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "--help failed: {}", out.status);
    let help = String::from_utf8_lossy(&out.stdout);
    for mention in mentions {
        assert!(
            help.contains(mention),
            "--help does not show {mention}:\n{help}"
        );
    }
}

/// A host name that fails to resolve without a packet leaving the machine: its first label is
/// 64 characters long, one more than DNS allows, so the resolver rejects it before asking any
/// name server. (A reserved name such as `nosuch.invalid` would still be sent to the
/// configured name server, and tests send nothing beyond 127.0.0.1.)
pub fn unresolvable_host() -> String {
    format!("{}.invalid", "x".repeat(64))
}

/// Runs `program` with an argument that is not UTF-8 (`x` then the byte 0xFF) and checks that
/// it is refused as any bad argument is: exit 2, one line naming it as far as it prints
/// (`'x\u{FFFD}'`), no panic.
pub fn assert_non_utf8_argument_refused(program: &str) {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(program)
        .arg(std::ffi::OsStr::from_bytes(b"x\xff"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(common::EXIT_USAGE), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("'x\u{FFFD}' is not UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// How long a program whose stdout is closed may take to stop before the test fails.
const CLOSED_STDOUT_BOUND: Duration = Duration::from_secs(60);

/// Runs `program` with `args` and a stdout whose reader is closed before the program starts
/// (as `program | head -1` once `head` has its line), and checks that it stops quietly at its
/// first write: exit 141 ([`common::closed_stdout::EXIT_STDOUT_CLOSED`]), nothing on stderr
/// but what it writes before it prints (`stderr_lines` of them), no panic.
pub fn assert_quiet_when_stdout_closed(program: &str, args: &[&str], stderr_lines: usize) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let child = Command::new(program)
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    let out = match finished.recv_timeout(CLOSED_STDOUT_BOUND) {
        Ok(out) => out.expect("wait"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{program} {args:?} still runs {CLOSED_STDOUT_BOUND:?} after its stdout closed");
        }
    };
    let (status, err) = (out.status, String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        status.code(),
        Some(common::closed_stdout::EXIT_STDOUT_CLOSED),
        "{program} {args:?}: {status}: {err}"
    );
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert_eq!(err.lines().count(), stderr_lines, "{args:?}: {err}");
}
