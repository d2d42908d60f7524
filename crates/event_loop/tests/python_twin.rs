//! The Python twin's loop, checked where its printed output shows nothing: the checks are
//! Python's own (`tests/python/test_event_loop.py`, `unittest`), run here as a real process.

#[test]
fn the_python_twins_loop_passes_its_checks() {
    let checks = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python");
    // Fails with unittest's report (on stderr) when a check fails.
    testkit::run_python_twin(checks, "test_event_loop", &[]);
}
