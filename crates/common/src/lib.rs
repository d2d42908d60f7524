//! What the lecture's examples share, written once.
//!
//! - [`cli`]: `--help`, positional `HOST PORT` with defaults, and one-line usage errors (exit 2).
//! - [`logging`]: Python's `logging.basicConfig(level=logging.INFO)` on `env_logger`.
//! - [`process`]: the `log(msg)` helper of compare_conc, with Python's process and thread names.
//! - [`pyrepr`]: the text Python prints for the values on the slides (generators, bytes, lists,
//!   address tuples).
//! - [`slides`]: the normalizer and the checker that compare a program's output with its slide.
//! - [`testing`]: the checks the examples' tests share (`--help`, one-line errors).
//! - [`pages`], [`standin`], [`timeline`], [`testservers`]: the HTTP examples' command line and
//!   printed lines, their `--local` stand-in servers, their `--timeline` chart, and the servers
//!   their tests run against.

pub mod cli;
pub mod logging;
pub mod pages;
pub mod process;
pub mod pyrepr;
pub mod slides;
pub mod standin;
pub mod testing;
pub mod testservers;
pub mod timeline;

/// Exit code of a program whose command line was wrong (as Python's `argparse` uses).
pub const EXIT_USAGE: i32 = 2;
/// Exit code of a program that failed at run time (a refused connection, a port in use).
pub const EXIT_FAILURE: i32 = 1;
