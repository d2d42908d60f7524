//! Signals as I/O events: the self-pipe, which asyncio sets up with `signal.set_wakeup_fd` for
//! `loop.add_signal_handler`, and tokio with the same crate as here (`signal-hook-registry`).
//!
//! A signal handler interrupts the program wherever it is, and may do almost nothing safely:
//! no allocation, no lock, no waking of a task. What it may do is write one byte to a socket.
//! So the handler (installed by `signal-hook`, whose safe `low_level::pipe::register` does just
//! that write) writes to one end of a pair of connected sockets, and the other end is
//! registered with the reactor like any TCP socket: the selector reports it readable, and the
//! task that waits for the signal is woken by I/O (`woken by io` in a trace). The loop needs
//! nothing new: a signal has become a readiness event.
//!
//! Catching a signal needs a handler, which the standard library does not offer, and
//! installing one takes `unsafe` code, which this workspace forbids in its own crates:
//! `signal-hook` holds that code.

use std::io::{self, Read};
use std::os::unix::net::UnixStream;

use signal_hook::SigId;
use signal_hook::low_level::{pipe, unregister};

use crate::executor;
use crate::reactor::{Direction, Source};

/// Some signals, caught from [`Signals::new`] on: `loop.add_signal_handler` for each, as a
/// socket that becomes readable when one arrives. Must be made inside [`run`](crate::run).
pub struct Signals {
    /// The reading end of the self-pipe, registered with the loop's reactor.
    reader: Source<mio::net::UnixStream>,
    /// The handlers' registrations: each owns a copy of the writing end.
    handlers: Vec<SigId>,
}

impl Signals {
    /// Catches `signals` (`signal_hook::consts::SIGINT`, ...) from now on: instead of their
    /// default action (death, for SIGINT and SIGTERM), each one wakes [`recv`](Signals::recv).
    /// A signal that the parent process ignored is caught too, as tokio and asyncio catch it.
    pub fn new(signals: &[i32]) -> io::Result<Signals> {
        let reactor = executor::current_reactor("Signals::new").map_err(io::Error::other)?;
        let (reader, writer) = UnixStream::pair()?;
        // The reactor's readiness is edge-triggered: reads must say `WouldBlock`, not wait.
        reader.set_nonblocking(true)?;
        let reader = Source::new(&reactor, mio::net::UnixStream::from_std(reader))?;
        let mut caught = Signals {
            reader,
            handlers: Vec::with_capacity(signals.len()),
        };
        // One copy of the writing end per signal (the last takes the original): a file
        // descriptor each, held by the handler's registration, and closed with it when
        // `Signals` is dropped.
        if let Some((&last, others)) = signals.split_last() {
            for &signal in others {
                caught
                    .handlers
                    .push(pipe::register(signal, writer.try_clone()?)?);
            }
            caught.handlers.push(pipe::register(last, writer)?);
        }
        Ok(caught)
    }

    /// Waits until one of the signals arrives (or has arrived since the last `recv`). Several
    /// arriving before the task runs count as one, as the system itself merges a signal sent
    /// again before it was handled.
    pub async fn recv(&self) -> io::Result<()> {
        self.reader
            .io_op(Direction::Read, |mut reader| {
                let mut bytes = [0u8; 64];
                let mut arrived = false;
                // Take every byte written so far, so that the next `recv` waits for a new
                // signal; return once the socket is empty.
                loop {
                    match reader.read(&mut bytes) {
                        Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                        Ok(_) => arrived = true,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock && arrived => {
                            return Ok(());
                        }
                        // `WouldBlock` with nothing read: the reactor wakes us on the next byte.
                        Err(e) => return Err(e),
                    }
                }
            })
            .await
    }
}

#[cfg(test)]
impl Signals {
    /// The reading end's descriptor, for a test that its writing ends close.
    pub(crate) fn reader_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        std::os::fd::AsFd::as_fd(self.reader.io())
    }
}

impl Drop for Signals {
    /// Stops writing to the socket: each registration goes, and with it its copy of the writing
    /// end, closed. As with tokio, the default action does not come back: the handler stays
    /// installed for the rest of the process, and the signals are then ignored.
    fn drop(&mut self) {
        for &id in &self.handlers {
            unregister(id);
        }
    }
}
