//! `asyncio.start_server(handle_client, host, port)`, up to the point where it listens: every
//! address the host resolves to, on one port, with a listen backlog for bursts.
//!
//! What the slide's program, written in Rust as `TcpListener::bind((host, port))`, would get
//! wrong without this module:
//! - `bind` listens on the first address that works only. `localhost` is often both `::1` and
//!   `127.0.0.1`: the server would listen on one, and a client that tries the other first
//!   would be refused. asyncio listens on all of them, and so does [`start_server`].
//! - With port 0 and several addresses, the system picks a free port for the first; it may be
//!   taken on another, so the whole set is tried again on a new port ([`PORT_0_ATTEMPTS`]).
//! - The listen backlog, the queue of connections the kernel holds until `accept` takes them:
//!   tokio's `bind` asks for 1024, asyncio for 100. A burst of thousands of
//!   clients overflows such a queue, and the kernel drops SYNs that clients resend only after
//!   a second or more. [`BACKLOG`] asks for more.

use std::error::Error;
use std::io;
use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpSocket};

/// How many connections the kernel may hold for us before `accept` takes them: 4096, Linux's
/// default `net.core.somaxconn` since kernel 5.4, which caps whatever is asked for (so asking
/// for more would only read as more than the server gets).
pub const BACKLOG: u32 = 4096;

/// How many times to retry when the system picked a free port for the first address, but that
/// port is taken on another one (only with port 0 and a host with several addresses).
const PORT_0_ATTEMPTS: usize = 10;

/// Listens on one address with our backlog. `SO_REUSEADDR`, as asyncio sets it, lets the
/// server restart at once on a port whose old connections are still in TIME_WAIT; it does not
/// let two servers listen on the same port.
pub fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Listens on each of `addrs`, all on one port: when the port asked for is 0, the system picks
/// it for the first address and the others take the same.
fn listen_all(addrs: &[SocketAddr]) -> Result<Vec<TcpListener>, (SocketAddr, io::Error)> {
    let mut listeners = Vec::with_capacity(addrs.len());
    let mut port = addrs.first().map_or(0, SocketAddr::port);
    for &addr in addrs {
        let mut addr = addr;
        addr.set_port(port);
        let listener = listen(addr).map_err(|e| (addr, e))?;
        port = listener.local_addr().map_err(|e| (addr, e))?.port();
        listeners.push(listener);
    }
    Ok(listeners)
}

/// `asyncio.start_server(handle_client, host, port)`, up to the point where it listens: one
/// listener for each address of `host`.
pub async fn start_server(host: &str, port: u16) -> Result<Vec<TcpListener>, Box<dyn Error>> {
    let where_ = common::pyrepr::host_port(host, port);
    let mut addrs: Vec<SocketAddr> = Vec::new();
    let resolved = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| format!("cannot listen on {where_}: cannot resolve host '{host}': {e}"))?;
    for addr in resolved {
        if !addrs.contains(&addr) {
            addrs.push(addr);
        }
    }
    if addrs.is_empty() {
        return Err(format!("cannot listen on {where_}: host '{host}' has no address").into());
    }
    let mut attempts = 0;
    loop {
        attempts += 1;
        match listen_all(&addrs) {
            Ok(listeners) => return Ok(listeners),
            // With port 0, a port free on the first address may be taken on another: try
            // another port.
            Err((_, e))
                if port == 0
                    && e.kind() == io::ErrorKind::AddrInUse
                    && attempts < PORT_0_ATTEMPTS => {}
            Err((addr, e)) => return Err(format!("cannot listen on {where_} ({addr}): {e}").into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listens_on_every_address_on_one_port() {
        let addrs: Vec<SocketAddr> = vec![
            "127.0.0.1:0".parse().unwrap(),
            "127.0.0.2:0".parse().unwrap(),
        ];
        let listeners = listen_all(&addrs).unwrap();
        let bound: Vec<SocketAddr> = listeners.iter().map(|l| l.local_addr().unwrap()).collect();
        assert_eq!(bound[0].ip(), addrs[0].ip());
        assert_eq!(bound[1].ip(), addrs[1].ip());
        assert_ne!(bound[0].port(), 0);
        assert_eq!(bound[0].port(), bound[1].port());
    }

    #[tokio::test]
    async fn a_port_in_use_names_the_address() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = start_server("127.0.0.1", port)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("('127.0.0.1', {port})")), "{err}");
        assert!(err.contains("in use"), "{err}");
    }
}
