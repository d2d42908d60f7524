//! The built program, run as a real process, prints its slide, up to the order of lines
//! that race.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_compare_conc");

#[test]
fn prints_the_slide_up_to_the_races() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    slides::assert_slide("compare_conc", &out);
}

#[test]
fn processes_then_threads_then_coroutines_on_the_main_thread() {
    let out = slides::run(PROGRAM, &[]).unwrap();
    let units: Vec<&str> = out
        .lines()
        .map(|line| line.split_once(": ").unwrap().0)
        .collect();
    assert_eq!(units.len(), 18, "{out}");
    // Each phase ends (join, gather) before the next begins, and each has its own units.
    let mut processes = units[..6].to_vec();
    processes.sort();
    processes.dedup();
    assert_eq!(processes, ["Process-1 MainThread", "Process-2 MainThread"]);
    let mut threads = units[6..12].to_vec();
    threads.sort();
    threads.dedup();
    assert_eq!(threads, ["MainProcess Thread-1", "MainProcess Thread-2"]);
    assert!(units[12..].iter().all(|&u| u == "MainProcess MainThread"));
}

#[test]
fn a_child_process_runs_the_counter_under_its_name() {
    // What do_processes() starts: the same program, told its name.
    let out = Command::new(PROGRAM)
        .env(common::process::PROCESS_NAME_VAR, "Process-7")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Process-7 MainThread: 0\nProcess-7 MainThread: 1\nProcess-7 MainThread: 2\n"
    );
}

#[test]
fn help_and_bad_arguments() {
    testkit::assert_help(PROGRAM, &["cargo run -p compare_conc"]);
    testkit::assert_one_line_error(PROGRAM, &["extra"], common::EXIT_USAGE, "'extra'");
}

#[test]
fn a_closed_stdout_ends_it_and_its_children_quietly() {
    // The children print first: each stops at its first line, and the parent with them.
    testkit::assert_quiet_when_stdout_closed(PROGRAM, &[], 0);
}

#[test]
fn an_argument_that_is_not_utf8_is_named() {
    testkit::assert_non_utf8_argument_refused(PROGRAM);
}

/// `--marks`: stdout as without it, and on stderr the marks of every unit, the child
/// processes' included (they learn of the option from their parent).
#[test]
fn marks_come_from_every_unit_and_leave_stdout_alone() {
    let out = testkit::bounded::output_within(
        Command::new(PROGRAM).arg("--marks"),
        slides::RUN_BOUND,
        PROGRAM,
    );
    assert!(out.status.success(), "{}", out.status);
    slides::assert_slide("compare_conc", &String::from_utf8(out.stdout).unwrap());
    let stderr = String::from_utf8(out.stderr).unwrap();
    for unit in [
        "Process-1 MainThread",
        "Process-2 MainThread",
        "MainProcess Thread-1",
        "MainProcess Thread-2",
        "MainProcess MainThread coroutine 1",
        "MainProcess MainThread coroutine 2",
    ] {
        let points = stderr
            .lines()
            .filter(|l| l.starts_with("marks: point ") && l.contains(&format!(" {unit} | ")))
            .count();
        assert_eq!(points, 3, "{unit}: one mark per line printed:\n{stderr}");
    }
}
