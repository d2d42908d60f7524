//! The built program and its Python twin, run as real processes, print the slide's lines.

const PROGRAM: &str = env!("CARGO_BIN_EXE_awaitables");

#[test]
fn prints_the_slide() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    common::slides::assert_slide("awaitables", &out);
}

#[test]
fn the_python_twin_prints_the_slide() {
    let out = common::testing::run_python_twin(env!("CARGO_MANIFEST_DIR"), "awaitables", &[]);
    common::slides::assert_slide("awaitables", &out);
}

#[test]
fn help_and_bad_arguments() {
    common::testing::assert_help(PROGRAM, &["cargo run -p awaitables"]);
    common::testing::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
