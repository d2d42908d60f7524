//! The built program and the lesson's Python program, each run as a real process, both print
//! slide.txt.

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_styles");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("async_styles", &out);
}

#[test]
fn the_python_program_prints_the_slide() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "async_styles", &[]);
    slides::assert_slide("async_styles", &out);
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p async_styles"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}

#[test]
fn the_python_twin_reads_its_command_line_as_the_program_does() {
    testkit::twin::assert_twin_reads_its_command_line_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "async_styles",
        &[],
    );
}
