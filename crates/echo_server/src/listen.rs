//! `asyncio.start_server(handle_client, host, port)`, up to the point where it listens: every
//! address the host resolves to, on one port, with a listen backlog for bursts.
//!
//! What the slide's program, written in Rust as `TcpListener::bind((host, port))`, would get
//! wrong without this module:
//! - `bind` listens on the first address that works only. `localhost` is often both `::1` and
//!   `127.0.0.1`: the server would listen on one, and a client that tries the other first
//!   would be refused. asyncio listens on all of them, and so does [`start_server`].
//! - With port 0 and several addresses, the system picks a free port for the first; it may be
//!   taken on another, so the whole set is tried again on a new port. Both rules are
//!   [`common::listen`]'s, which event_loop's `echo-server` follows too.
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

/// Listens on `addr` and gives the port it bound, for [`common::listen::on_every_address`].
async fn bind(addr: SocketAddr) -> io::Result<(TcpListener, u16)> {
    let listener = listen(addr)?;
    let port = listener.local_addr()?.port();
    Ok((listener, port))
}

/// `asyncio.start_server(handle_client, host, port)`, up to the point where it listens: one
/// listener for each address of `host`.
pub async fn start_server(host: &str, port: u16) -> Result<Vec<TcpListener>, Box<dyn Error>> {
    let resolved = tokio::net::lookup_host((host, port)).await;
    let addrs = common::listen::addresses(host, port, resolved)?;
    Ok(common::listen::on_every_address(host, port, &addrs, bind).await?)
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
        let listeners = common::listen::on_every_address("127.0.0.1", 0, &addrs, bind)
            .await
            .unwrap();
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

    /// Port 0 on two addresses, where the port the system picks for the first is, this once,
    /// already taken on the second: another listener takes it there just before our `bind`.
    /// The whole set is tried again, on a new port.
    #[tokio::test]
    async fn port_0_taken_on_another_address_is_tried_again_on_a_new_port() {
        let addrs: Vec<SocketAddr> = vec![
            "127.0.0.1:0".parse().unwrap(),
            "127.0.0.2:0".parse().unwrap(),
        ];
        let second = addrs[1].ip();
        let mut taken: Option<std::net::TcpListener> = None;
        let listeners =
            common::listen::on_every_address("localhost", 0, &addrs, async |addr: SocketAddr| {
                if addr.ip() == second && taken.is_none() {
                    // Another program got there first.
                    taken = Some(std::net::TcpListener::bind(addr)?);
                }
                bind(addr).await
            })
            .await
            .unwrap_or_else(|e| panic!("no new port after the first was taken: {e}"));
        let taken = taken.expect("the second address was never bound");
        let taken = taken.local_addr().unwrap().port();
        let bound: Vec<SocketAddr> = listeners.iter().map(|l| l.local_addr().unwrap()).collect();
        assert_eq!(bound[0].port(), bound[1].port(), "{bound:?}");
        assert_ne!(bound[0].port(), taken, "{bound:?} on the port taken");
        assert_eq!(bound[1].ip(), second);
    }
}
