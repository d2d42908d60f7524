//! The built program, run as a real process, prints its slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_hello");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("async_hello", &out);
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p async_hello"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
