//! `--timeout` bounds each whole request, not each read: against a server that answers one
//! byte every 0.2 s, the program gives up at the timeout.

const PROGRAM: &str = env!("CARGO_BIN_EXE_http_client");

/// How many runs the program makes: main.
const RUNS: usize = 1;

#[test]
fn a_dripping_response_ends_at_the_timeout() {
    testkit::http::a_dripping_response_ends_at_the_timeout(PROGRAM, RUNS);
}
