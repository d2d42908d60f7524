//! What the lessons use when they run, written once. (The slide checker lives in the `slides`
//! crate, and what the tests share in `testkit`.)
//!
//! For every lesson:
//! - [`cli`]: `--help`, positional `HOST PORT` with defaults, and one-line usage errors (exit 2).
//!
//! For some:
//! - [`logging`]: Python's `logging.basicConfig(level=logging.INFO)` on `env_logger`
//!   (echo_server).
//! - [`process`]: the `log(msg)` helper of compare_conc, with Python's process and thread names.
//! - [`pyrepr`]: the text Python prints for the values on the slides (generators, bytes, lists,
//!   address tuples).
//! - [`http`]: the two HTTP examples' command line, printed lines, `--local` stand-in servers
//!   and `--timeline` chart (async_executor, http_client).
//! - [`tenths`]: elapsed time to a tenth of a second, rounded down, for the timed lessons
//!   (coroutine_run, async_blocking).

pub mod cli;
pub mod http;
pub mod logging;
pub mod process;
pub mod pyrepr;
pub mod tenths;

/// Exit code of a program whose command line was wrong (as Python's `argparse` uses).
pub const EXIT_USAGE: i32 = 2;
/// Exit code of a program that failed at run time (a refused connection, a port in use).
pub const EXIT_FAILURE: i32 = 1;
