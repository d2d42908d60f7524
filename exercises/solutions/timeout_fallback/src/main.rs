//! Two sources of a value, each given 0.5 s: a fast one answers in 0.1 s, a slow one would
//! take 2 s and is given up on. Prints what each gave, and how long it took.
//!
//!     cargo run -p timeout_fallback

use std::time::Duration;

use common::cli::Cli;
use common::tenths::tenths;
use timeout_fallback::value_or_fallback;
use tokio::time::Instant;

/// The command line: no arguments. (Named here, not from Cargo.toml: the solution's package
/// has another name.)
const CLI: Cli = Cli {
    name: "timeout_fallback",
    package: "timeout_fallback",
    about: "A fast and a slow source, each given 0.5 s: a value, or the fallback.",
    usage: "",
    options: &[],
};

const LIMIT: Duration = Duration::from_millis(500);

/// A source that answers `value` after `delay`, as coroutine_run's `nap` sleeps.
async fn answer_after(delay: Duration, value: &'static str) -> &'static str {
    tokio::time::sleep(delay).await;
    value
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    CLI.no_args();
    for (name, delay) in [("fast", 100), ("slow", 2000)] {
        let started = Instant::now();
        let source = answer_after(Duration::from_millis(delay), "fresh value");
        let value = value_or_fallback(source, LIMIT, "fallback value").await;
        println!(
            "{name} source ({delay} ms): {value}, after {}s",
            tenths(started.elapsed())
        );
    }
}
