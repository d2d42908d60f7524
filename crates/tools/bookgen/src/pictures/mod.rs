//! The lessons' pictures, drawn when the book is built from that build's own runs: event_loop's
//! polls as swimlanes (drawn by `event_loop --svg` itself), the marks that `--marks` prints
//! (heartbeat ticks, naps, each unit's lines, reads and writes) on a time axis or in order,
//! generator_next's run as a sequence diagram; and diagrams of how a program is built (the
//! loop's parts, echo_server's tasks, two hand-written state machines). Every picture is SVG,
//! with no script and nothing loaded from anywhere.

use std::path::Path;
use std::process::Command;

use slides::runner;

mod diagrams;
mod lanes;
mod marks;
mod sequence;
mod shapes;

use lanes::{Kind, Style};

/// One picture on a lesson's page.
pub struct Figure {
    /// Relative to book/src, such as "pictures/event_loop-trace.svg".
    pub file: String,
    pub alt: String,
    pub caption: String,
}

/// Draws lesson `name`'s pictures into `dir` (= book/src/pictures), from this build's runs;
/// `output` is the run the lesson's page shows. Lessons without pictures give an empty Vec.
pub fn draw(name: &str, output: &str, dir: &Path) -> Result<Vec<Figure>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let figure = |file: &str, svg: &str, alt: &str, caption: String| {
        std::fs::write(dir.join(file), svg)
            .map_err(|e| format!("cannot write pictures/{file}: {e}"))?;
        Ok::<_, String>(Figure {
            file: format!("pictures/{file}"),
            alt: alt.to_string(),
            caption,
        })
    };
    let on_time_axis = |title: &str, args: &[&str], point_labels: bool| {
        let sections = marks_of(name, args)?;
        Ok::<_, String>(lanes::on_time_axis(
            title,
            &sections,
            &Style { point_labels },
        ))
    };
    Ok(match name {
        "event_loop" => {
            vec![
            swimlanes(dir, "--trace", "two counting tasks taking turns")?,
            swimlanes(dir, "--trace-io", "one echo exchange, woken by the selector")?,
            figure(
                "event_loop-parts.svg",
                &diagrams::event_loop_parts(),
                "A diagram of the loop: run queue, executor, timers, selector and wakers",
                "The loop's parts: a task goes from the run queue to one poll; when it pauses, \
                 it leaves its waker with the timers or the selector; a wake puts it back on the \
                 queue. A diagram of the code, not of a run."
                    .to_string(),
            )?,
        ]
        }
        "async_blocking" => vec![figure(
            "async_blocking-marks.svg",
            &on_time_axis(
                "async_blocking: heartbeat ticks (dots) beside the 0.5 s worker (bar)",
                &["--marks"],
                false,
            )?,
            "Each case of async_blocking on one time axis: the heartbeat's ticks as dots, the worker as a bar",
            format!(
                "Each case on one time axis, from `{}` run when this book was built: a dot per \
                 heartbeat tick, a bar while the worker ran. Where the worker blocks the \
                 heartbeat's thread, the ticks due at 100 to 400 ms are missing.",
                runner::command_line(name, &["--marks"])
            ),
        )?],
        "coroutine_run" => vec![figure(
            "coroutine_run-marks.svg",
            &on_time_axis(
                "coroutine_run: each way of running, its naps and sleeps as bars",
                &["--marks"],
                false,
            )?,
            "Each way of running the naps on one time axis, naps and main's sleep as bars",
            format!(
                "Each way of running, on one time axis, from `{}` run when this book was built: \
                 a bar for each 0.1 s nap or sleep, from its start to its end. In turn, the bars \
                 follow each other (0.2 s); together, they overlap (0.1 s).",
                runner::command_line(name, &["--marks"])
            ),
        )?],
        "compare_conc" => vec![figure(
            "compare_conc-marks.svg",
            &on_time_axis(
                "compare_conc: each unit's sleeps (bars) and printed numbers (dots)",
                &["--marks"],
                true,
            )?,
            "Two processes, two threads and two coroutines counting on one time axis",
            format!(
                "Processes, threads and coroutines on one time axis, from `{}` run when this \
                 book was built: each unit sleeps 0.1 s (a bar), then prints its number (a dot). \
                 All three kinds of unit take about the same time.",
                runner::command_line(name, &["--marks"])
            ),
        )?],
        "async_counter" => {
            let mut sections = marks_of(name, &["--marks"])?;
            sections.extend(marks_of(name, &["--marks", "--await-between"])?);
            let kinds = [
                Kind {
                    word: "+= 1:",
                    colour: "#7b5ea7",
                    meaning: "reads and writes at once",
                },
                Kind {
                    word: "read",
                    colour: "#4a7ab5",
                    meaning: "reads the counter",
                },
                Kind {
                    word: "write",
                    colour: "#d9822b",
                    meaning: "writes it",
                },
            ];
            let svg = lanes::in_order(
                "async_counter: the five coroutines' first two rounds, in the order they ran",
                &sections,
                &kinds,
            );
            vec![figure(
                "async_counter-marks.svg",
                &svg,
                "The five coroutines' reads and writes in order, with and without an await between",
                format!(
                    "The first two rounds of each coroutine, in the order they ran, from `{}` and \
                     `{}` run when this book was built. Without an await between, each reads and \
                     writes at once (0→1, 1→2...). With one, all five read the same value before \
                     any writes: four updates in five are lost.",
                    runner::command_line(name, &["--marks"]),
                    runner::command_line(name, &["--marks", "--await-between"])
                ),
            )?]
        }
        "generator_next" => vec![figure(
            "generator_next-sequence.svg",
            &sequence::draw(output)?,
            "A sequence diagram: the caller calls next(), the generator yields a value back",
            "This build's run as a sequence diagram: each `next()` runs the generator up to its \
             `yield`, which hands the value back to the caller."
                .to_string(),
        )?],
        "awaitables" => vec![figure(
            "awaitables-states.svg",
            &diagrams::state_machines(&root)?,
            "Hello's states and the polls that move it, beside GenNumbers' states and next()",
            "`Hello`, the future written by hand, goes from state to state when the loop polls \
             it; generator_next's `GenNumbers` does the same when the caller calls `next()`. \
             Diagrams of the code; the states are checked against it when the book is built."
                .to_string(),
        )?],
        "echo_server" => vec![figure(
            "echo_server-tasks.svg",
            &diagrams::echo_server(),
            "One thread runs the listening task and one task per client",
            "echo_server's tasks: the listening task accepts each client and spawns a task for \
             it, which reads what the client sends and writes it back. All of them take turns on \
             one thread. A diagram of the code, not of a run."
                .to_string(),
        )?],
        "async_executor" | "http_client" => {
            let (command, charts) = crate::run::timeline(name)?;
            let title = format!("{name}: the requests of each run on one time axis");
            vec![figure(
                &format!("{name}-timeline.svg"),
                &crate::svg::timeline(&title, &charts),
                &format!("The requests of {name} on a time axis"),
                format!(
                    "`{command}`, run once more when this book was built: each request from its \
                     start to its end, every run on the same time axis."
                ),
            )?]
        }
        _ => Vec::new(),
    })
}

