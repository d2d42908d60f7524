//! Checking a program's output against its slide.
//!
//! Each example keeps the output printed on its slide in `crates/NAME/slide.txt`. Some values on
//! a slide differ from run to run in Python too: object addresses, thread numbers, timestamps,
//! durations, the sizes of live web pages, random numbers, and the address and port a peer
//! connects from. [`normalize`] replaces exactly those with placeholders, in the slide and in the
//! output alike, and nothing else; [`check`] then compares the two. The tests and
//! `scripts/diff-slides` both use this one implementation.

use std::path::PathBuf;
use std::process::Command;
use std::sync::LazyLock;

use regex::Regex;

pub mod runner;

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

/// The examples whose output is elapsed time in tenths of a second, left as it is because the
/// numbers are the lesson (`took 0.2s`, `heartbeat ticks at 0.0 0.5 0.6 0.7`). Every sleep in
/// them lasts a whole tenth and the times are rounded down, so only a machine that delays the
/// program by 100 ms or more prints a later tenth. For them [`check_runs`] runs the program
/// again, up to [`TIMED_TRIES`] times in all, and one run that matches is enough; a program
/// that prints a wrong line prints it in every run, and still fails.
pub const TIMED_EXAMPLES: &[&str] = &["coroutine_run", "async_blocking"];

/// How many runs a timed example gets.
pub const TIMED_TRIES: usize = 3;

/// Each rule: what varies between runs, the pattern that finds it, and its placeholder.
static RULES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // An object's address: `<generator object gen_numbers at 0x7f95881a19e0>`.
        (r"0x[0-9a-f]+", "0x<ADDR>"),
        // A thread's number; Python 3.10+ adds the target: `Thread-1 (counter)`.
        (r"Thread-\d+(?: \(\w+\))?", "Thread-<N>"),
        // `datetime.now()`: `2021-12-10 15:54:41.785748`.
        (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", "<TIMESTAMP>"),
        // The date a web server puts in its response: `Date: Fri, 10 Dec 2021`.
        (
            r"Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4}",
            "Date: <DATE>",
        ),
        // An elapsed time: `main1(): 0.2277s`.
        (r"\(\): \d+\.\d+s", "(): <SECONDS>s"),
        // The size of a live web page: `51504 bytes: b'HTTP/1.0 200 OK...`.
        (r"(?m)^\d+ bytes: ", "<N> bytes: "),
        // `random.randint(1, 100)`.
        (
            r"Hello, \d+ is my lucky number!",
            "Hello, <N> is my lucky number!",
        ),
        // A peer's address and port: `('::1', 45148, 0, 0)` or `('127.0.0.1', 45148)`.
        (r"from \('[^']*', \d+(?:, \d+, \d+)?\)", "from <PEER>"),
        // The port a server listens on, chosen by the system when asked for port 0.
        (
            r"listening on \('([^']*)', \d+\)",
            "listening on ('$1', <PORT>)",
        ),
    ]
    .into_iter()
    .map(|(pattern, placeholder)| {
        (
            Regex::new(pattern).expect("the normalizer's patterns are valid"),
            placeholder,
        )
    })
    .collect()
});

/// Replaces the values that differ between runs with placeholders.
pub fn normalize(text: &str) -> String {
    RULES
        .iter()
        .fold(text.to_string(), |text, (pattern, placeholder)| {
            pattern.replace_all(&text, *placeholder).into_owned()
        })
}

/// Where an example's slide output is kept: `crates/NAME/slide.txt`.
pub fn slide_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
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
            "{name}: a time differs from the slide (a busy machine?): run {} of {tries}",
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
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
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

/// True when `actual` is `expected` with the lines of units that ran at once interleaved
/// differently, and in no other way.
///
/// A line `UNIT: message` belongs to the unit named before `: ` (`Process-1 MainThread`). A
/// phase is a run of lines whose unit names are alike but for their numbers (the two processes,
/// then the two threads, then the coroutines): phases must come in the same order with the same
/// number of lines, since each phase ends (`join`, `gather`) before the next begins. Within a
/// phase, each unit must print the same messages in the same order; only how the units' lines
/// interleave may differ. Units are told apart by their names in each text, and matched by
/// their normalized names and messages, since thread numbers differ between runs.
pub fn same_up_to_interleaving(expected: &str, actual: &str) -> bool {
    let (expected, actual) = (phases(expected), phases(actual));
    expected.len() == actual.len()
        && expected
            .iter()
            .zip(&actual)
            .all(|(e, a)| e.key == a.key && e.units == a.units)
}

#[derive(Debug)]
struct Phase {
    /// The unit names with normalized numbers and every digit blanked: alike for all units.
    key: String,
    /// Each unit's normalized name and its normalized messages in order, sorted.
    units: Vec<(String, Vec<String>)>,
}

