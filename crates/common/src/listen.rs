//! Listening as asyncio's `start_server` does: on every address a host resolves to, all on one
//! port. echo_server (on tokio) and event_loop's `echo-server` (on its own reactor) share this
//! rule; each brings its own lookup and its own `bind`, since their sockets differ.
//!
//! With port 0 and several addresses, the system picks a free port for the first; it may be
//! taken on another, so the whole set is tried again on a new port, [`PORT_0_ATTEMPTS`] times
//! at most.

use std::io;
use std::net::SocketAddr;

/// How many times to retry when the system picked a free port for the first address, but that
/// port is taken on another one (only with port 0 and a host with several addresses).
pub const PORT_0_ATTEMPTS: usize = 10;

/// What a lookup of `host` gave, each address once and in order; an error that names `host`
/// when the lookup failed or gave none.
pub fn addresses(
    host: &str,
    port: u16,
    resolved: io::Result<impl IntoIterator<Item = SocketAddr>>,
) -> Result<Vec<SocketAddr>, String> {
    let where_ = crate::pyrepr::host_port(host, port);
    let resolved = resolved
        .map_err(|e| format!("cannot listen on {where_}: cannot resolve host '{host}': {e}"))?;
    let mut addrs: Vec<SocketAddr> = Vec::new();
    for addr in resolved {
        if !addrs.contains(&addr) {
            addrs.push(addr);
        }
    }
    if addrs.is_empty() {
        return Err(format!(
            "cannot listen on {where_}: host '{host}' has no address"
        ));
    }
    Ok(addrs)
}

/// Listens on each of `addrs` (the addresses of `host`, asked for with `port`), all on one
/// port: `bind` listens on one address and gives the listener and the port it bound. When
/// `port` is 0, the port the system picks for the first address is asked for on the others.
/// The error names the address that failed.
pub async fn on_every_address<L>(
    host: &str,
    port: u16,
    addrs: &[SocketAddr],
    mut bind: impl AsyncFnMut(SocketAddr) -> io::Result<(L, u16)>,
) -> Result<Vec<L>, String> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        match on_one_port(addrs, &mut bind).await {
            Ok(listeners) => return Ok(listeners),
            Err((_, e))
                if port == 0
                    && e.kind() == io::ErrorKind::AddrInUse
                    && attempts < PORT_0_ATTEMPTS => {}
            Err((addr, e)) => {
                let where_ = crate::pyrepr::host_port(host, port);
                return Err(format!("cannot listen on {where_} ({addr}): {e}"));
            }
        }
    }
}

/// One attempt: every address on the port of the first.
async fn on_one_port<L>(
    addrs: &[SocketAddr],
    bind: &mut impl AsyncFnMut(SocketAddr) -> io::Result<(L, u16)>,
) -> Result<Vec<L>, (SocketAddr, io::Error)> {
    let mut listeners = Vec::with_capacity(addrs.len());
    let mut port = addrs.first().map_or(0, SocketAddr::port);
    for &addr in addrs {
        let mut addr = addr;
        addr.set_port(port);
        let (listener, bound) = bind(addr).await.map_err(|e| (addr, e))?;
        port = bound;
        listeners.push(listener);
    }
    Ok(listeners)
}