/// Runs lesson `name` with `args` (`--marks` among them) and reads back its marks.
fn marks_of(name: &str, args: &[&str]) -> Result<Vec<marks::Section>, String> {
    let out = slides::output_within(
        Command::new(runner::program(name)).args(args),
        slides::RUN_BOUND,
    )?;
    let command = runner::command_line(name, args);
    if !out.status.success() {
        return Err(format!("`{command}` failed: {}", out.status));
    }
    let sections = marks::parse(&String::from_utf8_lossy(&out.stderr))?;
    if sections.iter().all(|s| s.lanes.is_empty()) {
        return Err(format!("`{command}` printed no marks"));
    }
    Ok(sections)
}

/// `event_loop TRACE --svg FILE`: the picture, drawn by event_loop itself, and the run's lines
/// beside it (`.txt`), which the browser test counts the polls of.
fn swimlanes(dir: &Path, trace: &str, what: &str) -> Result<Figure, String> {
    let stem = format!("event_loop-{}", trace.trim_start_matches('-'));
    let svg = dir.join(format!("{stem}.svg"));
    let out = slides::output_within(
        Command::new(runner::program("event_loop"))
            .arg(trace)
            .arg("--svg")
            .arg(&svg),
        slides::RUN_BOUND,
    )?;
    let command = runner::command_line("event_loop", &[trace, "--svg", "FILE"]);
    if !out.status.success() {
        return Err(format!("`{command}` failed: {}", out.status));
    }
    let lines = String::from_utf8_lossy(&out.stdout);
    std::fs::write(dir.join(format!("{stem}.txt")), lines.as_bytes())
        .map_err(|e| format!("cannot write pictures/{stem}.txt: {e}"))?;
    let polls = lines.lines().filter(|l| l.starts_with("poll ")).count();
    Ok(Figure {
        file: format!("pictures/{stem}.svg"),
        alt: format!("The {polls} polls of event_loop {trace} as swimlanes, one row per task"),
        caption: format!(
            "`{command}`, run when this book was built: {what}. One row per task, one box per \
             poll line of [the run](../pictures/{stem}.txt), and an arrow into each box from whoever woke \
             the task."
        ),
    })
}
