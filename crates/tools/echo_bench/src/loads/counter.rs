//! async_counter: 5 tasks x 10,000 yields, nothing else. Its rate is the cost of a task switch.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Instant;

use tokio::task::JoinSet;

use crate::{COROUTINES, N, Res};

async fn inc(counter: Arc<AtomicU64>) {
    for _ in 0..N {
        counter.fetch_add(1, Ordering::Relaxed);
        // `await asyncio.sleep(0)`: let the other tasks run.
        tokio::task::yield_now().await;
    }
}

pub fn counter_tasks(multi_thread: bool) -> Res<f64> {
    let rt = if multi_thread {
        tokio::runtime::Builder::new_multi_thread().build()?
    } else {
        tokio::runtime::Builder::new_current_thread().build()?
    };
    let counter = Arc::new(AtomicU64::new(0));
    let elapsed = rt.block_on(async {
        let start = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..COROUTINES {
            tasks.spawn(inc(Arc::clone(&counter)));
        }
        while let Some(done) = tasks.join_next().await {
            done?;
        }
        Ok::<_, tokio::task::JoinError>(start.elapsed())
    })?;
    check_counter(&counter)?;
    Ok((COROUTINES * N) as f64 / elapsed.as_secs_f64())
}

/// The same on the event_loop lesson's loop, its `yield_now` in place of tokio's.
pub fn counter_event_loop() -> Res<f64> {
    let counter = Arc::new(AtomicU64::new(0));
    let elapsed = event_loop::run(async {
        let start = Instant::now();
        let tasks: Vec<_> = (0..COROUTINES)
            .map(|_| {
                let counter = Arc::clone(&counter);
                event_loop::spawn(async move {
                    for _ in 0..N {
                        counter.fetch_add(1, Ordering::Relaxed);
                        event_loop::yield_now().await;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await
                .expect("a counting task ends before its loop does");
        }
        start.elapsed()
    });
    check_counter(&counter)?;
    Ok((COROUTINES * N) as f64 / elapsed.as_secs_f64())
}

/// The same with OS threads, `thread::yield_now` (sched_yield) in place of the await.
pub fn counter_threads() -> Res<f64> {
    let counter = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..COROUTINES)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..N {
                    counter.fetch_add(1, Ordering::Relaxed);
                    thread::yield_now();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().map_err(|_| "counter thread panicked")?;
    }
    let elapsed = start.elapsed();
    check_counter(&counter)?;
    Ok((COROUTINES * N) as f64 / elapsed.as_secs_f64())
}

fn check_counter(counter: &AtomicU64) -> Res<()> {
    let got = counter.load(Ordering::Relaxed);
    if got != (COROUTINES * N) as u64 {
        return Err(format!("async_counter counted {got}, not {}", COROUTINES * N).into());
    }
    Ok(())
}
