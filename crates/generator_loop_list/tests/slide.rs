//! The built program, run as a real process, prints its slide.

const PROGRAM: &str = env!("CARGO_BIN_EXE_generator_loop_list");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("generator_loop_list", &out);
}

#[test]
fn the_loop_interleaves_and_the_list_does_not() {
    let out = slides::run(PROGRAM, &[]).unwrap();
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
    testkit::assert_help(PROGRAM, &["cargo run -p generator_loop_list"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}
