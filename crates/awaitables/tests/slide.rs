//! The built program and its Python twin, run as real processes, print the slide's lines.

const PROGRAM: &str = env!("CARGO_BIN_EXE_awaitables");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("awaitables", &out);
}

#[test]
fn the_python_twin_prints_the_slide() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "awaitables", &[]);
    slides::assert_slide("awaitables", &out);
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p awaitables"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
