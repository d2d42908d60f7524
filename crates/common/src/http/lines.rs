//! The lines the HTTP examples print: `<now>: SERVER starts` and `ends`, each result line,
//! each error line, and the elapsed time of a run.

use std::fmt::Display;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use super::args::{Args, Server};
use super::timeline::{Span, Timeline};
use crate::pyrepr;

/// `datetime.datetime.now()` as Python prints it: `2021-12-10 15:54:41.785748`.
pub fn now() -> String {
    chrono::Local::now()
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}

/// Prints `<now>: NAME WHAT`, reading the clock only once stdout is ours: requests running
/// on several threads then print their lines in the order of their timestamps.
fn say(name: &str, what: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{}: {name} {what}", now());
}

/// A request under way, from its `starts` line to its `ends` line.
///
/// It records itself in the run's [`Timeline`] when it ends; dropped without [`Request::ends`]
/// (the request failed and `?` returned early, or a timeout dropped the future), as failed.
#[must_use = "a request ends with .ends()"]
pub struct Request {
    name: String,
    timeline: Timeline,
    start: Instant,
    ended: bool,
}

/// `print(f"{datetime.datetime.now()}: {server} starts")`; the request will record itself in
/// `timeline`.
pub fn starts(server: &Server, timeline: &Timeline) -> Request {
    say(&server.name, "starts");
    Request {
        name: server.name.clone(),
        timeline: timeline.clone(),
        start: Instant::now(),
        ended: false,
    }
}

impl Request {
    /// `print(f"{datetime.datetime.now()}: {server} ends")`
    pub fn ends(mut self) {
        say(&self.name, "ends");
        self.record(true);
    }

    fn record(&mut self, ok: bool) {
        self.ended = true;
        self.timeline.record(Span {
            name: std::mem::take(&mut self.name),
            start: self.start,
            end: Instant::now(),
            ok,
        });
    }
}

impl Drop for Request {
    fn drop(&mut self) {
        if !self.ended {
            self.record(false);
        }
    }
}

/// `f"{len(data)} bytes: {data[:40]} ..."`
pub fn result_line(data: &[u8]) -> String {
    format!(
        "{} bytes: {} ...",
        data.len(),
        pyrepr::bytes(&data[..data.len().min(40)])
    )
}

/// The error of a request that took longer than `timeout`.
pub fn timed_out(timeout: Duration) -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        format!("no answer within {} s", timeout.as_secs_f64()),
    )
}

/// The error of a response that went past `--max-bytes` (`max_bytes`): it was read no
/// further.
pub fn too_large(max_bytes: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("response larger than {max_bytes} bytes"),
    )
}

/// Prints one request's outcome: its result line on stdout, or `PROGRAM: SERVER: ERROR` on
/// stderr. Returns whether it succeeded.
pub fn report(program: &str, server: &Server, result: Result<Vec<u8>, impl Display>) -> bool {
    match result {
        Ok(data) => {
            println!("{}", result_line(&data));
            true
        }
        Err(e) => {
            eprintln!("{program}: {}: {e}", server.name);
            false
        }
    }
}

/// What a failed run of the slide's own servers adds, without `--local`: a machine offline
/// fails on every lookup, and `--local` is how to run the lesson there.
pub const OFFLINE_HINT: &str =
    "the slide's servers are on the internet; offline, --local plays them on this machine";

/// Ends the program with exit 1 at once if a fetch failed (`ok` is false), as
/// [`Cli::exit_on_error`](crate::cli::Cli::exit_on_error) does and for the same reason: a
/// lookup given up after `--timeout` may still run on the runtime's blocking pool, which the
/// runtime's drop would wait for. When the servers were the slide's own, fetched online,
/// `program` first says on stderr that `--local` plays them offline ([`OFFLINE_HINT`]). When
/// all succeeded, exit code 0 to return from `main`.
pub fn exit_on_failure(program: &str, args: &Args, ok: bool) -> std::process::ExitCode {
    if ok {
        return std::process::ExitCode::SUCCESS;
    }
    if args.fetches_the_slides_servers_online() {
        eprintln!("{program}: {OFFLINE_HINT}");
    }
    std::process::exit(crate::EXIT_FAILURE) // flushes stdout first
}

/// `print(f"main1(): {timeit.default_timer() - start_time:.4f}s")`, then the chart of the
/// run's `timeline` if `--timeline` asked for it.
pub fn elapsed(args: &Args, title: &str, start_time: Instant, timeline: &Timeline) {
    println!("{title}: {:.4}s", start_time.elapsed().as_secs_f64());
    if args.timeline {
        print!("{}", timeline.take_chart(title, start_time));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(name: &str, host: &str, port: u16) -> Server {
        Server {
            name: name.into(),
            host: host.into(),
            port,
        }
    }

    #[test]
    fn result_lines_as_python_prints_them() {
        assert_eq!(
            result_line(b"HTTP/1.0 302 Found\r\nLocation: https://www.hkmu.edu.hk/\r\n"),
            r"56 bytes: b'HTTP/1.0 302 Found\r\nLocation: https://ww' ..."
        );
        assert_eq!(result_line(b"short"), "5 bytes: b'short' ...");
        assert_eq!(result_line(b""), "0 bytes: b'' ...");
    }

    #[test]
    fn timestamps_have_microseconds() {
        let t = now();
        // 2021-12-10 15:54:41.785748
        assert_eq!(t.len(), 26, "{t}");
        assert_eq!(&t[19..20], ".", "{t}");
        // The shape the slide checker replaces: digits everywhere but the separators.
        let shape: String = t
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        assert_eq!(shape, "9999-99-99 99:99:99.999999", "{t}");
    }

    #[test]
    fn a_request_dropped_before_its_end_is_recorded_as_failed() {
        let timeline = Timeline::new();
        drop(starts(&server("dropped", "h", 1), &timeline));
        starts(&server("ended", "h", 1), &timeline).ends();
        let spans = timeline.take();
        assert_eq!(spans.len(), 2);
        assert!(!spans[0].ok && spans[0].name == "dropped");
        assert!(spans[1].ok && spans[1].name == "ended");
        assert!(timeline.take().is_empty());
    }
}
