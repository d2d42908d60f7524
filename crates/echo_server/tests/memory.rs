//! Clients that send without ever reading cost the server bounded memory: it reads a client
//! only as fast as it can write the echo back, so what such a client sends piles up in the
//! kernel's socket buffers, and then its writes block. A server that read ahead of its clients
//! (into a queue without a limit) would hold everything they send.

mod support;

use std::thread;
use std::time::Duration;

use testkit::echo_server::{peer_repr, send_without_reading};

use support::start;

/// The most memory the server may hold at its peak: far above what it needs (a few MiB), far
/// below what the flood would take were it buffered.
const PEAK_BOUND_KIB: u64 = 64 * 1024;

/// How many clients flood the server at once.
const FLOODERS: usize = 2;

/// How long a flooding client's write may stay blocked before it takes the server to have
/// stopped reading it. Not a limit on the server's speed: a server that keeps reading unblocks
/// the write at once, and one that stopped never does.
const STALLED: Duration = Duration::from_secs(2);

/// The most bytes the kernel can hold between a client that does not read and a server that
/// does not read it further: the client's send buffer and the server's receive buffer one way,
/// the server's send buffer and the client's receive buffer the other, each at most the
/// system's largest (`net.ipv4.tcp_wmem` and `tcp_rmem`), plus the 64 KiB the server gathers.
fn kernel_buffers() -> u64 {
    let largest = |name: &str| -> u64 {
        let path = format!("/proc/sys/net/ipv4/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let max = text.split_whitespace().last().and_then(|v| v.parse().ok());
        max.unwrap_or_else(|| panic!("{path}: no largest size in {text:?}"))
    };
    2 * (largest("tcp_wmem") + largest("tcp_rmem")) + 64 * 1024
}

#[test]
fn clients_that_send_without_reading_cost_bounded_memory() {
    let mut server = start("127.0.0.1");
    let buffered = kernel_buffers();
    // Each client tries to send 128 MiB more than the kernel can hold: only a server that reads
    // on without writing takes it all.
    let flood = buffered + (128 << 20);
    let flooders: Vec<_> = (0..FLOODERS)
        .map(|_| {
            let client = server.connect();
            server.wait_for(&format!("Client connected from {}", peer_repr(&client)));
            thread::spawn(move || send_without_reading(client, flood, STALLED))
        })
        .collect();
    let sent: Vec<u64> = flooders.into_iter().map(|f| f.join().unwrap()).collect();
    // Read while the flooding connections are still open, and the server alive.
    let peak = testkit::peak_resident_kib(server.pid()).unwrap();
    eprintln!("sent {sent:?} bytes without reading; server's peak {peak} KiB");
    for sent in &sent {
        assert!(
            *sent <= buffered,
            "a client that never reads sent {sent} bytes, more than the {buffered} the \
             kernel can hold: the server read ahead of its echo (peak {peak} KiB)"
        );
    }
    assert!(
        peak < PEAK_BOUND_KIB,
        "peak resident memory {peak} KiB, over {PEAK_BOUND_KIB} KiB, after clients sent {sent:?}"
    );
    server.signal("INT");
    let (status, _) = server.finish();
    assert!(status.success());
}
