//! The built program and its Python twin, run as real processes, print the slide's lines; with
//! `--trace`, both print the same trace, kept in trace.txt (what event_loop.py prints); with
//! `--trace-io`, the trace of one echo exchange, kept in trace_io.txt.

const PROGRAM: &str = env!("CARGO_BIN_EXE_event_loop");

fn expected_trace() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/trace.txt");
    std::fs::read_to_string(path).unwrap()
}

fn assert_trace(who: &str, out: &str) {
    if let Err(diff) = slides::check("event_loop --trace", &expected_trace(), out) {
        panic!("{who}'s trace does not match trace.txt:\n{diff}");
    }
}

#[test]
fn prints_the_slide() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("event_loop", &out);
}

#[test]
fn the_python_twin_prints_the_slide() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "event_loop", &[]);
    slides::assert_slide("event_loop", &out);
}

#[test]
fn traces_the_polls() {
    let out = slides::run(PROGRAM, &["--trace"]).unwrap();
    assert_trace("event_loop --trace", &out);
}

#[test]
fn the_python_twin_traces_the_same_polls() {
    let out = testkit::run_python_twin(env!("CARGO_MANIFEST_DIR"), "event_loop", &["--trace"]);
    assert_trace("event_loop.py --trace", &out);
}

#[test]
fn traces_an_echo_exchange_woken_by_io() {
    let out = slides::run(PROGRAM, &["--trace-io"]).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/trace_io.txt");
    let expected = std::fs::read_to_string(path).unwrap();
    assert!(
        expected.contains("woken by io"),
        "trace_io.txt shows no I/O wakeup"
    );
    if let Err(diff) = slides::check("event_loop --trace-io", &expected, &out) {
        panic!("event_loop --trace-io does not match trace_io.txt:\n{diff}");
    }
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(
        PROGRAM,
        &[
            "cargo run -p event_loop -- [--trace | --trace-io] [--svg FILE] | echo-server [HOST [PORT]] | \
             echo-client [--timeout SECS] [HOST [PORT]]",
        ],
    );
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
    testkit::assert_one_line_error(
        PROGRAM,
        &["--trace", "extra"],
        common::EXIT_USAGE,
        "'extra'",
    );
    // The server's command line takes none of the lesson's own options.
    testkit::assert_one_line_error(
        PROGRAM,
        &["echo-server", "--trace"],
        common::EXIT_USAGE,
        "'--trace'",
    );
}
