//! Runs the lecture's examples in slide order, or checks their output against the slides.
//!
//!     slides run  [NAME...]   run each example under a header line (all by default)
//!     slides diff [NAME...]   print `ok  NAME` or a unified diff against crates/NAME/slide.txt
//!
//! `make run-all` and `make diff-slides` call it through `scripts/`. It runs the examples built
//! beside it (`target/debug`), offline: the network examples talk to servers on 127.0.0.1 only.
//! Exit codes: 0 all ran / all match, 1 an example failed or differs, 2 a bad command line.

use std::process::{Command, ExitCode};

use slides::EXAMPLES;
use slides::runner::{self, ECHO_PAIR, command_line, echo_pair, program, recipe_args};

fn main() -> ExitCode {
    let cli = common::cli::Cli {
        name: "slides",
        package: "slides",
        about: "Runs the lecture's examples in slide order, or checks their output against the slides.",
        usage: "run|diff [NAME...]",
        options: &[],
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
    match slides::check_runs(name, || runner::output_to_check(name)) {
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
