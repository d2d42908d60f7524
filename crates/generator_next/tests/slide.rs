//! The built program, run as a real process, prints its slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_generator_next");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("generator_next", &out);
}

#[test]
fn the_caller_creates_before_the_generator_generates() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("Caller creates <generator object gen_numbers at 0x"));
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p generator_next"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
