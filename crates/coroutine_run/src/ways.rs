//! The ways to run a coroutine, each timed: in turn, together, made then awaited, started as
//! a task, gathered eagerly or joined lazily, and dropped without ever being awaited.

use std::time::Duration;

use common::marks;
use common::tenths::tenths;
use tokio::task::JoinError;
use tokio::time::{Instant, sleep};

const NAP: Duration = Duration::from_millis(100);

/// `async def nap(name)`: says it has started, then sleeps 0.1 s, leaving the thread to others.
pub async fn nap(name: &'static str) {
    println!("  {name} starts");
    let since = marks::now();
    sleep(NAP).await;
    marks::span(&format!("nap(\"{name}\")"), "naps 0.1 s", since);
}

/// Prints `label`, runs `work` to its end, and prints how long that took.
async fn timed<F: Future>(label: &str, work: F) -> F::Output {
    println!("{label}");
    marks::section(label);
    let started = Instant::now();
    let output = work.await;
    println!("  took {}s", tenths(started.elapsed()));
    output
}

/// Main's part while the work waits: sleeps 0.1 s, saying when it starts and ends.
async fn main_sleeps() {
    println!("  main sleeps");
    let since = marks::now();
    sleep(NAP).await;
    marks::span("main", "sleeps 0.1 s", since);
    println!("  main awaits");
}

async fn in_turn() {
    nap("a").await;
    nap("b").await;
}

/// `asyncio.gather(*coroutines)`: gather wraps each coroutine in a task at once, so it is
/// eager, and gives back an `asyncio.Future` of their results. So here: a `tokio::spawn` per
/// future, now, before anything is awaited, and a future that awaits the tasks' handles in
/// order. The `Err` is a task that panicked.
fn gather<F>(coroutines: impl IntoIterator<Item = F>) -> impl Future<Output = GatherResult<F>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let tasks: Vec<_> = coroutines.into_iter().map(tokio::spawn).collect();
    async move {
        let mut results = Vec::with_capacity(tasks.len());
        for task in tasks {
            results.push(task.await?);
        }
        Ok(results)
    }
}

/// What awaiting [`gather`] gives: every result, in order, or the first task that panicked.
type GatherResult<F> = Result<Vec<<F as Future>::Output>, JoinError>;

async fn together() -> Result<(), JoinError> {
    gather([nap("a"), nap("b")]).await?;
    Ok(())
}

async fn bare_future() {
    let co = nap("b");
    main_sleeps().await;
    co.await;
}

async fn task() -> Result<(), JoinError> {
    let task = tokio::spawn(nap("b"));
    main_sleeps().await;
    // The task's result; an error only if it panicked.
    task.await
}

/// `asyncio.gather(nap("a"), nap("b"))`, kept and awaited later: both tasks run while main
/// sleeps.
async fn gathered() -> Result<(), JoinError> {
    let gathering = gather([nap("a"), nap("b")]);
    main_sleeps().await;
    gathering.await?;
    Ok(())
}

/// [`futures::future::join(nap("a"), nap("b"))`](futures::future::join), kept and awaited
/// later. Unlike gather, a join makes no task: it is lazy, and runs nothing until it is
/// awaited; then it polls both in place, on the task that awaits it. `tokio::join!` and
/// `futures::future::join_all` are the same, written where they are awaited or for a list.
/// Python has no lazy join, so our Python program writes one: a coroutine function that
/// gathers. Calling it gives a coroutine, which runs nothing either.
async fn joined() {
    let join = futures::future::join(nap("a"), nap("b"));
    main_sleeps().await;
    join.await;
}

/// A future made and dropped without being awaited: none of it runs. rustc warns of it only
/// when it is a bare statement, `nap("c");`. Kept in a variable, as here, it compiles without
/// a word (see `compile_warn/never_awaited.rs`); `drop` says that dropping it is meant.
async fn never_awaited() {
    let co = nap("c");
    drop(co);
    println!("  main sleeps");
    let since = marks::now();
    sleep(NAP).await;
    marks::span("main", "sleeps 0.1 s", since);
    println!("  main wakes");
}

pub async fn the_other_ways() -> Result<(), JoinError> {
    timed(r#"await nap("a"), then await nap("b"):"#, in_turn()).await;
    timed(r#"await nap("a") and nap("b") together:"#, together()).await?;
    timed(
        r#"make nap("b"), sleep 0.1 s, then await it:"#,
        bare_future(),
    )
    .await;
    timed(
        r#"start nap("b") as a task, sleep 0.1 s, then await it:"#,
        task(),
    )
    .await?;
    timed(
        r#"gather nap("a") and nap("b") (tasks, started at once), sleep 0.1 s, then await:"#,
        gathered(),
    )
    .await?;
    timed(
        r#"join nap("a") and nap("b") (lazy: nothing starts until awaited), sleep 0.1 s, then await:"#,
        joined(),
    )
    .await;
    timed(
        r#"make nap("c"), drop it without awaiting it, and sleep 0.1 s:"#,
        never_awaited(),
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::runtime::Runtime;

    fn runtime() -> Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    #[test]
    fn a_future_runs_only_when_awaited() {
        let ran = Rc::new(Cell::new(false));
        let flag = ran.clone();
        let co = async move { flag.set(true) };
        runtime().block_on(async {
            tokio::task::yield_now().await;
            assert!(!ran.get(), "the future ran before it was awaited");
            co.await;
            assert!(ran.get());
        });
    }

    #[test]
    fn a_spawned_task_runs_before_it_is_awaited() {
        let ran = Arc::new(AtomicBool::new(false));
        let flag = ran.clone();
        runtime().block_on(async {
            let task = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
            // On this one thread the task gets its turn as soon as this one pauses.
            sleep(Duration::from_millis(1)).await;
            assert!(ran.load(Ordering::SeqCst), "the task had not run");
            task.await.unwrap();
        });
    }

    #[test]
    fn gather_starts_its_tasks_before_it_is_awaited() {
        let ran = Arc::new(AtomicBool::new(false));
        let flag = ran.clone();
        runtime().block_on(async {
            let gathering = gather([async move { flag.store(true, Ordering::SeqCst) }]);
            sleep(Duration::from_millis(1)).await;
            assert!(ran.load(Ordering::SeqCst), "gather's task had not run");
            assert_eq!(gathering.await.unwrap().len(), 1);
        });
    }

    #[test]
    fn a_join_runs_nothing_until_awaited() {
        let ran = Rc::new(Cell::new(0));
        let (first, second) = (ran.clone(), ran.clone());
        let join = futures::future::join(async move { first.set(first.get() + 1) }, async move {
            second.set(second.get() + 1)
        });
        runtime().block_on(async {
            sleep(Duration::from_millis(1)).await;
            assert_eq!(ran.get(), 0, "the join ran before it was awaited");
            join.await;
            assert_eq!(ran.get(), 2);
        });
    }
}
