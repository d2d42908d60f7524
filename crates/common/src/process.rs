//! Python's process and thread names, for compare_conc's `log(msg)`.
//!
//! `multiprocessing` names the main process `MainProcess` and its children `Process-1`,
//! `Process-2`, ...; `threading` names the main thread `MainThread` and the others `Thread-1`, ...
//! Rust has no process names, so a child learns its name from the parent through an environment
//! variable, the way `multiprocessing` passes it through its own start-up code.

use std::io;
use std::process::{Child, Command, ExitStatus};

/// The environment variable that carries a child process's name.
pub const PROCESS_NAME_VAR: &str = "PY_PROCESS_NAME";

/// `multiprocessing.current_process().name`.
pub fn current_process_name() -> String {
    std::env::var(PROCESS_NAME_VAR).unwrap_or_else(|_| "MainProcess".to_string())
}

/// `threading.current_thread().name`: Rust's main thread is `main`, Python's `MainThread`.
pub fn current_thread_name() -> String {
    match std::thread::current().name() {
        Some("main") => "MainThread".to_string(),
        Some(name) => name.to_string(),
        None => format!("{:?}", std::thread::current().id()),
    }
}

/// `print(f"{pname} {tname}: {msg}", flush=True)`.
pub fn log(msg: impl std::fmt::Display) {
    // `println!` locks stdout for the whole line, so lines from threads never mix; and stdout
    // is flushed at every newline, like `flush=True`.
    println!(
        "{} {}: {msg}",
        current_process_name(),
        current_thread_name()
    );
}

/// `multiprocessing.Process(target=...)`: the running program started again as a child named
/// `name`. The child finds its name with [`child_process_name`] and runs its target.
pub fn start_process(name: &str) -> io::Result<Child> {
    let mut command = Command::new(std::env::current_exe()?);
    command.env(PROCESS_NAME_VAR, name);
    if crate::marks::enabled() {
        command.env(crate::marks::MARKS_VAR, "1");
    }
    command.spawn()
}

/// `p.join()`: waits for a child started by [`start_process`]. A child that stopped because
/// stdout was closed ([`crate::closed_stdout`]) wrote to this process's stdout, the same pipe:
/// this process stops too, the same way, quietly.
pub fn join(child: &mut Child) -> io::Result<ExitStatus> {
    let status = child.wait()?;
    if status.code() == Some(crate::closed_stdout::EXIT_STDOUT_CLOSED) {
        std::process::exit(crate::closed_stdout::EXIT_STDOUT_CLOSED);
    }
    Ok(status)
}

/// In a child started by [`start_process`], its name; in the main process, `None`.
pub fn child_process_name() -> Option<String> {
    std::env::var(PROCESS_NAME_VAR).ok()
}
