//! Fairness under a stream, in both loops: `event_loop echo-server` and the Python twin's
//! `python3 event_loop.py echo-server`. A client that streams without end must not stop the
//! server from answering another client's pings, from accepting a new client, or from
//! stopping on SIGINT (the checks are testkit's, `testkit::fair_checks`). Both loops pass
//! them thanks to their budget (`src/budget.rs`, `reactor.py`); without it, every check fails.

mod support;
mod twin_server;

use testkit::fair_checks;

#[test]
fn a_streaming_client_stops_no_other_client() {
    fair_checks::a_streaming_client_stops_no_other_client(support::command);
}

#[test]
fn sigint_stops_it_while_a_client_streams() {
    fair_checks::sigint_stops_it_while_a_client_streams(support::command);
}

#[test]
fn the_twin_a_streaming_client_stops_no_other_client() {
    fair_checks::a_streaming_client_stops_no_other_client(twin_server::command);
}

#[test]
fn the_twin_sigint_stops_it_while_a_client_streams() {
    fair_checks::sigint_stops_it_while_a_client_streams(twin_server::command);
}
