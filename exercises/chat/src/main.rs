//! A chat server: every line a client sends reaches every other client, and not its sender.
//!
//!     cargo run -p chat [HOST [PORT]]      # defaults: localhost 7000
//!
//! then `nc localhost 7000` in two or three other terminals, and type. Ctrl-C stops it.

use std::io;
use std::net::SocketAddr;
use std::process::ExitCode;

use common::cli::Cli;
use log::{error, info};
#[allow(unused_imports)] // what `chat` may need
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

const NAME: &str = "chat";
const ABOUT: &str = "A chat server: every line a client sends reaches every other client.";

/// What every client's task shares, to reach the others. Yours to fill in: for instance a
/// `tokio::sync::broadcast` channel, or every client's bounded queue behind a lock.
#[derive(Clone)]
struct Room {}

impl Room {
    fn new() -> Room {
        Room {}
    }
}

/// Serves one client, `peer` (`addr` is how the log names it), until it leaves:
/// - first, it joins `room`, then logs `Client connected from {addr}`: from that line on,
///   it must receive every line another client sends;
/// - every line it sends (up to and with its `\n`) goes to every other client, not to it;
/// - every line another client sends is written to it.
///
/// A client that never reads must not stall the others, nor make the server hold ever more
/// memory: queue at most 100 lines for each client, and drop what does not fit, or
/// disconnect that client.
async fn chat(stream: TcpStream, peer: SocketAddr, addr: &str, room: Room) -> io::Result<()> {
    let _ = (stream, peer, addr, room);
    todo!("join the room, log that the client connected, then pass lines both ways")
}

/// The command line: `[HOST [PORT]]`, as echo_server's.
const CLI: Cli = Cli {
    name: NAME,
    package: NAME,
    about: ABOUT,
    usage: "[HOST [PORT]]",
    options: &[],
};

/// Serves one client in its own task; logs its going, and any error.
async fn handle_client(stream: TcpStream, peer: SocketAddr, room: Room) {
    let addr = common::pyrepr::address(peer);
    if let Err(e) = chat(stream, peer, &addr, room).await {
        error!("Connection with {addr} failed: {e}");
    }
    info!("Client disconnected from {addr}");
}

/// Listens on HOST and PORT, logs the port really bound (port 0 asks the system for a free
/// one), and serves every client in a task of its own, all in one room.
async fn run(host: &str, port: u16) -> io::Result<()> {
    let listener = TcpListener::bind((host, port)).await?;
    let port = listener.local_addr()?.port();
    info!(
        "Server started, listening on {}",
        common::pyrepr::host_port(host, port)
    );
    let room = Room::new();
    loop {
        let (stream, peer) = listener.accept().await?;
        tokio::spawn(handle_client(stream, peer, room.clone()));
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (host, port) = CLI.host_port("localhost", 7000);
    common::logging::init();
    CLI.exit_on_error(run(&host, port).await)
}
