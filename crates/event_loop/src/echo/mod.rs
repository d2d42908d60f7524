//! The slides' echo server and client on this crate's loop: `event_loop echo-server` and
//! `event_loop echo-client`, which behave as `echo_server` and `echo_client` do on tokio.

mod client;
mod server;
mod traced;

pub use traced::exchange as traced_exchange;

use std::process::ExitCode;

use common::cli::{Cli, client as client_args, parse_host_port};

const HOST: &str = "localhost";
const PORT: u16 = 7000;

/// `event_loop echo-server [HOST [PORT]]`.
pub fn server_main(cli: Cli, args: &[String]) -> ExitCode {
    let cli = Cli {
        name: "event_loop echo-server",
        usage: "[HOST [PORT]]",
        options: &[],
        ..cli
    };
    let walked = cli.walk(args);
    let (host, port) =
        parse_host_port(&walked.positional, HOST, PORT).unwrap_or_else(|e| cli.fail(e));
    common::logging::init();
    let served = event_loop::run(server::echo_server(&host, port));
    cli.exit_on_error(served)
}

/// `event_loop echo-client [--timeout SECS] [HOST [PORT]]`.
pub fn client_main(cli: Cli, args: &[String]) -> ExitCode {
    let cli = Cli {
        name: "event_loop echo-client",
        usage: "[--timeout SECS] [HOST [PORT]]",
        ..cli
    };
    let cli = cli.with_options(&[client_args::TIMEOUT]);
    let args = client_args::parse(args, HOST, PORT).unwrap_or_else(|e| cli.fail(e));
    cli.exit_on_error(event_loop::run(client::echo_client(
        &args.host,
        args.port,
        args.timeout,
    )))
}
