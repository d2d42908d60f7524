//! Clients that send without ever reading cost the server bounded memory: it reads a client
//! only as fast as it can write the echo back, so what such a client sends piles up in the
//! kernel's socket buffers, and then its writes block. A server that read ahead of its clients
//! (into a queue without a limit) would hold everything they send.

mod support;

use std::thread;

use testkit::echo_server::{STALLED, kernel_buffers, peer_repr, send_without_reading};

use support::start;

/// The most memory the server may hold at its peak: far above what it needs (a few MiB), far
/// below what the flood would take were it buffered.
const PEAK_BOUND_KIB: u64 = 64 * 1024;

/// How many clients flood the server at once.
const FLOODERS: usize = 2;

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
