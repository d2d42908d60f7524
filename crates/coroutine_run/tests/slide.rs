//! The built program and the lesson's Python program, each run as a real process, both print
//! slide.txt; on stderr, each says what its coroutine object or future is, and Python warns of
//! the coroutine never awaited.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_coroutine_run");

#[test]
fn prints_the_slide() {
    // Timed: a busy machine may get another run (see `slides::TIMED_EXAMPLES`).
    slides::assert_slide_runs("coroutine_run", || slides::run(PROGRAM, &[]));
}

#[test]
fn the_python_program_prints_the_slide() {
    slides::assert_slide_runs("coroutine_run", || {
        Ok(testkit::run_python_twin(
            env!("CARGO_MANIFEST_DIR"),
            "coroutine_run",
            &[],
        ))
    });
}

/// The stderr of `program` run with `args`, which must succeed.
fn stderr_of(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{program} failed:\n{stderr}");
    stderr
}

#[test]
fn the_program_says_what_a_future_is_its_type_and_size() {
    let stderr = stderr_of(PROGRAM, &[]);
    let note =
        r#"note: nap("a") is a future, a value of type coroutine_run::ways::nap::{{closure}} and "#;
    assert!(stderr.contains(note), "no {note:?} in:\n{stderr}");
    assert!(
        stderr.contains(" bytes, held in the variable itself"),
        "{stderr}"
    );
    assert!(!stderr.contains("<coroutine object"), "{stderr}");
}

#[test]
fn the_python_program_warns_of_a_coroutine_never_awaited() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/coroutine_run.py");
    let stderr = stderr_of("python3", &[script]);
    for expected in [
        r#"note: nap("a") is <coroutine object nap at 0x"#,
        "bytes on the heap, referred to by the variable",
        "RuntimeWarning: coroutine 'nap' was never awaited",
    ] {
        assert!(stderr.contains(expected), "no {expected:?} in:\n{stderr}");
    }
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p coroutine_run"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}

#[test]
fn the_python_twin_reads_its_command_line_as_the_program_does() {
    testkit::twin::assert_twin_reads_its_command_line_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "coroutine_run",
        &[],
    );
}

#[test]
fn the_python_twin_marks_its_run_as_the_program_does() {
    testkit::twin_marks::assert_twin_marks_as(PROGRAM, env!("CARGO_MANIFEST_DIR"), "coroutine_run");
}
