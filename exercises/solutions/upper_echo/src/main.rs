//! An echo server, as echo_server, that sends back each ASCII letter upper-case.
//!
//!     cargo run -p upper_echo [HOST [PORT]]      # defaults: localhost 7000
//!
//! then `nc localhost 7000` in another terminal. Ctrl-C stops it.

use std::io;
use std::net::SocketAddr;
use std::process::ExitCode;

use common::cli::Cli;
use log::{error, info};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const NAME: &str = "upper_echo";
const ABOUT: &str = "An echo server that sends back each ASCII letter upper-case.";

/// Serves one client: reads what it sends, up to 1024 bytes at a time, and writes it back with
/// every ASCII letter upper-case, every other byte as it came; at the end of the client's
/// stream, shuts down this side too.
async fn serve(mut stream: TcpStream) -> io::Result<()> {
    let mut data = [0u8; 1024];
    loop {
        let n = stream.read(&mut data).await?;
        if n == 0 {
            break; // the client closed (or half-closed) its side: all it sent is answered
        }
        // Byte by byte: a byte that is not an ASCII letter (binary data, UTF-8) is kept.
        data[..n].make_ascii_uppercase();
        stream.write_all(&data[..n]).await?;
    }
    stream.shutdown().await
}

/// The command line: `[HOST [PORT]]`, as echo_server's.
const CLI: Cli = Cli {
    name: NAME,
    package: NAME,
    about: ABOUT,
    usage: "[HOST [PORT]]",
    options: &[],
};

/// Serves one client in its own task, and logs its coming and going.
async fn handle_client(stream: TcpStream, peer: SocketAddr) {
    let addr = common::pyrepr::address(peer);
    info!("Client connected from {addr}");
    if let Err(e) = serve(stream).await {
        error!("Connection with {addr} failed: {e}");
    }
    info!("Client disconnected from {addr}");
}

/// Listens on HOST and PORT, logs the port really bound (port 0 asks the system for a free
/// one), and serves every client in a task of its own.
async fn run(host: &str, port: u16) -> io::Result<()> {
    let listener = TcpListener::bind((host, port)).await?;
    let port = listener.local_addr()?.port();
    info!(
        "Server started, listening on {}",
        common::pyrepr::host_port(host, port)
    );
    loop {
        let (stream, peer) = listener.accept().await?;
        tokio::spawn(handle_client(stream, peer));
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (host, port) = CLI.host_port("localhost", 7000);
    common::logging::init();
    CLI.exit_on_error(run(&host, port).await)
}
