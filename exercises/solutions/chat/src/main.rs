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
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};

const NAME: &str = "chat";
const ABOUT: &str = "A chat server: every line a client sends reaches every other client.";

/// The most lines the room holds for a client that has not taken them: a client further
/// behind misses the oldest (the channel tells it how many).
const QUEUED_LINES: usize = 100;
/// The longest line taken, its `\n` included: a client sending more without a `\n` is
/// disconnected, rather than held in memory without end.
const MAX_LINE: u64 = 64 * 1024;

/// A line, and who sent it.
type Said = (SocketAddr, Arc<[u8]>);

/// What every client's task shares: one broadcast channel. Each line sent into it is kept
/// until every client has taken it, or is pushed out by the QUEUED_LINES newer ones.
#[derive(Clone)]
struct Room {
    lines: broadcast::Sender<Said>,
}

impl Room {
    fn new() -> Room {
        let (lines, _) = broadcast::channel(QUEUED_LINES);
        Room { lines }
    }
}

/// Serves one client, `peer` (`addr` is how the log names it), until it leaves:
/// - first, it joins `room`, then logs `Client connected from {addr}`: from that line on,
///   it must receive every line another client sends;
/// - every line it sends (up to and with its `\n`) goes to every other client, not to it;
/// - every line another client sends is written to it.
///
/// A client that never reads stalls only its own task, in `write_all`: the channel goes on
/// without it, and it misses the lines pushed out meanwhile.
async fn chat(stream: TcpStream, peer: SocketAddr, addr: &str, room: Room) -> io::Result<()> {
    let mut inbox = room.lines.subscribe();
    info!("Client connected from {addr}");
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    // Kept across the loop: a line read in part when the other branch won is read on.
    let mut line = Vec::new();
    loop {
        let mut up_to_max = (&mut reader).take(MAX_LINE - line.len() as u64);
        tokio::select! {
            read = up_to_max.read_until(b'\n', &mut line) => {
                if read? == 0 {
                    if line.len() as u64 == MAX_LINE {
                        return Err(io::Error::other("a line longer than 64 KiB"));
                    }
                    return Ok(()); // the client left; a last line without `\n` is dropped
                }
                if line.ends_with(b"\n") {
                    // Err only when no one else is in the room: no one to tell.
                    let _ = room.lines.send((peer, Arc::from(std::mem::take(&mut line))));
                }
            }
            said = inbox.recv() => match said {
                Ok((from, text)) if from != peer => writer.write_all(&text).await?,
                Ok(_) => {} // its own line
                Err(RecvError::Lagged(missed)) => info!("{addr} read too slowly: {missed} lines missed"),
                Err(RecvError::Closed) => return Ok(()),
            },
        }
    }
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
