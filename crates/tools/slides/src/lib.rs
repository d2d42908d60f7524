//! Checking a program's output against its slide.
//!
//! Each example keeps the output printed on its slide in `crates/NAME/slide.txt`. Some values on
//! a slide differ from run to run in Python too: object addresses, thread numbers, timestamps,
//! durations, the sizes of live web pages, random numbers, and the address and port a peer
//! connects from. [`normalize`] replaces exactly those with placeholders, in the slide and in the
//! output alike, and nothing else; [`check`] then compares the two. The tests and
//! `scripts/diff-slides` both use this one implementation.
//!
//! - `normalize.rs`: the placeholders;
//! - `interleave.rs`: the leeway of an example whose slide shows a race (compare_conc);
//! - `bounded.rs`: running a program with a bound on the wait for its end;
//! - [`runner`]: how each example runs for its check (its arguments, the echo pair).

use std::path::PathBuf;
use std::process::Command;

mod bounded;
mod interleave;
mod normalize;
pub mod runner;

pub use bounded::{RUN_BOUND, output_within};
pub use interleave::same_up_to_interleaving;
pub use normalize::normalize;

/// Every example, in the order of the slides.
pub const EXAMPLES: &[&str] = &[
    "async_styles",
    "compare_conc",
    "counter_threads",
    "generator_next",
    "generator_loop_list",
    "generator_infinite",
    "generator_comp",
    "event_loop",
    "coroutine_run",
    "awaitables",
    "async_hello",
    "async_counter",
    "async_blocking",
    "async_executor",
    "async_with_for",
    "http_client",
    "echo_server",
    "echo_client",
];

/// The examples whose slide shows a race: units running at once that print at the same moment.
/// For them [`check`] accepts any interleaving of the units' lines that keeps each unit's own
/// order and each phase in its place (see [`same_up_to_interleaving`]).
pub const RACY_EXAMPLES: &[&str] = &["compare_conc"];

/// The examples whose output depends on how fast the machine runs them, each with a margin:
/// - coroutine_run and async_blocking print elapsed times in tenths of a second, left as they
///   are because the numbers are the lesson (`took 0.2s`, `heartbeat ticks at 0.0 0.5 0.6
///   0.7`). Every sleep in them lasts a whole tenth and the times are rounded down, so only a
///   machine that delays the program by 100 ms or more prints a later tenth;
/// - async_executor and http_client, run against their stand-ins (`--local`), print each
///   `starts` and `ends` line in the order it happens: all starts before the first end, then
///   the ends in the slide's order. The stand-ins' answers come 40 ms apart
///   (`common::http::standin`), so only a thread delayed by 40 ms or more changes the order.
///
/// A busy machine does delay a thread that long now and then. So for these examples
/// [`check_runs`] runs the program again, up to [`TIMED_TRIES`] times in all, and one run that
/// matches is enough; a program that prints a wrong line prints it in every run, and still
/// fails.
pub const TIMED_EXAMPLES: &[&str] = &[
    "coroutine_run",
    "async_blocking",
    "async_executor",
    "http_client",
];

/// How many runs a timed example gets.
pub const TIMED_TRIES: usize = 3;

/// Where an example's slide output is kept: `crates/NAME/slide.txt`.
pub fn slide_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name)
        .join("slide.txt")
}

