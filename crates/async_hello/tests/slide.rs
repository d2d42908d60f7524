//! The built program, run as a real process, prints its slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_hello");

#[test]
fn prints_the_slide() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    common::slides::assert_slide("async_hello", &out);
}

#[test]
fn help_and_bad_arguments() {
    common::testing::assert_help(PROGRAM, &["cargo run -p async_hello"]);
    common::testing::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
