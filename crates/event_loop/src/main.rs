//! The event loop that the slides call "the caller of all coroutines, executing their code in
//! one thread", written out on the standard library and a selector: `src/executor.rs` is the
//! loop, `src/reactor.rs` the selector that tells it which task can go on (the selector is ours,
//! as asyncio and tokio have one: the slides do not name it), and `src/spawn.rs`,
//! `src/pause.rs` and `src/net.rs` the futures that talk to them. Here it runs the slides'
//! `hello()` (async_hello) and counter (async_counter), the same code as those lessons with
//! tokio's names swapped for ours, and prints what they print; and the slides' echo server and
//! client (`src/echo/`), as echo_server and echo_client run them on tokio.
//!
//!     cargo run -p event_loop              # hello, world a second later, then 50000
//!     cargo run -p event_loop -- --trace   # one line per poll of a small counter
//!     cargo run -p event_loop -- --trace-io                 # ... of one echo exchange
//!     cargo run -p event_loop -- --trace --svg polls.svg    # ... also drawn as swimlanes
//!     cargo run -p event_loop -- echo-server [HOST [PORT]]  # as cargo run -p echo_server
//!     cargo run -p event_loop -- echo-client [--timeout SECS] [HOST [PORT]]
//!
//! The arc of the unit: a generator is a function turned into a value that the caller resumes
//! with `next()` (generator_next's struct); a coroutine is the same, resumed by the loop with
//! `poll` until it is done; the loop keeps a queue of the coroutines that can go on, and resumes
//! them one at a time, round-robin; when none can, it asks the selector which socket is ready
//! (our addition, as asyncio does it).
//! `event_loop.py` writes the same loop in Python, with generators as the tasks.
//!
//! Python → Rust:
//! - `asyncio.run(main())` → [`event_loop::run`]: polls `main` and every task it spawns until
//!   `main` is done;
//! - `asyncio.create_task(co)` → [`event_loop::spawn`], whose `JoinHandle` is awaited for the
//!   task's result;
//! - `await asyncio.sleep(1)` → [`event_loop::sleep`]: a deadline among the loop's timers;
//!   the thread sleeps only when no task can go on;
//! - `await asyncio.sleep(0)` → [`event_loop::yield_now`]: to the back of the run queue;
//! - `asyncio.gather(*coroutines)` → `futures::future::join_all`, as in async_counter.
//!
//! `--trace` runs two tasks of three steps each, yielding after every step, and prints one line
//! for each poll: which task, who woke it (`run` and `spawn` for a first poll, `itself` after a
//! yield, the task whose end it awaited, `timer`, `io` for the selector), and whether the task
//! is done (`Ready`) or paused (`Pending`). The two tasks take turns: cooperative multitasking.

use std::cell::Cell;
use std::io::Write;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Duration;

use common::cli::{Opt, client};
use event_loop::{PollEvent, sleep, spawn, yield_now};
use futures::future::join_all;

mod echo;
mod swimlanes;

/// async_hello's `hello()`.
async fn hello() {
    println!("hello");
    sleep(Duration::from_secs(1)).await;
    println!("world");
}

const COROUTINES: usize = 5;
const N: u32 = 10000;

/// async_counter's `inc()`.
async fn inc(counter: &Cell<u32>) {
    for _ in 0..N {
        counter.set(counter.get() + 1); // counter += 1
        yield_now().await; // await asyncio.sleep(0)
    }
}

/// async_counter's `main()`.
async fn counter_main() {
    let counter = Cell::new(0);
    let coroutines: Vec<_> = (0..COROUTINES).map(|_| inc(&counter)).collect();
    join_all(coroutines).await;
    println!("{}", counter.get());
}

const TRACED_TASKS: usize = 2;
const TRACED_STEPS: u32 = 3;

/// `inc()` of the traced counter: a task of its own, so it shares the counter through an `Rc`
/// (a task may outlive the function that spawned it, so it cannot borrow from it).
async fn step(counter: Rc<Cell<u32>>) {
    for _ in 0..TRACED_STEPS {
        counter.set(counter.get() + 1);
        yield_now().await;
    }
}

/// The traced counter: each coroutine spawned as a task, as `asyncio.gather` wraps each in
/// one, then awaited in turn. (With `join_all`, as above, the loop would see a single task:
/// `join_all` polls the coroutines itself, inside `main`.)
async fn traced_main() {
    let counter = Rc::new(Cell::new(0));
    let tasks: Vec<_> = (0..TRACED_TASKS)
        .map(|_| spawn(step(Rc::clone(&counter))))
        .collect();
    for task in tasks {
        // Err only if the loop ended before the task: not while main still runs.
        task.await
            .expect("a task ends before the loop that runs it");
    }
    println!("{}", counter.get());
}

