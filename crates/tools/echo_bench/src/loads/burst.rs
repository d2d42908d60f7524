//! The burst: 10,000 connections at once.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

use super::data::{Pool, mismatch};
use super::{Outcome, too_slow};
use crate::system::status_field;
use crate::{BURST, LIMIT, MSG, Res};

/// 10,000 connections opened at once, each sending one 1 KiB message and reading its echo.
/// Each stays open until every one has been echoed, so the server holds all 10,000 at the
/// moment its memory and threads are sampled. The time is from the first connect to the last
/// echo; the closing afterwards is not timed.
pub fn burst(
    addr: SocketAddr,
    pid: Option<u32>,
    pool: &Arc<Pool>,
) -> Res<(Outcome<f64>, Option<u64>)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let echoed = Arc::new(AtomicUsize::new(0));
        // Clients whose connection failed (refused, reset, timed out): a server that cannot
        // take the burst is measured, not a reason to stop the bench.
        let failed = Arc::new(AtomicUsize::new(0));
        let first_error: Arc<Mutex<Option<String>>> = Arc::default();
        let wrong_bytes = Arc::new(AtomicUsize::new(0));
        let all_settled = Arc::new(Notify::new());
        let (release, released) = watch::channel(false);
        let mut clients = JoinSet::new();
        let start = Instant::now();
        for conn in 0..BURST {
            let (pool, echoed, failed, first_error, wrong_bytes, all_settled, mut released) = (
                Arc::clone(pool),
                Arc::clone(&echoed),
                Arc::clone(&failed),
                Arc::clone(&first_error),
                Arc::clone(&wrong_bytes),
                Arc::clone(&all_settled),
                released.clone(),
            );
            clients.spawn(async move {
                let result = burst_client(addr, pool.message(conn, 0)).await;
                let settled = |counter: &AtomicUsize| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    let done = echoed.load(Ordering::SeqCst) + failed.load(Ordering::SeqCst);
                    if done == BURST || wrong_bytes.load(Ordering::SeqCst) > 0 {
                        all_settled.notify_one();
                    }
                };
                match result {
                    Ok(Some(mut stream)) => {
                        settled(&echoed);
                        let _ = released.wait_for(|go| *go).await;
                        let _ = stream.shutdown().await;
                        let mut rest = Vec::new();
                        let _ = stream.read_to_end(&mut rest).await;
                    }
                    Ok(None) => settled(&wrong_bytes),
                    Err(e) => {
                        first_error.lock().unwrap().get_or_insert(e.to_string());
                        settled(&failed);
                    }
                }
            });
        }
        let finished = tokio::time::timeout(LIMIT, all_settled.notified()).await;
        let elapsed = start.elapsed();
        if wrong_bytes.load(Ordering::SeqCst) > 0 {
            return Err(mismatch("burst", addr));
        }
        // All connections are open now: the server's threads at this moment.
        let threads = pid.and_then(|pid| status_field(pid, "Threads"));
        let (echoed, failed) = (echoed.load(Ordering::SeqCst), failed.load(Ordering::SeqCst));
        let outcome = match finished {
            Ok(()) if failed == 0 => Outcome::Done(elapsed.as_secs_f64()),
            Ok(()) => Outcome::GaveUp {
                short: "failed",
                why: format!(
                    "{echoed} of {BURST} echoed, {failed} connections failed ({})",
                    first_error.lock().unwrap().take().unwrap_or_default()
                ),
            },
            Err(_) => too_slow(format!(
                "{echoed} of {BURST} echoed in 5 s, {failed} connections failed"
            )),
        };
        // Let every client close, and wait (5 s at most) until the server has closed them too,
        // so the next load finds it idle. Dropping the runtime closes whatever is left.
        let _ = release.send(true);
        let _ = tokio::time::timeout(LIMIT, async {
            while clients.join_next().await.is_some() {}
        })
        .await;
        Ok((outcome, threads))
    })
}

/// One client of the burst: its stream once echoed, `None` if the echo differed.
async fn burst_client(addr: SocketAddr, msg: &[u8]) -> io::Result<Option<tokio::net::TcpStream>> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    stream.write_all(msg).await?;
    let mut buf = [0u8; MSG];
    stream.read_exact(&mut buf).await?;
    Ok((buf[..] == msg[..]).then_some(stream))
}
