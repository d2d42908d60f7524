//! A program whose reader goes away (`http_client --local | head -1`) stops quietly, as
//! command-line tools do, instead of panicking with `failed printing to stdout: Broken pipe`.
//!
//! A C tool writing to a closed pipe is ended by the signal SIGPIPE, without a message; the
//! shell then reports the status 141 (128 + 13, SIGPIPE's number). A Rust program ignores
//! SIGPIPE from its start, so the write fails instead, and `println!` panics on the failure.
//! Restoring SIGPIPE's default action would need `unsafe` code, which this workspace forbids.
//! So the panic of that one failure is caught where every panic is reported, in the panic
//! hook, and the process exits there with [`EXIT_STDOUT_CLOSED`], 141, the status the shell
//! shows for a tool that SIGPIPE ended: scripts that check for it (`set -o pipefail`, `$?`)
//! see the same. Every other panic is reported as before.

use std::panic::{self, PanicHookInfo};
use std::sync::Once;

/// The exit status of a program whose stdout was closed before it was done: 128 + SIGPIPE (13).
pub const EXIT_STDOUT_CLOSED: i32 = 141;

/// Makes a write to a closed stdout end the program quietly with [`EXIT_STDOUT_CLOSED`].
/// [`Cli::args`](crate::cli::Cli::args) calls it, so every lesson has it from its first line.
pub fn end_quietly_when_closed() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let report = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if is_closed_stdout(info) {
                // From any thread: a task's print on tokio's worker, a pool thread's.
                std::process::exit(EXIT_STDOUT_CLOSED);
            }
            report(info);
        }));
    });
}

/// Whether a panic is `print!`'s on a stdout whose reader has gone: the one message std gives
/// it, `failed printing to stdout: Broken pipe (os error 32)`.
fn is_closed_stdout(info: &PanicHookInfo) -> bool {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("");
    message.starts_with("failed printing to stdout") && message.contains("Broken pipe")
}
