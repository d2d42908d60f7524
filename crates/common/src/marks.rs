//! `--marks`: when things happen in a run, on stderr, for the book's pictures. A lesson marks
//! a moment (a heartbeat's tick, a line printed) or a stretch of time (a nap, a blocking call)
//! in a lane (who did it); a new section starts each case of the run. stdout is left as it is,
//! so the run's lines still match the slide.
//!
//! ```text
//! marks: section 1733480000123456 one thread; the worker blocks it for 0.5 s:
//! marks: point 1733480000123500 heartbeat | tick
//! marks: span 1733480000123600 1733480000623700 worker | blocks the thread
//! ```
//!
//! Times are microseconds of the wall clock (since 1970), so that the marks of child processes
//! (compare_conc) share the axis of their parent's. Nothing is printed until [`enable`] is
//! called, or in a child started by [`crate::process::start_process`] of a process that did.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::cli::{Cli, Opt};

/// The option that turns the marks on, for every lesson that has them.
pub const MARKS: Opt = Opt::flag(
    "--marks",
    "also print, on stderr, when each step happens (for the book's pictures)",
);

/// The environment variable that turns the marks on in a child process.
pub const MARKS_VAR: &str = "LESSON_MARKS";

static ON: AtomicBool = AtomicBool::new(false);

/// Turns the marks on for this process and the child processes it starts.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// For a lesson whose only option is `--marks`: fails on any other argument, and turns the
/// marks on when asked.
pub fn only_option(cli: &Cli) {
    let args = cli.args();
    let walked = cli.walk(&args);
    if let Some(extra) = walked.positional.first() {
        cli.fail(format!("unexpected argument '{extra}'"));
    }
    if walked.flag(MARKS) {
        enable();
    }
}

/// Whether marks are printed: [`enable`] was called, here or in the parent process.
pub fn enabled() -> bool {
    ON.load(Ordering::Relaxed) || std::env::var_os(MARKS_VAR).is_some()
}

/// A moment: microseconds of the wall clock.
pub fn now() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros())
}

/// A new case of the run, titled as the run prints it: the marks after it belong to it.
pub fn section(title: &str) {
    if enabled() {
        say(format!("section {} {}", now(), one_line(title)));
    }
}

/// Something that happened now in `lane`.
pub fn point(lane: &str, what: &str) {
    if enabled() {
        say(format!(
            "point {} {} | {}",
            now(),
            one_line(lane),
            one_line(what)
        ));
    }
}

/// Something that went on in `lane` from `since` (a [`now`]) until now.
pub fn span(lane: &str, what: &str, since: u128) {
    if enabled() {
        say(format!(
            "span {since} {} {} | {}",
            now(),
            one_line(lane),
            one_line(what)
        ));
    }
}

/// One line on stderr, in one write: the child processes of compare_conc write to the same
/// pipe, and a line written in pieces could be split by another's.
fn say(line: String) {
    use std::io::Write;
    // A mark that cannot be written is left out: it is only for the pictures.
    let _ = std::io::stderr().write_all(format!("marks: {line}\n").as_bytes());
}

/// `text` on one line, with no `|` to split it wrongly.
fn one_line(text: &str) -> String {
    text.replace(['\n', '|'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_and_labels_stay_on_one_line_with_one_bar() {
        assert_eq!(one_line("a|b\nc"), "a b c");
    }
}
