//! The built program and its Python twin, each run as a real process, print the slide; with
//! `--cancel`, each prints what its own language does when the block is cancelled.

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_with_for");

fn expected(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn assert_prints(file: &str, out: &str) {
    if let Err(diff) = slides::check("async_with_for", &expected(file), out) {
        panic!("the output does not match {file}:\n{diff}");
    }
}

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("async_with_for", &out);
}

#[test]
fn the_python_program_prints_the_slide() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "async_with_for", &[]);
    slides::assert_slide("async_with_for", &out);
}

#[test]
fn cancelled_a_future_is_dropped_and_its_close_never_runs() {
    let out = slides::run(PROGRAM, &["--cancel"]).unwrap();
    assert_prints("cancel-rust.txt", &out);
}

#[test]
fn cancelled_a_coroutine_still_runs_its_aexit() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "async_with_for", &["--cancel"]);
    assert_prints("cancel-python.txt", &out);
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p async_with_for"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
    testkit::assert_one_line_error(PROGRAM, &["--cancel", "x"], common::EXIT_USAGE, "'x'");
}

#[test]
fn the_python_twin_reads_its_command_line_as_the_program_does() {
    testkit::twin::assert_twin_reads_its_command_line_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "async_with_for",
        &[
            &["--cancel=yes"],
            &["--cancel", "extra"],
            &["--", "--cancel"],
            &["-"],
        ],
    );
}
