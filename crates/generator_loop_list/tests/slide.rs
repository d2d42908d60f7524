//! The built program, run as a real process, prints its slide.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_generator_loop_list");

#[test]
fn prints_the_slide() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    common::slides::assert_slide("generator_loop_list", &out);
}

#[test]
fn the_loop_interleaves_and_the_list_does_not() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    // In the loop, the caller gets each value right after it is generated...
    assert_eq!(lines[0], "Generator generates 0; Caller gets 0");
    // ...while list() has every value generated before the caller gets any.
    let last = lines.last().unwrap();
    assert!(
        last.starts_with(
            "Generator generates 0; Generator generates 1; Generator generates 2; Caller gets"
        ),
        "{last}"
    );
}

#[test]
fn help_and_bad_arguments() {
    let help = Command::new(PROGRAM).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("cargo run -p generator_loop_list"));

    let bad = Command::new(PROGRAM).arg("extra").output().unwrap();
    assert_eq!(bad.status.code(), Some(common::EXIT_USAGE));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("'extra'"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
