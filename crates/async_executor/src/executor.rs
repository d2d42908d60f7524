//! `loop.run_in_executor(None, func, arg)`: what asyncio's event loop offers for blocking work,
//! on tokio's pool of threads for blocking work ([`tokio::task::spawn_blocking`]).
//!
//! One thing more than `spawn_blocking`: the jobs print their `starts` lines in the order they
//! were handed over, as on the slide. Python's executor gets that order in effect: it starts a
//! worker thread and waits until the thread runs, and the GIL then lets the worker go on to its
//! first blocking call, past its `print`. tokio's pool threads truly run in parallel, and would
//! print in whatever order the system schedules them. So each job, on its pool thread, waits
//! until the job handed over before it has printed its own line ([`Job::starts`]). Only pool
//! threads wait: the event loop goes on at once, and the call site needs no extra `.await`.

use std::future::Future;
use std::io;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};

use common::http::deadline::Limits;
use common::http::{self, Args, Request, Server, Timeline};
use tokio::task;

/// What a blocking function run in the executor is given besides its argument: the limits of
/// its request, the run's timeline, and the turn of the next job to print its `starts` line.
pub struct Job {
    pub limits: Limits,
    timeline: Timeline,
    next_may_start: Option<Sender<()>>,
}

impl Job {
    /// A job on its own, outside an executor: for calling a blocking function directly.
    #[cfg(test)]
    pub fn alone(limits: Limits) -> Job {
        Job {
            limits,
            timeline: Timeline::new(),
            next_may_start: None,
        }
    }

    /// Prints `... SERVER starts`, then lets the next job print its own.
    pub fn starts(&mut self, server: &Server) -> Request {
        let request = http::starts(server, &self.timeline);
        // The next job may have gone (its run failed): no matter.
        if let Some(next) = self.next_may_start.take() {
            let _ = next.send(());
        }
        request
    }
}

/// The part of asyncio's event loop that `run_in_executor` needs, for one run (`main1()` or
/// `main2()`): the limits of each request, and the timeline the run's requests record into.
pub struct Executor {
    limits: Limits,
    pub timeline: Timeline,
    /// The turn of the job handed over last: it comes when that job has printed `starts`.
    last_turn: Mutex<Option<Receiver<()>>>,
}

impl Executor {
    /// `loop = asyncio.get_event_loop()`, with the limits of `--timeout` and `--max-bytes`.
    pub fn new(args: &Args) -> Executor {
        Executor {
            limits: Limits::of(args),
            timeline: Timeline::new(),
            last_turn: Mutex::new(None),
        }
    }

    /// `loop.run_in_executor(None, func, server)`: starts `func(server)` on the pool at once,
    /// and gives a future of its result.
    pub fn run_in_executor<T, F>(
        &self,
        func: F,
        server: &Server,
    ) -> impl Future<Output = io::Result<T>> + use<T, F>
    where
        T: Send + 'static,
        F: FnOnce(&Server, &mut Job) -> io::Result<T> + Send + 'static,
    {
        let (my_turn_done, next_turn) = mpsc::channel();
        let my_turn = self
            .last_turn
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(next_turn);
        let mut job = Job {
            limits: self.limits,
            timeline: self.timeline.clone(),
            next_may_start: Some(my_turn_done),
        };
        let server = server.clone(); // the pool thread needs its own copy
        let handle = task::spawn_blocking(move || {
            if let Some(turn) = my_turn {
                // Err: the job before ended without printing (it panicked): go on.
                let _ = turn.recv();
            }
            func(&server, &mut job)
        });
        // A JoinError means func panicked: report it as this server's failure.
        async move { handle.await.unwrap_or_else(|e| Err(io::Error::other(e))) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    #[test]
    fn jobs_print_starts_in_the_order_they_were_handed_over() {
        let args = Args {
            local: false,
            timeout: Duration::from_secs(20),
            max_bytes: 1,
            timeline: false,
            servers: Vec::new(),
        };
        let servers: Vec<Server> = (1..=2)
            .map(|port| Server::at(([127, 0, 0, 1], port).into()))
            .collect();
        let order = Arc::new(Mutex::new(Vec::new()));
        let (second_began, first_may_go) = mpsc::channel::<()>();
        let first = {
            let order = order.clone();
            move |server: &Server, job: &mut Job| {
                // Held back until the second job has begun, for a second at most. Handed over
                // in order, the second cannot begin before this one's `starts` line: the wait
                // runs out, and this one goes first.
                let _ = first_may_go.recv_timeout(Duration::from_secs(1));
                order.lock().unwrap().push(server.port);
                job.starts(server).ends();
                Ok(())
            }
        };
        let second = {
            let order = order.clone();
            move |server: &Server, job: &mut Job| {
                order.lock().unwrap().push(server.port);
                let _ = second_began.send(());
                job.starts(server).ends();
                Ok(())
            }
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let loop_ = Executor::new(&args);
        let results = runtime.block_on(async {
            let a = loop_.run_in_executor(first, &servers[0]);
            let b = loop_.run_in_executor(second, &servers[1]);
            futures::future::join(a, b).await
        });
        assert!(results.0.is_ok() && results.1.is_ok());
        assert_eq!(*order.lock().unwrap(), [1, 2]);
        assert_eq!(loop_.timeline.take().len(), 2);
    }
}
