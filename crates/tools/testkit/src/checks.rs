//! The checks every lesson's tests share: each runs the built program as a real process.

use std::process::Command;

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
