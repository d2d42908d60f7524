//! Fairness: a client that streams must not stop an echo server from serving the others, nor
//! from stopping when told. A loop on one thread serves everyone only if the task echoing the
//! stream pauses now and then, even though its socket is always ready.
//!
//! The server and the streaming client share one CPU ([`share_a_cpu`]). Then the server never
//! finds its socket empty or full: while it runs, the client waits for the CPU with megabytes
//! queued each way, and while the client runs, the server waits. A server that pauses only
//! when a read or write would block never pauses; on CPUs of their own, the client falls behind
//! now and then, and such a server gets away with it.
//!
//! The streaming client ([`Streamer`]) never stops by itself: it writes and reads its echo
//! until the test tells it to stop. So "served while the stream runs" is a condition on
//! events, not on time: the ping is answered, the stream has not ended, and more of the stream
//! comes back after the answer. The one bound, [`SERVED_WITHIN`], turns a server that serves
//! nobody else while the stream runs into a failure with a message instead of a hang.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::echo_checks::StartCommand;
use crate::echo_server::{Server, binary_bytes};

/// How long a ping, a new client or a signal may wait while another client streams: far more
/// than a fair server takes (milliseconds), far less than the stream would run by itself (for
/// ever).
pub const SERVED_WITHIN: Duration = Duration::from_secs(10);

/// How many pings are answered, one after the other, while the stream runs.
const PINGS: usize = 5;

/// What the streaming client's reader has seen.
#[derive(Default)]
struct Echoed {
    bytes: u64,
    /// The server ended the stream (end of stream, or an error).
    ended: bool,
}

/// A client that streams to the server until told to stop: one thread writes 1 MiB chunks,
/// another reads the echo as fast as it comes, counting the bytes.
pub struct Streamer {
    echoed: Arc<(Mutex<Echoed>, Condvar)>,
    stop: Arc<Mutex<bool>>,
    writer: JoinHandle<()>,
    /// Gives the bytes echoed in all.
    reader: JoinHandle<u64>,
}

impl Streamer {
    /// Connects to `server` and starts streaming, on the CPU that `server` runs on.
    pub fn start(server: &Server) -> Streamer {
        let cpu = share_a_cpu(server);
        let stream = connect_with_big_buffers(server.port);
        let stop = Arc::new(Mutex::new(false));
        let echoed = Arc::new((Mutex::new(Echoed::default()), Condvar::new()));
        let mut out = stream.try_clone().unwrap();
        let stopped = Arc::clone(&stop);
        let writer = thread::spawn(move || {
            pin_this_thread(cpu);
            let chunk = binary_bytes(CHUNK);
            while !*stopped.lock().unwrap() {
                if out.write_all(&chunk).is_err() {
                    return; // the server is gone
                }
            }
            let _ = out.shutdown(Shutdown::Write);
        });
        let mut input = stream;
        // Its reads never time out: the stream may be long, and `stop` ends it.
        input.set_read_timeout(None).unwrap();
        let seen = Arc::clone(&echoed);
        let reader = thread::spawn(move || {
            pin_this_thread(cpu);
            let mut buf = vec![0u8; CHUNK];
            loop {
                let read = input.read(&mut buf);
                let (state, changed) = &*seen;
                let mut state = state.lock().unwrap();
                match read {
                    Ok(n) if n > 0 => state.bytes += n as u64,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    _ => state.ended = true,
                }
                changed.notify_all();
                if state.ended {
                    return state.bytes;
                }
            }
        });
        Streamer {
            echoed,
            stop,
            writer,
            reader,
        }
    }

    /// The bytes of the stream echoed so far.
    pub fn echoed(&self) -> u64 {
        self.echoed.0.lock().unwrap().bytes
    }

    /// Waits until more than `bytes` of the stream have come back; fails, saying `why`, if the
    /// stream ended first or nothing more came in [`SERVED_WITHIN`].
    pub fn wait_for_echo_past(&self, bytes: u64, why: &str) {
        let (state, changed) = &*self.echoed;
        let state = state.lock().unwrap();
        let (state, _) = changed
            .wait_timeout_while(state, SERVED_WITHIN, |s| s.bytes <= bytes && !s.ended)
            .unwrap();
        assert!(
            !state.ended,
            "the server ended the stream after {} bytes ({why})",
            state.bytes
        );
        assert!(
            state.bytes > bytes,
            "the stream stalled at {bytes} bytes for {SERVED_WITHIN:?} ({why})"
        );
    }

    /// Stops streaming (end of stream, once the last chunk is written); returns the bytes
    /// echoed in all, once the server has closed its side.
    pub fn stop(self) -> u64 {
        *self.stop.lock().unwrap() = true;
        self.writer.join().unwrap();
        self.reader.join().unwrap()
    }
}

