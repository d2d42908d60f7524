//! The built program and the lesson's Python program, each run as a real process, both print
//! slide.txt.

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

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p coroutine_run"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