/// The slide output of example `name`.
pub fn slide(name: &str) -> Result<String, String> {
    let path = slide_path(name);
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Compares `actual`, what example `name` printed, with `expected`, its slide, after
/// normalizing both. On a mismatch, the error is a unified diff (`-` slide, `+` output).
pub fn check(name: &str, expected: &str, actual: &str) -> Result<(), String> {
    let (expected_n, actual_n) = (normalize(expected), normalize(actual));
    if expected_n == actual_n {
        return Ok(());
    }
    if RACY_EXAMPLES.contains(&name) && same_up_to_interleaving(expected, actual) {
        return Ok(());
    }
    Err(similar::TextDiff::from_lines(&expected_n, &actual_n)
        .unified_diff()
        .header(&format!("{name}/slide.txt"), &format!("{name} output"))
        .to_string())
}

/// [`check`] against the slide kept in `crates/NAME/slide.txt`.
pub fn check_slide(name: &str, actual: &str) -> Result<(), String> {
    check(name, &slide(name)?, actual)
}

/// Panics with the diff when `actual` does not match the slide of `name`: for tests.
pub fn assert_slide(name: &str, actual: &str) {
    if let Err(diff) = check_slide(name, actual) {
        panic!("{name}'s output does not match its slide:\n{diff}");
    }
}

/// Checks the output of `one_run` (a run of example `name`) against its slide: once, or for
/// a [timed example](TIMED_EXAMPLES) up to [`TIMED_TRIES`] runs, saying on stderr when it runs
/// again. The error is the last run's diff.
pub fn check_runs(
    name: &str,
    mut one_run: impl FnMut() -> Result<String, String>,
) -> Result<(), String> {
    let tries = if TIMED_EXAMPLES.contains(&name) {
        TIMED_TRIES
    } else {
        1
    };
    let mut result = Err(String::new());
    for run in 1..=tries {
        result = one_run().and_then(|out| check_slide(name, &out));
        if result.is_ok() || run == tries {
            break;
        }
        eprintln!(
            "{name}: a time or an order differs from the slide (a busy machine?): run {} of {tries}",
            run + 1
        );
    }
    result
}

/// [`check_runs`], panicking with the diff: for tests.
pub fn assert_slide_runs(name: &str, one_run: impl FnMut() -> Result<String, String>) {
    if let Err(diff) = check_runs(name, one_run) {
        panic!("{name}'s output does not match its slide:\n{diff}");
    }
}

/// Runs the built example `program` with `args` and returns its stdout; an error if it could
/// not start, failed, or printed something that is not UTF-8.
pub fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = output_within(Command::new(program).args(args), RUN_BOUND)?;
    if !out.status.success() {
        return Err(format!(
            "{program} {} failed ({}):\n{}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{program} printed non-UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mismatch_is_a_unified_diff() {
        let diff = check("x", "a\nb\n", "a\nc\n").unwrap_err();
        assert!(diff.contains("-b\n") && diff.contains("+c\n"), "{diff}");
        assert!(check("x", "a 0x1\n", "a 0xff\n").is_ok());
    }

    #[test]
    fn a_timed_example_gets_more_runs_and_no_other_leeway() {
        let good = slide("coroutine_run").unwrap();
        let late = good.replacen("took 0.1s", "took 0.2s", 1);
        let mut runs = 0;
        let outputs = [late.clone(), good.clone()];
        assert!(
            check_runs("coroutine_run", || {
                runs += 1;
                Ok(outputs[runs - 1].clone())
            })
            .is_ok()
        );
        assert_eq!(runs, 2);
        // Late in every run: fails after TIMED_TRIES runs, with the diff.
        let mut runs = 0;
        let err = check_runs("coroutine_run", || {
            runs += 1;
            Ok(late.clone())
        })
        .unwrap_err();
        assert_eq!(runs, TIMED_TRIES);
        assert!(err.contains("+  took 0.2s"), "{err}");
        // The HTTP examples' lines out of order in one run: another run is enough.
        for name in ["async_executor", "http_client"] {
            let good = slide(name).unwrap();
            let lines: Vec<&str> = good.lines().collect();
            let first_end = lines.iter().position(|l| l.ends_with(" ends")).unwrap();
            let mut swapped = lines.clone();
            swapped.swap(first_end - 1, first_end); // a start after the first end
            let swapped = swapped.join("\n") + "\n";
            assert!(check(name, &good, &swapped).is_err(), "{name}");
            let outputs = [swapped, good];
            let mut runs = 0;
            let checked = check_runs(name, || {
                runs += 1;
                Ok(outputs[runs - 1].clone())
            });
            assert!(checked.is_ok(), "{name}");
            assert_eq!(runs, 2, "{name}");
        }
        // Any other example: one run.
        let mut runs = 0;
        assert!(
            check_runs("generator_next", || {
                runs += 1;
                Ok(String::new())
            })
            .is_err()
        );
        assert_eq!(runs, 1);
    }
}
