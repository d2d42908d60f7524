//! The built program, run as a real process, prints its slide.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_generator_comp");

#[test]
fn prints_the_slide() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    common::slides::assert_slide("generator_comp", &out);
}

#[test]
fn printing_the_comprehension_shows_its_address() {
    let out = common::slides::run(PROGRAM, &[]).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("<generator object <genexpr> at 0x") && first.ends_with('>'),
        "{first}"
    );
}

#[test]
fn help_and_bad_arguments() {
    let help = Command::new(PROGRAM).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("cargo run -p generator_comp"));

    let bad = Command::new(PROGRAM).arg("extra").output().unwrap();
    assert_eq!(bad.status.code(), Some(common::EXIT_USAGE));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("'extra'"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
