//! The built program and its Python twin, each run as a real process, print the slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_counter_threads");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("counter_threads", &out);
}

#[test]
fn the_python_program_prints_the_slide() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "counter_threads", &[]);
    slides::assert_slide("counter_threads", &out);
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p counter_threads"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}

#[test]
fn the_python_twin_reads_its_command_line_as_the_program_does() {
    testkit::twin::assert_twin_reads_its_command_line_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "counter_threads",
        &[],
    );
}
