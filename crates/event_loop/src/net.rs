//! TCP sockets on the loop's reactor, with the names tokio gives them (`TcpListener::bind`,
//! `accept`, `TcpStream::connect`, `read`, `write_all`, `shutdown`), so that the slides' echo
//! server and client run on this loop with little more than their imports changed.
//!
//! Each operation tries the system call at once, and waits in the reactor only when the call
//! says `WouldBlock` (see `reactor.rs`: readiness is edge-triggered, so that is the one moment
//! a task may wait). The sockets must be made inside [`run`](crate::run): they register with
//! the running loop's selector.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, ToSocketAddrs};
use std::os::fd::{AsFd, BorrowedFd};
use std::rc::Rc;

use socket2::{Domain, Protocol, Socket, Type};

use crate::blocking::spawn_blocking;
use crate::executor;
use crate::reactor::{Direction, Reactor, Source};

/// How many connections the kernel may hold for a listener before `accept` takes them: 4096,
/// as echo_server asks, Linux's default `net.core.somaxconn` (which caps whatever is asked
/// for). A burst of thousands of clients overflows a shorter queue, and each connection the
/// kernel drops waits a second or more for its client to try again.
const BACKLOG: i32 = 4096;

fn reactor(what: &'static str) -> io::Result<Rc<Reactor>> {
    executor::current_reactor(what).map_err(io::Error::other)
}

/// `asyncio.start_server`'s listening socket: accepts connections, each a [`TcpStream`].
pub struct TcpListener {
    source: Source<mio::net::TcpListener>,
}

impl TcpListener {
    /// Listens on `addr` (port 0: one the system picks), with `SO_REUSEADDR` as asyncio sets
    /// it, and a listen backlog of [`BACKLOG`].
    ///
    /// The backlog is the queue of connections the kernel completes and holds until `accept`
    /// takes them. std's and mio's `bind` ask for 128 and offer no choice, and calling
    /// `listen` by hand takes `unsafe` code, which this workspace forbids in its own crates;
    /// `socket2` (the crate under tokio's `TcpSocket`) does it safely: the socket is
    /// made, bound and listening there, then handed to mio.
    pub async fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
        let reactor = reactor("TcpListener::bind")?;
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        socket.set_reuse_address(true)?;
        socket.bind(&addr.into())?;
        socket.listen(BACKLOG)?;
        // The reactor's readiness is edge-triggered: `accept` must say `WouldBlock`, not wait.
        socket.set_nonblocking(true)?;
        let listener = mio::net::TcpListener::from_std(socket.into());
        let source = Source::new(&reactor, listener)?;
        Ok(TcpListener { source })
    }

    /// The next connection, and the address of its peer. Each accepted socket goes on the
    /// same loop as the listener.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (stream, peer) = self
            .source
            .io_op(Direction::Read, mio::net::TcpListener::accept)
            .await?;
        let source = Source::new(&reactor("TcpListener::accept")?, stream)?;
        Ok((TcpStream { source }, peer))
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.source.io().local_addr()
    }
}

/// One TCP connection, both reader and writer (asyncio's `reader, writer` pair). Its methods
/// take `&self`, so one task may read while another writes (share it in an `Rc`). Two tasks
/// may even read at once: both are woken when bytes arrive, and each gets some of them, in no
/// order you can count on.
pub struct TcpStream {
    source: Source<mio::net::TcpStream>,
}

impl TcpStream {
    /// Connects to `addr`: starts the connection, then waits until it is writable, which is
    /// when the system has an answer (accepted, refused, unreachable).
    pub async fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
        let reactor = reactor("TcpStream::connect")?;
        let source = Source::new(&reactor, mio::net::TcpStream::connect(addr)?)?;
        // As asyncio's `sock_connect`, wait for the socket's first writable event before
        // looking: a socket registered once connected gets that event at once, so nothing is
        // lost, and the order of wakeups does not depend on how fast the system connected.
        let mut looked = false;
        source
            .io_op(Direction::Write, |stream| {
                if !std::mem::replace(&mut looked, true) {
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                if let Some(e) = stream.take_error()? {
                    return Err(e); // refused, unreachable...
                }
                match stream.peer_addr() {
                    Ok(_) => Ok(()),
                    // Not connected yet: wait for the next writable event.
                    Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                    Err(e) => Err(e),
                }
            })
            .await?;
        Ok(TcpStream { source })
    }

    /// Reads what has arrived, up to `buf.len()` bytes; waits if nothing has. `Ok(0)`: the
    /// peer has closed its side (end of stream).
    pub async fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.source
            .io_op(Direction::Read, |mut stream| stream.read(buf))
            .await
    }

    /// [`read`](TcpStream::read) without waiting: `WouldBlock` if nothing has arrived.
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        let mut stream = self.source.io();
        stream.read(buf)
    }

    /// Writes every byte of `buf`, waiting whenever the kernel's send buffer is full: a peer
    /// that does not read stops its writer here, instead of making it buffer without bound.
    pub async fn write_all(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let written = self
                .source
                .io_op(Direction::Write, |mut stream| stream.write(buf))
                .await?;
            if written == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            buf = &buf[written..];
        }
        Ok(())
    }

    /// Half-closes: sends FIN, so the peer reads end of stream, and can still send to us.
    /// The socket itself closes when dropped.
    pub async fn shutdown(&self) -> io::Result<()> {
        self.source.io().shutdown(Shutdown::Write)
    }

    /// `TCP_NODELAY`: small writes go out at once, not merged by Nagle's algorithm.
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.source.io().set_nodelay(nodelay)
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.source.io().local_addr()
    }

    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.source.io().peer_addr()
    }
}

/// The socket's file descriptor, as tokio's `TcpStream` gives it.
impl AsFd for TcpStream {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.source.io().as_fd()
    }
}

/// The addresses of `host`, as `loop.getaddrinfo` gives them. The system's resolver blocks, so,
/// as asyncio does, it runs on a thread of its own ([`spawn_blocking`]); the loop goes on
/// meanwhile. An IP address needs no thread.
pub async fn lookup_host(host: &str, port: u16) -> io::Result<Vec<SocketAddr>> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let host = host.to_string();
    spawn_blocking(move || {
        (host.as_str(), port)
            .to_socket_addrs()
            .map(Iterator::collect)
    })
    .await?
}