fn phases(text: &str) -> Vec<Phase> {
    let mut phases: Vec<Phase> = Vec::new();
    let mut raw_names: Vec<String> = Vec::new();
    for line in text.lines() {
        let (raw_name, message) = line.split_once(": ").unwrap_or((line, ""));
        let name = normalize(raw_name);
        let key: String = name
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        if phases.last().is_none_or(|p| p.key != key) {
            phases.push(Phase {
                key,
                units: Vec::new(),
            });
            raw_names.clear();
        }
        let phase = phases.last_mut().expect("a phase was just pushed");
        let unit = match raw_names.iter().position(|n| n == raw_name) {
            Some(i) => i,
            None => {
                raw_names.push(raw_name.to_string());
                phase.units.push((name, Vec::new()));
                phase.units.len() - 1
            }
        };
        phase.units[unit].1.push(normalize(message));
    }
    for phase in &mut phases {
        phase.units.sort();
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_only_what_varies() {
        assert_eq!(
            normalize("Caller creates <generator object gen_numbers at 0x7f95881a19e0>"),
            "Caller creates <generator object gen_numbers at 0x<ADDR>>"
        );
        assert_eq!(
            normalize("MainProcess Thread-8: 0\nMainProcess Thread-1 (counter): 0"),
            "MainProcess Thread-<N>: 0\nMainProcess Thread-<N>: 0"
        );
        assert_eq!(
            normalize("2021-12-10 15:54:41.785748: www.hkmu.edu.hk starts"),
            "<TIMESTAMP>: www.hkmu.edu.hk starts"
        );
        assert_eq!(
            normalize("51504 bytes: b'HTTP/1.0 200 OK\\r\\nDate: Fri, 10 Dec 2021 ' ..."),
            "<N> bytes: b'HTTP/1.0 200 OK\\r\\nDate: <DATE> ' ..."
        );
        assert_eq!(normalize("main1(): 0.2277s"), "main1(): <SECONDS>s");
        assert_eq!(
            normalize("Sent to server:  Hello, 3 is my lucky number!"),
            "Sent to server:  Hello, <N> is my lucky number!"
        );
        assert_eq!(
            normalize("INFO:root:Client connected from ('::1', 45148, 0, 0)"),
            normalize("INFO:root:Client connected from ('127.0.0.1', 51234)")
        );
        assert_eq!(
            normalize("INFO:root:Server started, listening on ('localhost', 7000)"),
            "INFO:root:Server started, listening on ('localhost', <PORT>)"
        );
        // What is not on the list stays as it is.
        for same in [
            "Caller gets 2",
            "50000",
            "[0, 2, 4]",
            "0 0, 1 1, 2 1, ",
            "hello",
        ] {
            assert_eq!(normalize(same), same);
        }
    }

    #[test]
    fn a_mismatch_is_a_unified_diff() {
        let diff = check("x", "a\nb\n", "a\nc\n").unwrap_err();
        assert!(diff.contains("-b\n") && diff.contains("+c\n"), "{diff}");
        assert!(check("x", "a 0x1\n", "a 0xff\n").is_ok());
    }

    const SLIDE: &str = "P-1 M: 0\nP-2 M: 0\nP-1 M: 1\nP-2 M: 1\n\
                         M Thread-8: 0\nM Thread-9: 0\nM Thread-8: 1\nM Thread-9: 1\n";

    #[test]
    fn racy_lines_may_interleave_within_their_phase() {
        let swapped = "P-2 M: 0\nP-1 M: 0\nP-1 M: 1\nP-2 M: 1\n\
                       M Thread-2: 0\nM Thread-2: 1\nM Thread-1: 0\nM Thread-1: 1\n";
        assert!(same_up_to_interleaving(SLIDE, swapped));
        assert!(check("compare_conc", SLIDE, swapped).is_ok());
        // Other examples get no such leeway.
        assert!(check("generator_next", SLIDE, swapped).is_err());
    }

    #[test]
    fn interleaving_keeps_each_units_order_and_the_phases() {
        // A unit's own lines out of order.
        let reordered = "P-1 M: 1\nP-2 M: 0\nP-1 M: 0\nP-2 M: 1\n\
                         M Thread-8: 0\nM Thread-9: 0\nM Thread-8: 1\nM Thread-9: 1\n";
        assert!(!same_up_to_interleaving(SLIDE, reordered));
        // A thread's line before the processes are done.
        let mixed = "P-1 M: 0\nP-2 M: 0\nP-1 M: 1\nM Thread-8: 0\n\
                     P-2 M: 1\nM Thread-9: 0\nM Thread-8: 1\nM Thread-9: 1\n";
        assert!(!same_up_to_interleaving(SLIDE, mixed));
        // A line lost, or one too many.
        let lost = "P-1 M: 0\nP-2 M: 0\nP-1 M: 1\nP-2 M: 1\n\
                    M Thread-8: 0\nM Thread-9: 0\nM Thread-8: 1\n";
        assert!(!same_up_to_interleaving(SLIDE, lost));
        let extra = format!("{SLIDE}M Thread-9: 2\n");
        assert!(!same_up_to_interleaving(SLIDE, &extra));
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
