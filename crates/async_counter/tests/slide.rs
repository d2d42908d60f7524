//! The built program, run as a real process, prints its slide; with `--await-between`, the
//! total of a counter that loses updates.

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_counter");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("async_counter", &out);
}

#[test]
fn an_await_between_read_and_write_loses_updates() {
    // The slide's program with its pause moved between the read and the write.
    let out = slides::run(PROGRAM, &["--await-between"]).unwrap();
    assert_eq!(out, "10000\n");
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p async_counter", "--await-between"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
