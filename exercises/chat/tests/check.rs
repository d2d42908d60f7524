//! The check of chat: the server runs as a real process on 127.0.0.1, port 0, and several
//! real clients talk to it over TCP. A client counts as in the room once the server has
//! logged `Client connected from` with its address; every wait is bounded and fails with a
//! message.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use testkit::echo_server::{Server, kernel_buffers, peer_repr};
use testkit::peak_resident_kib;

/// How long a client waits for a line before the check fails.
const LINE_WAIT: Duration = Duration::from_secs(20);

const HINT_JOIN: &str = "in chat, join the room first, then log \
    `Client connected from {addr}` with info!, then pass lines both ways";

/// Starts the exercise's server on 127.0.0.1, port 0.
fn start() -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chat"));
    command.args(["127.0.0.1", "0"]);
    Server::start(command)
}

/// A client of the chat, named for the messages of the check.
struct Client {
    name: &'static str,
    stream: TcpStream,
    lines: BufReader<TcpStream>,
}

impl Client {
    /// Connects, and waits until the server has logged this client in the room.
    fn join(server: &mut Server, name: &'static str) -> Client {
        let stream = server.connect();
        stream.set_read_timeout(Some(LINE_WAIT)).unwrap();
        let me = peer_repr(&stream);
        if let Err(why) = server.wait_for_unless_panicked(&format!("Client connected from {me}")) {
            panic!("client {name} joined, and the server did not log it: {why}\nhint: {HINT_JOIN}");
        }
        let lines = BufReader::new(stream.try_clone().unwrap());
        Client {
            name,
            stream,
            lines,
        }
    }

    fn say(&mut self, line: &str) {
        self.stream.write_all(line.as_bytes()).unwrap();
    }

    /// The next line this client receives, `\n` included; fails after LINE_WAIT.
    fn hear(&mut self, hint: &str) -> String {
        let mut line = String::new();
        match self.lines.read_line(&mut line) {
            Ok(0) => panic!(
                "client {} was disconnected while it waited for a line\nhint: {hint}",
                self.name
            ),
            Ok(_) => line,
            Err(e) => panic!(
                "client {} received no whole line in {LINE_WAIT:?} ({e}); it had {line:?}\n\
                 hint: {hint}",
                self.name
            ),
        }
    }
}

const HINT_PASS: &str = "every line a client sends (read with read_line or read_until up to \
    b'\\n', the '\\n' kept) must be written to every other client in the room";
const HINT_NOT_SENDER: &str = "skip the sender: tag each line with who sent it (its \
    SocketAddr), and do not write a line back to the client it came from";

#[test]
fn step1_every_line_reaches_every_other_client_and_not_its_sender() {
    let mut server = start();
    let mut a = Client::join(&mut server, "A");
    let mut b = Client::join(&mut server, "B");
    let mut c = Client::join(&mut server, "C");
    a.say("hello from A\n");
    assert_eq!(b.hear(HINT_PASS), "hello from A\n", "hint: {HINT_PASS}");
    assert_eq!(c.hear(HINT_PASS), "hello from A\n", "hint: {HINT_PASS}");
    // A's own line, had it come back, would be the first A receives: before B's.
    b.say("hello from B\n");
    let first = a.hear(HINT_PASS);
    assert_eq!(
        first, "hello from B\n",
        "A received {first:?} before B's line\nhint: {HINT_NOT_SENDER}"
    );
    assert_eq!(c.hear(HINT_PASS), "hello from B\n", "hint: {HINT_PASS}");
    c.say("hello from C\n");
    assert_eq!(a.hear(HINT_PASS), "hello from C\n", "hint: {HINT_PASS}");
    let heard = b.hear(HINT_PASS);
    assert_eq!(
        heard, "hello from C\n",
        "B received {heard:?}, not C's line\nhint: {HINT_NOT_SENDER}"
    );
}

#[test]
fn step2_a_client_that_leaves_does_not_stop_the_others() {
    const HINT: &str = "a client that leaves ends its own task only: a write to it that fails \
        must not end the others' tasks, nor stop a line on its way to the rest";
    let mut server = start();
    let mut a = Client::join(&mut server, "A");
    let mut b = Client::join(&mut server, "B");
    let c = Client::join(&mut server, "C");
    let c_addr = peer_repr(&c.stream);
    drop(c);
    let left = server.wait_for_unless_panicked(&format!("Client disconnected from {c_addr}"));
    if let Err(why) = left {
        panic!("client C left, and the server did not log it: {why}\nhint: {HINT}");
    }
    a.say("C has left\n");
    assert_eq!(b.hear(HINT), "C has left\n", "hint: {HINT}");
    b.say("so it has\n");
    assert_eq!(a.hear(HINT), "so it has\n", "hint: {HINT}");
    // And a newcomer joins.
    let mut d = Client::join(&mut server, "D");
    a.say("welcome, D\n");
    assert_eq!(d.hear(HINT), "welcome, D\n", "hint: {HINT}");
}

/// The longest line the flood sends, `\n` included.
const FLOOD_LINE: usize = 32 * 1024;
/// The most the server may hold at once, as resident memory.
const MEMORY_BOUND_MIB: u64 = 40;

#[test]
fn step3_a_client_that_never_reads_stalls_nobody_and_memory_stays_bounded() {
    const HINT_STALL: &str = "give each client its own bounded queue (or a \
        tokio::sync::broadcast channel), and write to each client from its own task: a \
        write_all to a client that never reads waits for ever, and must stall no one else";
    let mut server = start();
    let silent = Client::join(&mut server, "S (never reads)");
    let mut a = Client::join(&mut server, "A");
    let mut b = Client::join(&mut server, "B");
    // More than the kernel's buffers can hold on the way to S, by 64 MiB: a server that
    // queues without bound holds those 64 MiB itself.
    let flood = kernel_buffers() as usize + (64 << 20);
    let lines = flood / FLOOD_LINE;
    for i in 0..lines {
        // One line at a time, B taking each before the next: B is never behind.
        let line = format!("{i:>8} {}\n", "x".repeat(FLOOD_LINE - 10));
        a.say(&line);
        let heard = b.hear(HINT_STALL);
        assert!(
            heard == line,
            "line {i} of A's flood reached B changed or out of order ({} bytes)\nhint: pass \
             each line whole, in order",
            heard.len()
        );
    }
    let peak_mib = peak_resident_kib(server.pid()).unwrap() / 1024;
    assert!(
        peak_mib < MEMORY_BOUND_MIB,
        "while S read nothing of {lines} lines of {FLOOD_LINE} bytes, the server held up to \
         {peak_mib} MiB (the bound is {MEMORY_BOUND_MIB} MiB)\nhint: queue at most 100 lines \
         for each client (tokio::sync::mpsc::channel(100) with try_send, or \
         broadcast::channel(100)), and drop the lines that do not fit, or the client"
    );
    // The others still talk, both ways.
    b.say("still here\n");
    assert_eq!(a.hear(HINT_STALL), "still here\n", "hint: {HINT_STALL}");
    drop(silent);
}
