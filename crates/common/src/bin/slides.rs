//! Runs the lecture's examples in slide order, or checks their output against the slides.
//!
//!     slides run  [NAME...]   run each example under a header line (all by default)
//!     slides diff [NAME...]   print `ok  NAME` or a unified diff against crates/NAME/slide.txt
//!
//! `make run-all` and `make diff-slides` call it through `scripts/`. It runs the examples built
//! beside it (`target/debug`), offline: the network examples talk to servers on 127.0.0.1 only.
//! Exit codes: 0 all ran / all match, 1 an example failed or differs, 2 a bad command line.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};

use common::slides::{self, EXAMPLES};

fn main() -> ExitCode {
    let cli = common::cli!("run|diff [NAME...]");
    let args = cli.args();
    let (mode, names) = match args.split_first() {
        Some((mode, names)) if mode == "run" || mode == "diff" => (mode.as_str(), names),
        Some((other, _)) => cli.fail(format!("unknown command '{other}'")),
        None => cli.fail("missing command"),
    };
    if let Some(bad) = names.iter().find(|n| !EXAMPLES.contains(&n.as_str())) {
        cli.fail(format!(
            "unknown example '{bad}' (examples: {})",
            EXAMPLES.join(", ")
        ));
    }
    let names: Vec<&str> = if names.is_empty() {
        // Every example that has its slide output beside it.
        EXAMPLES
            .iter()
            .copied()
            .filter(|n| slides::slide_path(n).exists())
            .collect()
    } else {
        names.iter().map(String::as_str).collect()
    };
    let mut failed = 0;
    for name in names {
        let ok = if mode == "run" {
            println!(
                "=== {name}: cargo run -p {name} {}",
                recipe_args(name).join(" ")
            );
            run(name)
        } else {
            diff(name)
        };
        if !ok {
            failed += 1;
        }
    }
    if failed > 0 {
        eprintln!("slides: {failed} example(s) failed");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The arguments each example runs with here: the HTTP examples use their local stand-ins.
fn recipe_args(name: &str) -> Vec<&'static str> {
    match name {
        "async_executor" | "http_client" => vec!["--local"],
        _ => vec![],
    }
}

/// The built example, beside this program.
fn program(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.with_file_name(name)
}

fn run(name: &str) -> bool {
    if name == "echo_server" || name == "echo_client" {
        return match echo_pair() {
            Ok((server_log, client_out)) => {
                print!("--- echo_server (stderr)\n{server_log}--- echo_client\n{client_out}");
                true
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                false
            }
        };
    }
    match Command::new(program(name)).args(recipe_args(name)).status() {
        Ok(status) if status.success() => true,
        Ok(status) => {
            eprintln!("{name}: {status}");
            false
        }
        Err(e) => {
            eprintln!("{name}: cannot run {}: {e}", program(name).display());
            false
        }
    }
}

fn diff(name: &str) -> bool {
    let output = match name {
        "echo_server" => echo_pair().map(|(server_log, _)| server_log),
        "echo_client" => echo_pair().map(|(_, client_out)| client_out),
        _ => slides::run(&program(name).to_string_lossy(), &recipe_args(name)),
    };
    match output.and_then(|out| slides::check_slide(name, &out)) {
        Ok(()) => {
            println!("ok  {name}");
            true
        }
        Err(diff) => {
            println!("FAIL {name}\n{diff}");
            false
        }
    }
}

/// Starts echo_server on a free port of localhost, waits for its "listening" line, runs
/// echo_client against it, and stops the server with SIGINT once it has logged the client's
/// disconnection. Returns the server's log up to that line, and the client's output.
fn echo_pair() -> Result<(String, String), String> {
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
    let (log, client) = result?;
    if !status.success() {
        return Err(format!("echo_server ended with {status}"));
    }
    Ok((log, client))
}

fn talk_to(server: &mut Child) -> Result<(String, String), String> {
    let stderr = server.stderr.take().ok_or("no stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let mut log = String::new();
    let mut next_line = |log: &mut String| -> Result<String, String> {
        let line = lines
            .next()
            .ok_or("echo_server ended early")?
            .map_err(|e| e.to_string())?;
        log.push_str(&line);
        log.push('\n');
        Ok(line)
    };
    // `INFO:root:Server started, listening on ('localhost', 41234)`: take the port.
    let started = next_line(&mut log)?;
    let port = started
        .rsplit_once(", ")
        .and_then(|(_, p)| p.strip_suffix(')'))
        .ok_or_else(|| format!("unexpected first line from echo_server: {started}"))?
        .to_string();
    let client = slides::run(
        &program("echo_client").to_string_lossy(),
        &["localhost", &port],
    )?;
    while !next_line(&mut log)?.contains("Client disconnected") {}
    Ok((log, client))
}