/// Pins every thread of `server` to one CPU, the first this process may use, and returns it.
fn share_a_cpu(server: &Server) -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let allowed = status
        .lines()
        .find_map(|l| l.strip_prefix("Cpus_allowed_list:"));
    let first = allowed.and_then(|list| list.trim().split([',', '-']).next());
    let cpu = first.and_then(|cpu| cpu.parse::<u32>().ok());
    let cpu = cpu.unwrap_or_else(|| panic!("no CPU in /proc/self/status: {allowed:?}"));
    taskset(&[
        "-a",
        "-p",
        "-c",
        &cpu.to_string(),
        &server.pid().to_string(),
    ]);
    cpu
}

/// Pins the calling thread to `cpu`.
fn pin_this_thread(cpu: u32) {
    // /proc/thread-self is a link to PID/task/TID.
    let link = std::fs::read_link("/proc/thread-self").unwrap();
    let tid = link.file_name().unwrap().to_str().unwrap().to_string();
    taskset(&["-p", "-c", &cpu.to_string(), &tid]);
}

/// Runs `taskset ARGS` (util-linux), quietly.
fn taskset(args: &[&str]) {
    let status = std::process::Command::new("taskset")
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run taskset (util-linux): {e}"));
    assert!(status.success(), "taskset {args:?}: {status}");
}

/// The streaming client's writes and reads: 1 MiB each, few system calls for many bytes.
const CHUNK: usize = 1 << 20;

/// The largest socket buffers the system grants (`net.core.wmem_max`, `rmem_max`), asked for.
const BUFFERS: u32 = 64 << 20;

/// A connection to `port` on 127.0.0.1 whose send and receive buffers are as large as the
/// system allows: the streaming client keeps megabytes queued each way, so the server's reads
/// keep finding data and its writes room even when the client's threads wait for the CPU.
fn connect_with_big_buffers(port: u16) -> TcpStream {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_send_buffer_size(BUFFERS).unwrap();
        socket.set_recv_buffer_size(BUFFERS).unwrap();
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        socket.connect(addr).await.unwrap().into_std().unwrap()
    });
    stream.set_nonblocking(false).unwrap();
    stream
}

/// Sends a 1 KiB ping on `client` and reads its echo, for [`SERVED_WITHIN`] at most.
fn ping(client: &TcpStream, what: &str) {
    let ping = binary_bytes(1024);
    (&*client).write_all(&ping).unwrap();
    client.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    let mut echo = vec![0u8; ping.len()];
    (&*client).read_exact(&mut echo).unwrap_or_else(|e| {
        panic!(
            "{what}: no echo in {SERVED_WITHIN:?} while another client streamed ({e}): the \
             task echoing the stream kept the loop"
        )
    });
    assert!(echo == ping, "{what}: the echo differs from the ping");
}

/// While a client streams, another client's pings are answered, one after the other, and a
/// new client is accepted and echoed. After each answer, more of the stream comes back: it
/// was served all along, not stopped to let the others in.
pub fn a_streaming_client_stops_no_other_client(command: StartCommand) {
    let server = Server::start(command("127.0.0.1"));
    let stream = Streamer::start(&server);
    stream.wait_for_echo_past(0, "the stream's first echo");
    let pinger = server.connect();
    for i in 1..=PINGS {
        ping(&pinger, &format!("ping {i}"));
        let so_far = stream.echoed();
        stream.wait_for_echo_past(so_far, &format!("after ping {i}"));
    }
    let newcomer = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    ping(&newcomer, "a new client");
    let so_far = stream.echoed();
    stream.wait_for_echo_past(so_far, "after the new client");
    drop((pinger, newcomer));
    let echoed = stream.stop();
    assert!(echoed > 0);
    server.signal("INT");
    let (status, log) = server.finish();
    assert!(status.success(), "{status}: {log:?}");
}

/// SIGINT, sent while a client streams, stops the server (exit 0, `Server stopped`) within
/// [`SERVED_WITHIN`], though the stream would never end by itself.
pub fn sigint_stops_it_while_a_client_streams(command: StartCommand) {
    let server = Server::start(command("127.0.0.1"));
    let stream = Streamer::start(&server);
    stream.wait_for_echo_past(0, "the stream's first echo");
    let so_far = stream.echoed();
    stream.wait_for_echo_past(so_far, "before the signal");
    server.signal("INT");
    let (status, log) = server.finish_within(SERVED_WITHIN);
    assert_eq!(status.code(), Some(0), "{log:?}");
    assert_eq!(log.last().unwrap(), "INFO:root:Server stopped", "{log:?}");
    stream.stop(); // ended by the server's exit
}
