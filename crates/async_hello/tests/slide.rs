//! The built program, run as a real process, prints its slide.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_hello");

#[test]
fn prints_the_slide() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    common::slides::assert_slide("async_hello", &out);
}

#[test]
fn help_and_bad_arguments() {
    let help = Command::new(PROGRAM).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("cargo run -p async_hello"));

    let bad = Command::new(PROGRAM).arg("extra").output().unwrap();
    assert_eq!(bad.status.code(), Some(common::EXIT_USAGE));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("'extra'"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