/// One line of the trace, as event_loop.py prints it too.
fn trace_line(poll: &PollEvent) -> String {
    let woken_by = if poll.woke_itself() {
        "itself".to_string()
    } else {
        poll.woken_by.to_string()
    };
    let result = if poll.ready { "Ready" } else { "Pending" };
    let task = poll.task.to_string();
    format!("poll {task:<6}  woken by {woken_by:<6}  {result}")
}

const USAGE: &str = "[--trace | --trace-io] [--svg FILE] | echo-server [HOST [PORT]] | echo-client [--timeout SECS] \
                     [HOST [PORT]]";

const TRACE: Opt = Opt::flag("--trace", "one line per poll of a small counter");
const TRACE_IO: Opt = Opt::flag(
    "--trace-io",
    "one line per poll of one echo exchange over 127.0.0.1",
);

const SVG: Opt = Opt::with_value(
    "--svg",
    "FILE",
    "with --trace or --trace-io: also draw the polls as swimlanes in FILE (an SVG picture)",
);

/// Runs `main` on the loop, printing a line per poll; with `svg`, also draws the polls there.
/// The file is made first, so that a path that cannot be written fails before the run.
fn traced<T>(
    cli: &common::cli::Cli,
    title: &str,
    main: impl Future<Output = T>,
    svg: Option<&String>,
) -> T {
    let cannot_write = |file: &str, e: std::io::Error| -> ! {
        eprintln!("{}: cannot write '{file}': {e}", cli.name);
        std::process::exit(common::EXIT_FAILURE)
    };
    let mut picture = svg.map(|file| {
        std::fs::File::create(file)
            .map(|made| (file, made))
            .unwrap_or_else(|e| cannot_write(file, e))
    });
    let mut polls = Vec::new();
    let output = event_loop::run_traced(main, |poll| {
        println!("{}", trace_line(&poll));
        polls.push(poll);
    });
    if let Some((file, made)) = &mut picture
        && let Err(e) = made.write_all(swimlanes::draw(title, &polls).as_bytes())
    {
        cannot_write(file, e);
    }
    output
}

/// `--svg FILE` after `--trace` or `--trace-io`, or nothing: the FILE.
fn svg_file<'a>(cli: &common::cli::Cli, rest: &'a [String]) -> Option<&'a String> {
    match rest {
        [] => None,
        [flag, file] if flag == SVG.name => Some(file),
        [flag] if flag == SVG.name => cli.fail("--svg needs a FILE"),
        [flag, _, extra, ..] if flag == SVG.name => {
            cli.fail(format!("unexpected argument '{extra}'"))
        }
        // `--trace extra`: the bad one is what follows the flag.
        [extra, ..] => cli.fail(format!("unexpected argument '{extra}'")),
    }
}

// `echo-server` and `echo-client` are commands, not options: each takes the rest of the line,
// as `cargo run -p echo_server` and `cargo run -p echo_client` do (`--timeout`, the client's).
fn main() -> ExitCode {
    let cli = common::cli!(USAGE).with_options(&[TRACE, TRACE_IO, SVG, client::TIMEOUT]);
    match cli.args().as_slice() {
        [] => {
            event_loop::run(hello()); // asyncio.run(hello())
            event_loop::run(counter_main()); // asyncio.run(main())
        }
        [trace, rest @ ..] if trace == TRACE.name => {
            let svg = svg_file(&cli, rest);
            traced(&cli, "event_loop --trace", traced_main(), svg);
        }
        [trace, rest @ ..] if trace == TRACE_IO.name => {
            let svg = svg_file(&cli, rest);
            let exchanged = traced(&cli, "event_loop --trace-io", echo::traced_exchange(), svg);
            return cli.exit_on_error(exchanged);
        }
        [command, args @ ..] if command == "echo-server" => return echo::server_main(cli, args),
        [command, args @ ..] if command == "echo-client" => return echo::client_main(cli, args),
        [flag, ..] if flag == SVG.name => cli.fail("--svg goes after --trace or --trace-io"),
        [other, ..] => cli.fail(format!("unexpected argument '{other}'")),
    }
    ExitCode::SUCCESS
}
