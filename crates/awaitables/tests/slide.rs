//! The built program and its Python twin, run as real processes, print the slide's lines.

const PROGRAM: &str = env!("CARGO_BIN_EXE_awaitables");

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("awaitables", &out);
}

#[test]
fn the_python_twin_prints_the_slide() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "awaitables", &[]);
    slides::assert_slide("awaitables", &out);
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p awaitables"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}

/// What the lesson says of Python's coroutine: it shares a generator's machinery, but is a
/// coroutine, and not a generator.
#[test]
fn a_python_coroutine_is_not_a_generator() {
    const CHECK: &str = "import inspect, awaitables\n\
                         co = awaitables.hello()\n\
                         print(inspect.isgenerator(co), inspect.iscoroutine(co))\n\
                         co.close()\n";
    let out = testkit::bounded::output_within(
        std::process::Command::new("python3")
            .args(["-c", CHECK])
            .env("PYTHONPATH", env!("CARGO_MANIFEST_DIR")),
        slides::RUN_BOUND,
        "python3 -c (inspect awaitables.hello())",
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(said, "False True\n", "isgenerator, iscoroutine of hello()");
}

#[test]
fn the_python_twin_reads_its_command_line_as_the_program_does() {
    testkit::twin::assert_twin_reads_its_command_line_as(
        PROGRAM,
        env!("CARGO_MANIFEST_DIR"),
        "awaitables",
        &[],
    );
}
