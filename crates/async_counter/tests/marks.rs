//! `--marks`: the same stdout, and on stderr each coroutine's first reads and writes, which
//! show the five reading the same value when an await splits the read from the write.

use std::process::Command;

const PROGRAM: &str = env!("CARGO_BIN_EXE_async_counter");

/// stdout and the marks' labels (`coroutine 1 | read 0`) of a run with `args`.
fn run(args: &[&str]) -> (String, Vec<String>) {
    let out = testkit::bounded::output_within(
        Command::new(PROGRAM).args(args),
        slides::RUN_BOUND,
        PROGRAM,
    );
    assert!(out.status.success(), "{args:?}: {}", out.status);
    let marks = String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("marks: point "))
        .map(|l| l.split_once(' ').unwrap().1.to_string())
        .collect();
    (String::from_utf8(out.stdout).unwrap(), marks)
}

#[test]
fn with_an_await_between_all_five_read_the_same_value_first() {
    let (out, marks) = run(&["--marks", "--await-between"]);
    assert_eq!(out, "10000\n");
    let first: Vec<&str> = marks.iter().take(5).map(String::as_str).collect();
    let expected: Vec<String> = (1..=5).map(|n| format!("coroutine {n} | read 0")).collect();
    assert_eq!(first, expected, "{marks:#?}");
}

#[test]
fn without_one_each_reads_and_writes_at_once() {
    let (out, marks) = run(&["--marks"]);
    assert_eq!(out, "50000\n");
    // Two rounds of five: 0→1, 1→2, ... 9→10, in the order the coroutines ran.
    let expected: Vec<String> = (0..10)
        .map(|i| format!("coroutine {} | += 1: {i}→{}", i % 5 + 1, i + 1))
        .collect();
    assert_eq!(marks, expected);
}

#[test]
fn without_marks_nothing_is_marked() {
    let (_, marks) = run(&[]);
    assert!(marks.is_empty(), "{marks:?}");
}
