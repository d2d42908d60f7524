//! How `echo-server` stops on Ctrl-C (SIGINT) or SIGTERM, logging `Server stopped` and exiting
//! 0, with neither tokio nor `unsafe` code.
//!
//! Catching a signal needs a signal handler, which the standard library does not offer, and
//! installing one by hand takes `unsafe` code (tokio hides it in the `signal-hook-registry`
//! crate), which this workspace forbids. So the handler is the shell's `trap`: the process
//! started as `event_loop echo-server` replaces itself (same process id) with `sh`, which
//! traps both signals and runs the server as its child. The child reads its stdin, a pipe
//! whose one writer is the shell; the trap closes that writer, and the server, reading end of
//! stream, stops. A child started in the background by a non-interactive shell ignores
//! SIGINT, so a Ctrl-C, sent to the whole foreground group, reaches it only through the trap.
//! If the shell itself is killed, the pipe closes too: the server never outlives it.
//!
//! One limit, the shell's: a signal ignored when the shell starts cannot be trapped. A server
//! started in the background (`&`) by a script, which starts it with SIGINT ignored, stops
//! cleanly on SIGTERM only; tokio's handler, installed by the program itself, takes SIGINT
//! there too.

use std::ffi::OsString;
use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::process::Command;

/// Set for the server run under the shell: stop when stdin ends.
const UNDER_SHELL: &str = "EVENT_LOOP_STOP_ON_STDIN_END";

/// The shell's part. `$0` is this program, `$@` its arguments. The pipe comes in as stdin
/// and stdout; the server gets its reading end, the shell keeps the writing end. A trapped
/// signal cuts `wait` short (status above 128): then the shell waits again, for the server's
/// own exit status.
const SCRIPT: &str = r#"
exec 3<&0 0</dev/null
trap 'stopping=1; exec 1>&-' INT TERM
"$0" "$@" 0<&3 3<&- 1>&2 &
server=$!
exec 3<&-
wait "$server"
status=$?
while [ -n "$stopping" ] && [ "$status" -gt 128 ]; do
    stopping=
    wait "$server"
    status=$?
done
exit "$status"
"#;

/// Whether this process is the server run under the shell.
pub fn under_shell() -> bool {
    std::env::var_os(UNDER_SHELL).is_some()
}

/// Replaces this process with the shell that traps the signals and runs this program again
/// as the server. Returns only if that could not be done.
pub fn exec_under_shell() -> io::Error {
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(e) => return e,
    };
    let (reader, writer) = match io::pipe() {
        Ok(pipe) => pipe,
        Err(e) => return e,
    };
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    Command::new("sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg(program)
        .args(args)
        .env(UNDER_SHELL, "1")
        .stdin(reader)
        .stdout(writer)
        .exec()
}

/// For the server run under the shell: ends when stdin ends (the shell's trap closed it, or
/// the shell is gone). A thread blocks on the read; the loop goes on.
pub async fn stdin_ends() {
    let reading = event_loop::spawn_blocking(|| {
        let mut buf = [0u8; 64];
        let mut stdin = io::stdin();
        while let Ok(1..) = stdin.read(&mut buf) {}
    });
    if reading.await.is_err() {
        // No thread to read stdin: then nothing stops the server but a signal's default.
        std::future::pending::<()>().await;
    }
}
