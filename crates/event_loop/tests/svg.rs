//! `--svg FILE`: the traced run drawn as swimlanes, one box per poll line it prints.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");

fn drawn(trace: &str) -> (String, String) {
    let file = std::env::temp_dir().join(format!(
        "event_loop-svg-{}-{}.svg",
        std::process::id(),
        trace.trim_start_matches('-')
    ));
    let out = testkit::bounded::output_within(
        Command::new(PROGRAM).args([trace, "--svg"]).arg(&file),
        slides::RUN_BOUND,
        PROGRAM,
    );
    assert!(out.status.success(), "{trace} --svg: {}", out.status);
    let svg = std::fs::read_to_string(&file).expect("the picture is written");
    std::fs::remove_file(&file).unwrap();
    (String::from_utf8(out.stdout).unwrap(), svg)
}

#[test]
fn the_picture_has_one_box_per_poll_line() {
    for trace in ["--trace", "--trace-io"] {
        let (out, svg) = drawn(trace);
        let polls = out.lines().filter(|l| l.starts_with("poll ")).count();
        assert!(polls > 0, "{out}");
        assert!(svg.contains(&format!("data-polls=\"{polls}\"")), "{svg}");
        let boxes = svg.matches("class=\"poll ready\"").count()
            + svg.matches("class=\"poll pending\"").count();
        assert_eq!(boxes, polls, "{trace}: {svg}");
        assert_eq!(svg.matches("class=\"wake\"").count(), polls, "{trace}");
    }
    let (_, svg) = drawn("--trace-io");
    assert!(svg.contains(">selector<") && svg.contains(">io<"), "{svg}");
}

#[test]
fn a_bad_svg_argument_is_one_line() {
    testkit::assert_one_line_error(PROGRAM, &["--trace", "--svg"], common::EXIT_USAGE, "FILE");
    testkit::assert_one_line_error(PROGRAM, &["--svg", "x.svg"], common::EXIT_USAGE, "--svg");
    testkit::assert_one_line_error(
        PROGRAM,
        &["--trace", "--svg", "/no/such/dir/x.svg"],
        common::EXIT_FAILURE,
        "'/no/such/dir/x.svg'",
    );
}
