//! The built program, run as a real process, prints its slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_generator_infinite");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("generator_infinite", &out);
}

#[test]
fn printing_the_generator_shows_its_address() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    let second = out.lines().nth(1).unwrap();
    assert!(
        second.starts_with("<generator object fibonacci at 0x") && second.ends_with('>'),
        "{second}"
    );
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p generator_infinite"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
