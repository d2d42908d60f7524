//! "A difference fails the bench, exit 1": the bench, run as a real process with a short load
//! against an echo server the test starts (`--vs`), fails when that server changes one byte of
//! what it echoes, and passes when it echoes faithfully. The same for the fair load, whose
//! stream, pings and new connections all check their echoes.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::thread;
use std::time::Duration;

const PROGRAM: &str = env!("CARGO_BIN_EXE_echo_bench");

/// How long a run of the bench may take: its loads stop after 5 s each, and the short load
/// here takes a few seconds in a debug build.
const WATCHDOG: Duration = Duration::from_secs(120);

/// The byte of each connection that the corrupting server changes.
const CHANGED_AT: usize = 5000;

/// An echo server on 127.0.0.1 port 0, a thread per connection, that echoes every byte, or
/// (`corrupt`) every byte but one: the byte at [`CHANGED_AT`] of each connection comes back
/// with its bits flipped.
fn echo_server(corrupt: bool) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            thread::spawn(move || echo(conn, corrupt));
        }
    });
    addr
}

fn echo(mut conn: TcpStream, corrupt: bool) {
    let mut buf = [0u8; 1024];
    let mut at = 0;
    loop {
        let n = match conn.read(&mut buf) {
            Ok(0) | Err(_) => return, // end of stream: dropping `conn` closes our side
            Ok(n) => n,
        };
        if corrupt && (at..at + n).contains(&CHANGED_AT) {
            buf[CHANGED_AT - at] ^= 0xff;
        }
        at += n;
        if conn.write_all(&buf[..n]).is_err() {
            return;
        }
    }
}

/// The bench starts the echo_server and event_loop built beside it. `cargo test --workspace`
/// builds them; with `cargo test -p echo_bench` alone they may not be there yet.
fn servers_beside_the_bench() {
    let servers = ["echo_server", "event_loop"];
    let beside = |name| Path::new(PROGRAM).with_file_name(name);
    if servers.iter().all(|name| beside(name).is_file()) {
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The same profile as the bench: target/debug or target/release.
    let release = Path::new(PROGRAM)
        .parent()
        .is_some_and(|dir| dir.ends_with("release"));
    let out = testkit::bounded::output_within(
        Command::new(cargo)
            .args(["build", "-p", "echo_server", "-p", "event_loop"])
            .args(release.then_some("--release")),
        WATCHDOG,
        "cargo build -p echo_server -p event_loop",
    );
    assert!(
        out.status.success() && servers.iter().all(|name| beside(name).is_file()),
        "cannot build {servers:?} beside {PROGRAM}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs the bench's 1-connection ping-pong, as short as it goes, also against `vs`.
fn bench_vs(vs: SocketAddr) -> Output {
    bench_load_vs("ping1", vs)
}

/// Runs one load of the bench, as short as it goes, also against `vs`.
fn bench_load_vs(load: &str, vs: SocketAddr) -> Output {
    servers_beside_the_bench();
    testkit::bounded::output_within(
        Command::new(PROGRAM).args(["--only", load, "--secs", "0.2", "--vs", &vs.to_string()]),
        WATCHDOG,
        "echo_bench",
    )
}

#[test]
fn one_byte_changed_by_a_server_fails_the_bench() {
    let corrupting = echo_server(true);
    let out = bench_vs(corrupting);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The message ends the progress line of the run it stopped.
    let expected = format!(
        "echo_bench: ping-pong, 1 KiB, 1 connection on {corrupting} failed: ping-pong: the \
         bytes echoed by {corrupting} differ from the bytes sent\n"
    );
    assert!(stderr.ends_with(&expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_faithful_server_passes_the_same_bench() {
    let faithful = echo_server(false);
    let out = bench_vs(faithful);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Its row is in the table.
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains(&faithful.to_string()), "{table}");
}

#[test]
fn one_byte_changed_fails_the_fair_load() {
    let corrupting = echo_server(true);
    let out = bench_load_vs("fair", corrupting);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The stream meets the changed byte first: its reader is the one that reports.
    let expected = format!(
        "echo_bench: fair: pings and new connections beside a stream on {corrupting} failed: \
         fair load's stream: the bytes echoed by {corrupting} differ from the bytes sent\n"
    );
    assert!(stderr.ends_with(&expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_faithful_server_passes_the_fair_load() {
    let faithful = echo_server(false);
    let out = bench_load_vs("fair", faithful);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // The fair load alone: its table, with a row for every server, and no other table.
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Fair load, median of 3 runs"), "{report}");
    for server in [
        "echo_server",
        "event_loop",
        "threads",
        &format!("vs {faithful}"),
    ] {
        let row = format!("| {server} ");
        assert!(report.contains(&row), "no row '{row}' in:\n{report}");
    }
    assert!(!report.contains("64 MiB MB/s |"), "{report}");
}
