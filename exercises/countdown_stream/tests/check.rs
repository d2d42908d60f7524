//! The check of countdown_stream, on tokio's paused clock: the numbers, one each period, the
//! end. The paused clock jumps to the next timer when every task waits: no real waiting.

use std::sync::mpsc;
use std::time::Duration;

use countdown_stream::countdown;
use futures::StreamExt;
use tokio::time::Instant;

const SECOND: Duration = Duration::from_secs(1);

/// Runs `make_future()` on a one-thread runtime whose clock is paused, in a thread of its
/// own: 10 real seconds at most, and a time limit of 1000 paused seconds inside.
fn run<T: Send + 'static, F: Future<Output = T>>(
    what: &'static str,
    make_future: impl FnOnce() -> F + Send + 'static,
) -> T {
    let (done, outcome) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .expect("a tokio runtime");
        let bounded = async { tokio::time::timeout(1000 * SECOND, make_future()).await };
        let _ = done.send(runtime.block_on(bounded).ok());
    });
    let hint = "hint: return Pending only when the tick did (its timer then wakes the task); \
                do not wake the task yourself: the paused clock moves only when all wait";
    match outcome.recv_timeout(Duration::from_secs(10)) {
        Ok(Some(output)) => output,
        Ok(None) => panic!("{what} did not end\n{hint}"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} did not end within 10 s\n{hint}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!(
            "{what} panicked (its message is above)\n\
             hint: read the panic's message; a todo!() left in lib.rs panics like this"
        ),
    }
}

/// Each number of `countdown(from, 1 s)`, with the whole seconds since the start.
async fn timed(from: u32) -> Vec<(u32, u128)> {
    let start = Instant::now();
    let numbers = countdown(from, SECOND);
    numbers
        .map(|number| (number, start.elapsed().as_millis() / 1000))
        .collect()
        .await
}

#[test]
fn step1_counts_down_from_three() {
    let numbers: Vec<u32> = run("countdown(3, 1 s)", || countdown(3, SECOND).collect());
    assert!(
        numbers == [3, 2, 1],
        "countdown(3, 1 s) gave {numbers:?}, want [3, 2, 1]\n\
         hint: give Some(remaining) and make it one smaller; give None once it is 0"
    );
}

#[test]
fn step2_one_number_each_period() {
    let seconds = run("countdown(3, 1 s)", || timed(3));
    let want = [(3, 1), (2, 2), (1, 3)];
    let hint = if seconds.iter().any(|&(_, at)| at >= 100) {
        "hint: the numbers came only when something else woke the task: poll the tick with \
         the cx you were given, so that its timer wakes this task"
    } else if seconds.iter().all(|&(_, at)| at == 0) {
        "hint: give a number only once the tick is Ready: poll self.tick first"
    } else {
        "hint: after each number, move the tick one period on: \
         let next = this.tick.deadline() + this.period; this.tick.as_mut().reset(next);"
    };
    assert!(
        seconds == want,
        "the numbers came as (number, second) {seconds:?}, want {want:?}\n{hint}"
    );
}

#[test]
fn step3_stays_over_after_the_end() {
    let after = run("countdown(1, 1 s), polled past its end", || async {
        let mut numbers = countdown(1, SECOND);
        numbers.next().await;
        [
            numbers.next().await,
            numbers.next().await,
            numbers.next().await,
        ]
    });
    assert!(
        after == [None, None, None],
        "after its end, the stream gave {after:?}, want None each time\n\
         hint: check for 0 first, and give None without touching the tick"
    );
}

#[test]
fn step4_from_zero_ends_at_once() {
    let seconds = run("countdown(0, 1 s)", || timed(0));
    let ended_at = run("countdown(0, 1 s)", || async {
        let start = Instant::now();
        countdown(0, SECOND).next().await;
        start.elapsed()
    });
    assert!(
        seconds.is_empty() && ended_at < SECOND,
        "countdown(0, 1 s) gave {seconds:?} and ended after {ended_at:?}; want nothing, at once\n\
         hint: when nothing remains, return Ready(None) before you wait for the tick"
    );
}
