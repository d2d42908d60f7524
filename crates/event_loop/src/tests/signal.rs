//! Signals through the self-pipe: a signal wakes its waiting task as a socket's readiness does.

use std::io::Read;
use std::pin::pin;
use std::task::Poll;

use signal_hook::consts::{SIGUSR1, SIGUSR2, SIGWINCH};
use signal_hook::low_level::raise;

use super::{bounded, poll, traced};
use crate::*;

#[test]
fn a_signal_wakes_the_waiting_task_through_the_selector() {
    let (received, polls) = traced(bounded(async {
        // SIGUSR1: no other test of this process sends it.
        let signals = Signals::new(&[SIGUSR1]).unwrap();
        let waiter = spawn(async move {
            signals.recv().await.unwrap();
            // Signals sent before the task looks count as one, however many bytes the handler
            // wrote (more than one read takes): the next `recv` waits.
            for _ in 0..100 {
                raise(SIGUSR1).unwrap();
            }
            signals.recv().await.unwrap();
            let mut next = pin!(signals.recv());
            std::future::poll_fn(|cx| Poll::Ready(next.as_mut().poll(cx).is_pending())).await
        });
        yield_now().await; // the waiter's first poll: no signal yet, it waits
        raise(SIGUSR1).unwrap(); // the handler writes a byte; the loop runs on
        waiter.await.unwrap()
    }));
    assert!(received, "a third recv waits for a third signal");
    let waiter: Vec<PollEvent> = polls.into_iter().filter(|p| p.task == TaskId(1)).collect();
    assert_eq!(
        waiter,
        [poll(1, WokenBy::Spawn, false), poll(1, WokenBy::Io, true)]
    );
}

#[test]
fn dropping_signals_closes_the_pipes_writing_ends() {
    let read = run(async {
        // Two signals: two copies of the writing end. SIGUSR2 and SIGWINCH: no other test of
        // this process sends them.
        let signals = Signals::new(&[SIGUSR2, SIGWINCH]).unwrap();
        let reading_end = signals.reader_fd().try_clone_to_owned().unwrap();
        drop(signals);
        // With every writing end closed, the reading end reads end of stream; with one still
        // open, it would block (it is non-blocking) instead.
        let mut reading_end = std::os::unix::net::UnixStream::from(reading_end);
        reading_end.read(&mut [0u8; 1]).map_err(|e| e.kind())
    });
    assert_eq!(read, Ok(0), "a writing end outlived Signals");
}
