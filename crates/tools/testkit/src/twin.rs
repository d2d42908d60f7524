//! A lesson's Python twin reads its command line as the Rust program does: the same `--help`,
//! the same one-line errors, the same exit codes. The twin names itself `NAME.py` where the
//! Rust program says `NAME`, and is run with `python3 crates/NAME/NAME.py`; its help has no
//! exit code 141, since only the Rust program ends quietly on a closed stdout.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Output};

/// The last line of the twin's `--help`.
pub const TWIN_EXIT_CODES: &str =
    "Exit codes: 0 success, 1 failure at run time, 2 bad command line.";

/// Bad command lines that every lesson refuses.
const BAD_FOR_EVERY_LESSON: &[&[&str]] = &[
    &["--no-such-option"],
    &["-x"],
    &["extra"],
    &["--", "extra"],
    &["extra", "--no-such-option"],
];

/// Runs `program` with `args`, bounded.
fn run(program: &str, args: &[&OsStr]) -> Output {
    crate::bounded::output_within(
        Command::new(program).args(args),
        slides::RUN_BOUND,
        &format!("{program} {args:?} (python3 is needed for the lesson's Python twin)"),
    )
}

/// The twin's run: `python3 crates/NAME/NAME.py ARGS`.
fn run_twin(script: &str, args: &[&OsStr]) -> Output {
    let all: Vec<&OsStr> = [OsStr::new(script)]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    run("python3", &all)
}

/// A line of the Rust program's errors, `NAME: MESSAGE (usage: NAME ...)`, as the twin words it.
pub fn error_as_the_twin_says(rust: &str, name: &str) -> String {
    let message = rust
        .strip_prefix(&format!("{name}: "))
        .unwrap_or_else(|| panic!("the error does not start with {name:?}: {rust}"));
    let usage = format!("(usage: {name}");
    let at = message
        .rfind(&usage)
        .unwrap_or_else(|| panic!("no {usage:?} in the error: {rust}"));
    format!(
        "{name}.py: {}(usage: {name}.py{}",
        &message[..at],
        &message[at + usage.len()..]
    )
}

/// The Rust program's `--help` as the twin words it: its usage and its command, and no 141.
pub fn help_as_the_twin_says(rust: &str, name: &str) -> String {
    let usage = format!("usage: {name}");
    let cargo_run = format!("    cargo run -p {name}");
    let lines = rust.lines().map(|line| {
        if let Some(rest) = line.strip_prefix(&usage) {
            format!("usage: {name}.py{rest}")
        } else if let Some(rest) = line.strip_prefix(&cargo_run) {
            let rest = rest.strip_prefix(" --").unwrap_or(rest);
            format!("    python3 crates/{name}/{name}.py{rest}")
        } else if line.starts_with("Exit codes:") {
            TWIN_EXIT_CODES.to_string()
        } else {
            line.to_string()
        }
    });
    lines.map(|line| line + "\n").collect()
}

/// The one line a refused command line prints on stderr, with the checks of a refusal: exit 2,
/// one line, nothing on stdout, no traceback or panic.
fn refusal(program: &str, args: &[&OsStr], out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(common::EXIT_USAGE),
        "{program} {args:?}: {err}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "{program} {args:?}: one line: {err}"
    );
    assert!(
        out.stdout.is_empty(),
        "{program} {args:?}: stdout not empty"
    );
    err
}

/// Checks that the twin of the lesson `name` (`crates/NAME/NAME.py` in `manifest_dir`, the
/// test's `CARGO_MANIFEST_DIR`) reads its command line as `program`, the built lesson, does:
/// - `--help` and `-h`, even after another argument, print the Rust program's help as the twin
///   words it ([`help_as_the_twin_says`]), and exit 0;
/// - each of the bad command lines every lesson refuses, and each of `bad` (the lesson's
///   own), and an argument that is not UTF-8, get exit 2 and the same one-line error.
pub fn assert_twin_reads_its_command_line_as(
    program: &str,
    manifest_dir: &str,
    name: &str,
    bad: &[&[&str]],
) {
    let script = format!("{manifest_dir}/{name}.py");
    let help = |out: Output, what: &str| {
        assert!(out.status.success(), "{what} --help: {}", out.status);
        String::from_utf8(out.stdout).expect("the help is UTF-8")
    };
    let rust_help = help(run(program, &[OsStr::new("--help")]), program);
    let twin_help = help_as_the_twin_says(&rust_help, name);
    for args in [&["--help"][..], &["-h"], &["extra", "--help"]] {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let said = help(run_twin(&script, &args), &script);
        assert_eq!(
            said, twin_help,
            "{script} {args:?}: the help differs from {program}'s"
        );
    }
    let not_utf8: &[&OsStr] = &[OsStr::from_bytes(b"x\xff")];
    let bad = BAD_FOR_EVERY_LESSON.iter().chain(bad).map(|args| {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        args
    });
    for args in bad.chain([not_utf8.to_vec()]) {
        let rust = refusal(program, &args, &run(program, &args));
        let twin = refusal(&script, &args, &run_twin(&script, &args));
        assert_eq!(
            twin,
            error_as_the_twin_says(&rust, name),
            "{script} {args:?} is refused otherwise than by {program}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_twin_names_itself_with_py() {
        assert_eq!(
            error_as_the_twin_says("a_b: unknown option '-x' (usage: a_b [--c])\n", "a_b"),
            "a_b.py: unknown option '-x' (usage: a_b.py [--c])\n"
        );
        let rust = "About.\n\nusage: a_b [--c]\n\nRun it with:\n    cargo run -p a_b -- [--c]\n\n\
                    Exit codes: 0 success, 141 stdout closed.\n";
        assert_eq!(
            help_as_the_twin_says(rust, "a_b"),
            format!(
                "About.\n\nusage: a_b.py [--c]\n\nRun it with:\n    python3 crates/a_b/a_b.py \
                 [--c]\n\n{TWIN_EXIT_CODES}\n"
            )
        );
    }
}
