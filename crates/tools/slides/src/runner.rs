//! How each lesson runs when it is checked against its slide: with which arguments, and, for
//! the echo pair, the server and the client together. `slides run`, `slides diff` and the
//! book's pages all run the lessons through here, so they show and check the same thing.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, Command, Stdio};

/// The arguments each lesson runs with here: the HTTP examples use their local stand-ins.
pub fn recipe_args(name: &str) -> Vec<&'static str> {
    match name {
        "async_executor" | "http_client" => vec!["--local"],
        _ => vec![],
    }
}

/// The built lesson, beside the running program (`target/debug`).
pub fn program(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.with_file_name(name)
}

/// The lessons that run together: the server, and the client talking to it.
pub const ECHO_PAIR: [&str; 2] = ["echo_server", "echo_client"];

/// The command a student types to run lesson `name` with `args`.
pub fn command_line(name: &str, args: &[&str]) -> String {
    if args.is_empty() {
        format!("cargo run -p {name}")
    } else {
        format!("cargo run -p {name} -- {}", args.join(" "))
    }
}

/// What `slides diff` compares with the slide of `name`: the lesson's stdout, run with its
/// [`recipe_args`]; for the echo server, its log up to the client's disconnection; for the echo
/// client, its output against the echo server.
pub fn output_to_check(name: &str) -> Result<String, String> {
    match name {
        "echo_server" => echo_pair().map(|pair| pair.server_log),
        "echo_client" => echo_pair().map(|pair| pair.client_out),
        _ => crate::run(&program(name).to_string_lossy(), &recipe_args(name)),
    }
}

/// What the echo pair printed.
#[derive(Debug, Clone)]
pub struct EchoPair {
    /// The server's log up to the client's disconnection, as on the slide.
    pub server_log: String,
    /// The rest of the server's log, once it was stopped.
    pub server_log_after: String,
    /// The client's output.
    pub client_out: String,
}

/// Starts echo_server on a free port of localhost, waits for its "listening" line, runs
/// echo_client against it, and stops the server with SIGINT once it has logged the client's
/// disconnection.
pub fn echo_pair() -> Result<EchoPair, String> {
    let mut server = Command::new(program("echo_server"))
        .args(["localhost", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start echo_server: {e}"))?;
    let result = talk_to(&mut server);
    // Stop the server however the exchange went, and reap it.
    let _ = Command::new("kill")
        .args(["-INT", &server.id().to_string()])
        .status();
    let status = server.wait().map_err(|e| e.to_string())?;
    let (server_log, client_out, mut rest) = result?;
    let mut server_log_after = String::new();
    rest.read_to_string(&mut server_log_after)
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("echo_server ended with {status}"));
    }
    Ok(EchoPair {
        server_log,
        server_log_after,
        client_out,
    })
}

/// Runs the client against `server`; returns the server's log up to the client's
/// disconnection, the client's output, and the server's log stream for the rest.
fn talk_to(server: &mut Child) -> Result<(String, String, BufReader<ChildStderr>), String> {
    let stderr = server.stderr.take().ok_or("no stderr")?;
    let mut reader = BufReader::new(stderr);
    let mut log = String::new();
    let mut next_line = |log: &mut String| -> Result<String, String> {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) => Err("echo_server ended early".to_string()),
            Ok(_) => {
                log.push_str(&line);
                Ok(line)
            }
            Err(e) => Err(e.to_string()),
        }
    };
    // `INFO:root:Server started, listening on ('localhost', 41234)`: take the port.
    let started = next_line(&mut log)?;
    let port = started
        .trim_end()
        .rsplit_once(", ")
        .and_then(|(_, p)| p.strip_suffix(')'))
        .ok_or_else(|| format!("unexpected first line from echo_server: {started}"))?
        .to_string();
    let client = crate::run(
        &program("echo_client").to_string_lossy(),
        &["localhost", &port],
    )?;
    while !next_line(&mut log)?.contains("Client disconnected") {}
    Ok((log, client, reader))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_are_what_a_student_types() {
        assert_eq!(command_line("async_hello", &[]), "cargo run -p async_hello");
        assert_eq!(
            command_line("http_client", &recipe_args("http_client")),
            "cargo run -p http_client -- --local"
        );
    }
}
