//! The Python twin, `event_loop.py`, run as a real process the way the Rust program is run:
//! `--trace-io` prints trace_io.txt, the trace the Rust program prints (tests/slide.rs); its
//! usage is the Rust program's without `echo-client` and `--svg`, which the twin does not have; and a bad
//! command line gets the Rust program's own one-line error, with the same exit code.

use std::os::unix::ffi::OsStrExt;
use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");
const TWIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/event_loop.py");
/// The part of the Rust program's usage that the twin does not have.
const CLIENT_USAGE: &str = " | echo-client [--timeout SECS] [HOST [PORT]]";
/// The Rust program's picture of a trace, which the twin does not draw either.
const SVG_USAGE: &str = " [--svg FILE]";
/// The trace is run more than once: the order of its wakeups must not depend on how fast the
/// system connected, or on which process ran first.
const TRACE_RUNS: usize = 5;

#[test]
fn the_python_twin_traces_the_same_echo_exchange() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/trace_io.txt");
    let expected = std::fs::read_to_string(path).unwrap();
    for run in 1..=TRACE_RUNS {
        let out =
            testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "event_loop", &["--trace-io"]);
        if let Err(diff) = slides::check("event_loop.py --trace-io", &expected, &out) {
            panic!("run {run}: event_loop.py --trace-io does not match trace_io.txt:\n{diff}");
        }
    }
}

/// What `program --help` prints (bounded: a program that hangs fails the test).
fn help(program: &str, args: &[&str]) -> String {
    let out = testkit::bounded::output_within(
        Command::new(program).args(args).arg("--help"),
        slides::RUN_BOUND,
        program,
    );
    assert!(out.status.success(), "{program} --help: {}", out.status);
    String::from_utf8(out.stdout).unwrap()
}

fn usage_line(help: &str) -> &str {
    help.lines()
        .find(|line| line.starts_with("usage: "))
        .unwrap_or_else(|| panic!("no usage line in:\n{help}"))
}

/// A line of the Rust program's usage or errors, as the twin words it.
fn as_the_twin_says(rust: &str) -> String {
    rust.replacen("event_loop", "event_loop.py", 1)
        .replace("(usage: event_loop ", "(usage: event_loop.py ")
        .replace(CLIENT_USAGE, "")
        .replace(SVG_USAGE, "")
}

#[test]
fn the_python_twins_help_shows_the_rust_usage_without_the_client() {
    let rust = help(PROGRAM, &[]);
    let twin = help("python3", &[TWIN]);
    let rust_usage = usage_line(&rust);
    assert!(rust_usage.contains(CLIENT_USAGE), "{rust_usage}");
    assert_eq!(usage_line(&twin), as_the_twin_says(rust_usage));
    // The options the twin takes are explained in the same words.
    for option in ["--trace ", "--trace-io "] {
        let explained = |help: &str| {
            let found = help
                .lines()
                .find(|line| line.trim_start().starts_with(option));
            found.map(str::to_string)
        };
        assert_eq!(explained(&twin), explained(&rust), "{option}");
    }
    // As the Rust program, --help after the command shows the same help.
    assert_eq!(help("python3", &[TWIN, "echo-server"]), twin);
}

#[test]
fn the_python_twin_refuses_a_bad_command_line_as_the_rust_program_does() {
    let unresolvable = testkit::unresolvable_host();
    for (args, code, named) in [
        (&["extra"][..], common::EXIT_USAGE, "'extra'"),
        (&["--trace", "extra"], common::EXIT_USAGE, "'extra'"),
        (&["--trace-io", "extra"], common::EXIT_USAGE, "'extra'"),
        (&["echo-server", "--trace"], common::EXIT_USAGE, "'--trace'"),
        (&["echo-server", "-x"], common::EXIT_USAGE, "'-x'"),
        (&["echo-server", ""], common::EXIT_USAGE, "''"),
        (
            &["echo-server", "127.0.0.1", "seven"],
            common::EXIT_USAGE,
            "'seven'",
        ),
        (
            &["echo-server", "127.0.0.1", "70000"],
            common::EXIT_USAGE,
            "'70000'",
        ),
        (&["echo-server", "a", "b", "c"], common::EXIT_USAGE, "'c'"),
        (
            &["echo-server", "--", "a", "b", "c"],
            common::EXIT_USAGE,
            "'c'",
        ),
        // A run-time failure, not a bad command line: exit 1, and one line all the same.
        (
            &["echo-server", &unresolvable, "0"],
            common::EXIT_FAILURE,
            &unresolvable,
        ),
    ] {
        let rust = testkit::assert_one_line_error(PROGRAM, args, code, named);
        let twin_args: Vec<&str> = [TWIN].iter().chain(args).copied().collect();
        let twin = testkit::assert_one_line_error("python3", &twin_args, code, named);
        assert_eq!(twin, as_the_twin_says(&rust), "{args:?}");
    }
}

#[test]
fn the_python_twin_refuses_an_argument_that_is_not_utf8() {
    let not_utf8 = std::ffi::OsStr::from_bytes(b"x\xff");
    let run = |program: &str, before: &[&str]| {
        let out = testkit::bounded::output_within(
            Command::new(program).args(before).arg(not_utf8),
            slides::RUN_BOUND,
            program,
        );
        assert_eq!(out.status.code(), Some(common::EXIT_USAGE), "{program}");
        String::from_utf8(out.stderr).unwrap()
    };
    let twin = run("python3", &[TWIN]);
    assert_eq!(twin.lines().count(), 1, "{twin}");
    assert_eq!(twin, as_the_twin_says(&run(PROGRAM, &[])));
}
