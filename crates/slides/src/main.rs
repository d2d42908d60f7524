//! Runs the lecture's examples in slide order, or checks their output against the slides.
//!
//!     slides run  [NAME...]   run each example under a header line (all by default)
//!     slides diff [NAME...]   print `ok  NAME` or a unified diff against crates/NAME/slide.txt
//!
//! `make run-all` and `make diff-slides` call it through `scripts/`. It runs the examples built
//! beside it (`target/debug`), offline: the network examples talk to servers on 127.0.0.1 only.
//! Exit codes: 0 all ran / all match, 1 an example failed or differs, 2 a bad command line.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStderr, Command, ExitCode, Stdio};

use slides::EXAMPLES;

fn main() -> ExitCode {
    let cli = common::cli::Cli {
        name: "slides",
        package: "slides",
        about: "Runs the lecture's examples in slide order, or checks their output against the slides.",
        usage: "run|diff [NAME...]",
        options: "",
    };
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
    if let Err(e) = build_when_run_by_cargo(&names) {
        eprintln!("slides: {e}");
        return ExitCode::FAILURE;
    }
    let mut failed = 0;
    let mut echo_pair_ran = false;
    for name in names {
        let ok = if mode == "diff" {
            diff(name)
        } else if ECHO_PAIR.contains(&name) {
            // One run shows both sides of the echo pair.
            if echo_pair_ran {
                continue;
            }
            echo_pair_ran = true;
            run_echo_pair()
        } else {
            run(name)
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

/// `cargo run -p slides -- diff NAME` builds only this program: build the examples it runs
/// too, so that it never runs a missing or stale one. (`scripts/` build the whole workspace
/// first and run this program directly, without cargo: then there is nothing to do.) Tries
/// offline first, so that a machine without a network needs none.
fn build_when_run_by_cargo(names: &[&str]) -> Result<(), String> {
    let Some(cargo) = std::env::var_os("CARGO") else {
        return Ok(());
    };
    let mut packages: Vec<&str> = names.to_vec();
    if names.iter().any(|n| ECHO_PAIR.contains(n)) {
        packages.extend(ECHO_PAIR);
    }
    let build = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.args(["build", "--quiet"]);
        if offline {
            command.arg("--offline");
        }
        for package in &packages {
            command.args(["-p", package]);
        }
        command.status()
    };
    let built =
        |status: std::io::Result<std::process::ExitStatus>| status.is_ok_and(|s| s.success());
    if built(build(true)) || built(build(false)) {
        Ok(())
    } else {
        Err(format!("cannot build {}", packages.join(", ")))
    }
}

/// The built example, beside this program.
fn program(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.with_file_name(name)
}

/// The examples that run together: the server, and the client talking to it.
const ECHO_PAIR: [&str; 2] = ["echo_server", "echo_client"];

/// The command a student types to run example `name` as it runs here.
fn command_line(name: &str, args: &[&str]) -> String {
    if args.is_empty() {
        format!("cargo run -p {name}")
    } else {
        format!("cargo run -p {name} -- {}", args.join(" "))
    }
}

fn run(name: &str) -> bool {
    println!("=== {name}: {}", command_line(name, &recipe_args(name)));
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

/// Shows the echo pair at work: the server's whole log, from its start to its stop, and the
/// client's output.
fn run_echo_pair() -> bool {
    println!(
        "=== echo_server and echo_client: {} (stopped with Ctrl-C after the client), and {}",
        command_line("echo_server", &["localhost", "0"]),
        command_line("echo_client", &["localhost", "PORT"]),
    );
    match echo_pair() {
        Ok(pair) => {
            print!(
                "--- echo_server (its log, on stderr)\n{}{}--- echo_client\n{}",
                pair.server_log, pair.server_log_after, pair.client_out
            );
            true
        }
        Err(e) => {
            eprintln!("echo_server and echo_client: {e}");
            false
        }
    }
}

fn diff(name: &str) -> bool {
    let one_run = || match name {
        // The slide shows the server's log up to the client's disconnection.
        "echo_server" => echo_pair().map(|pair| pair.server_log),
        "echo_client" => echo_pair().map(|pair| pair.client_out),
        _ => slides::run(&program(name).to_string_lossy(), &recipe_args(name)),
    };
    match slides::check_runs(name, one_run) {
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

/// What the echo pair printed.
struct EchoPair {
    /// The server's log up to the client's disconnection, as on the slide.
    server_log: String,
    /// The rest of the server's log, once it was stopped.
    server_log_after: String,
    /// The client's output.
    client_out: String,
}

/// Starts echo_server on a free port of localhost, waits for its "listening" line, runs
/// echo_client against it, and stops the server with SIGINT once it has logged the client's
/// disconnection.
fn echo_pair() -> Result<EchoPair, String> {
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
    let client = slides::run(
        &program("echo_client").to_string_lossy(),
        &["localhost", &port],
    )?;
    while !next_line(&mut log)?.contains("Client disconnected") {}
    Ok((log, client, reader))
}
