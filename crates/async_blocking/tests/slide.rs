//! The built program and the lesson's Python program, each run as a real process, both print
//! slide.txt.

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_blocking");

#[test]
fn prints_the_slide() {
    // Timed: a busy machine may get another run (see `slides::TIMED_EXAMPLES`).
    slides::assert_slide_runs("async_blocking", || slides::run(PROGRAM, &[]));
}

#[test]
fn the_python_program_prints_the_slide() {
    slides::assert_slide_runs("async_blocking", || {
        Ok(testkit::run_python_twin(
            env!("CARGO_MANIFEST_DIR"),
            "async_blocking",
            &[],
        ))
    });
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p async_blocking"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}

#[test]
fn the_python_twin_reads_its_command_line_as_the_program_does() {
    testkit::twin::assert_twin_reads_its_command_line_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "async_blocking",
        &[],
    );
}

#[test]
fn the_python_twin_marks_its_run_as_the_program_does() {
    testkit::twin_marks::assert_twin_marks_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "async_blocking",
    );
}
