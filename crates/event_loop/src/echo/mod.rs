//! The slides' echo server and client on this crate's loop: `event_loop echo-server` and
//! `event_loop echo-client`, which behave as `echo_server` and `echo_client` do on tokio.

mod client;
mod server;
mod stop;
mod traced;

pub use traced::exchange as traced_exchange;

use std::process::ExitCode;
use std::time::Duration;

use common::cli::{Cli, parse_host_port, parse_timeout};

const HOST: &str = "localhost";
const PORT: u16 = 7000;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// `event_loop echo-server [HOST [PORT]]`.
pub fn server_main(cli: Cli, args: &[String]) -> ExitCode {
    let cli = Cli {
        name: "event_loop echo-server",
        usage: "[HOST [PORT]]",
        ..cli
    };
    let (host, port) = parse_host_port(args, HOST, PORT).unwrap_or_else(|e| cli.fail(e));
    common::logging::init();
    if !stop::under_shell() {
        let error = stop::exec_under_shell();
        // No shell: serve all the same; a signal then ends the server without its last line.
        log::warn!("cannot run sh to catch SIGINT and SIGTERM: {error}");
    }
    let served = event_loop::run(server::echo_server(&host, port, stop::stdin_ends()));
    cli.exit_code(served)
}

/// `event_loop echo-client [--timeout SECS] [HOST [PORT]]`.
pub fn client_main(cli: Cli, args: &[String]) -> ExitCode {
    let cli = Cli {
        name: "event_loop echo-client",
        usage: "[--timeout SECS] [HOST [PORT]]",
        ..cli
    };
    let (host, port, limit) = parse_client_args(args).unwrap_or_else(|e| cli.fail(e));
    cli.exit_code(event_loop::run(client::echo_client(&host, port, limit)))
}

/// `[--timeout SECS] [HOST [PORT]]`, the option before, between or after the others.
fn parse_client_args(args: &[String]) -> Result<(String, u16, Duration), String> {
    let mut limit = DEFAULT_TIMEOUT;
    let mut positional = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--timeout" {
            let value = args.next().ok_or("--timeout needs a number of seconds")?;
            limit = parse_timeout(value)?;
        } else if let Some(value) = arg.strip_prefix("--timeout=") {
            limit = parse_timeout(value)?;
        } else {
            positional.push(arg.clone());
        }
    }
    let (host, port) = parse_host_port(&positional, HOST, PORT)?;
    Ok((host, port, limit))
}
