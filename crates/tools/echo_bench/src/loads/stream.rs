//! The stream: 64 MiB through one connection.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use super::data::mismatch;
use super::{Outcome, too_slow};
use crate::{LIMIT, Res};

/// 64 MiB through one connection: a writer thread sends it while this thread reads the echo
/// and compares it with what was sent, byte for byte. MB/s = 10^6 bytes per second.
pub fn stream_64(addr: SocketAddr, data: &Arc<Vec<u8>>) -> Res<Outcome<f64>> {
    let mut stream = TcpStream::connect_timeout(&addr, LIMIT)?;
    stream.set_read_timeout(Some(LIMIT))?;
    stream.set_write_timeout(Some(LIMIT))?;
    let mut writer = stream.try_clone()?;
    let sent = Arc::clone(data);
    let start = Instant::now();
    let sending = thread::spawn(move || -> io::Result<()> {
        for chunk in sent.chunks(64 * 1024) {
            writer.write_all(chunk)?;
        }
        writer.shutdown(Shutdown::Write)
    });
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0;
    let outcome = loop {
        if start.elapsed() > LIMIT {
            break too_slow(format!("{} of 64 MiB echoed in 5 s", at >> 20));
        }
        let n = match stream.read(&mut buf) {
            Ok(0) => break Outcome::Done(start.elapsed()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                break too_slow(format!("no echo for 5 s after {} MiB", at >> 20));
            }
            Err(e) => return Err(e.into()),
        };
        if at + n > data.len() || buf[..n] != data[at..at + n] {
            let _ = stream.shutdown(Shutdown::Both);
            return Err(mismatch("stream", addr));
        }
        at += n;
    };
    // Unblock the writer if we gave up, then collect it.
    let _ = stream.shutdown(Shutdown::Both);
    let written = sending.join().map_err(|_| "stream writer panicked")?;
    match outcome {
        Outcome::Done(elapsed) => {
            written?;
            if at != data.len() {
                return Err(format!(
                    "stream: {addr} closed after echoing {at} of {} bytes",
                    data.len()
                )
                .into());
            }
            Ok(Outcome::Done(
                data.len() as f64 / elapsed.as_secs_f64() / 1e6,
            ))
        }
        Outcome::GaveUp { short, why } => Ok(Outcome::GaveUp { short, why }),
    }
}
