//! What the lessons use when they run, written once. (The slide checker lives in the `slides`
//! crate, and what the tests share in `testkit`, both in `crates/tools`.)
//!
//! Which lesson uses which module, so that a reader of one lesson knows what to skip:
//!
//! | module | what it is | used by |
//! |---|---|---|
//! | [`cli`] | `--help`, positional `HOST PORT` with defaults, the option walker, one-line usage errors (exit 2); [`cli::client`], the echo clients' `[--timeout SECS] [HOST [PORT]]` | every lesson; `cli::client`: echo_client, event_loop |
//! | [`closed_stdout`] | a closed stdout (`\| head -1`) ends the program quietly, exit 141 | every lesson, through [`cli`] |
//! | [`pyrepr`] | the text Python prints for the slides' values (bytes, lists, generators, address tuples) | generator_next, generator_loop_list, generator_infinite, generator_comp, echo_server, echo_client |
//! | [`listen`] | asyncio's `start_server` rule: every address of a host, on one port, retried on a new port 0 | echo_server, event_loop |
//! | [`logging`] | Python's `logging.basicConfig(level=logging.INFO)` on `env_logger` | echo_server, event_loop |
//! | [`process`] | Python's process and thread names, `log(msg)`, a child process started and joined | compare_conc |
//! | [`marks`] | `--marks`: when each step happens, on stderr, for the book's pictures | async_blocking, coroutine_run, compare_conc, async_counter |
//! | [`tenths`] | elapsed time to a tenth of a second, rounded down | coroutine_run, async_blocking |
//! | [`http`] | the command line, printed lines, `--local` stand-ins, `--timeline` chart, bounded blocking fetch | async_executor, http_client |
//!
//! The other lessons (async_hello, async_counter, async_styles, async_with_for, awaitables,
//! counter_threads) use [`cli`] only.
//!
//! `python/twin_cli.py` is [`cli`] for the lessons' Python twins (`crates/NAME/NAME.py`): the
//! same `--help`, one-line errors and exit codes as the Rust program's.

pub mod cli;
pub mod closed_stdout;
pub mod http;
pub mod listen;
pub mod logging;
pub mod marks;
pub mod process;
pub mod pyrepr;
pub mod tenths;

/// Exit code of a program whose command line was wrong (as Python's `argparse` uses).
pub const EXIT_USAGE: i32 = 2;
/// Exit code of a program that failed at run time (a refused connection, a port in use).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code of a program whose stdout was closed before it was done (see [`closed_stdout`]).
pub use closed_stdout::EXIT_STDOUT_CLOSED;
