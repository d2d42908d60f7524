//! The built program, run as a real process, prints its slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_generator_comp");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("generator_comp", &out);
}

#[test]
fn printing_the_comprehension_shows_its_address() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("<generator object <genexpr> at 0x") && first.ends_with('>'),
        "{first}"
    );
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p generator_comp"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
