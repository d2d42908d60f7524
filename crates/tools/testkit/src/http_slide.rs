//! The tests of the slide's program that the two HTTP examples (http_client, async_executor)
//! share: the slide's output with `--local`, the request it sends, a page of several megabytes,
//! `--timeline`, `--help` and bad command lines, a closed stdout; and how an endless response
//! is given up.
//!
//! Each takes the program and its runs: `["main()"]` for http_client, `["main1()", "main2()"]`
//! for async_executor, which fetches every page once per run.

use std::process::{Command, Output};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::servers;

/// How long a test waits for an event before it fails instead of hanging.
const WATCHDOG: Duration = Duration::from_secs(60);

/// Runs `program` with `args` until it exits ([`WATCHDOG`] at most, then it is killed and the
/// test fails); returns what it printed.
pub fn run(program: &str, args: &[&str]) -> Output {
    let mut command = Command::new(program);
    command.args(args);
    crate::bounded::output_within(&mut command, WATCHDOG, program)
}

/// Printed bytes as text, any that are not UTF-8 replaced.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// With `--local`, `program` prints its slide (`crates/LESSON/slide.txt`), and one line on
/// stderr says where the stand-ins really are. The order of its lines depends on time: a busy
/// machine may get another run (see `slides::TIMED_EXAMPLES`).
pub fn prints_the_slide_with_local_stand_ins(program: &str, lesson: &str) {
    slides::assert_slide_runs(lesson, || {
        let out = run(program, &["--local"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("local stand-ins") && err.contains("127.0.0.1:"),
            "{err}"
        );
        Ok(text(&out.stdout))
    });
}

/// `program` sends exactly the slide's request, once per run.
pub fn sends_exactly_the_slides_request(program: &str, runs: &[&str]) {
    let (addr, requests) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
    let out = run(program, &[&addr.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for run in runs {
        let request = requests
            .recv_timeout(WATCHDOG)
            .unwrap_or_else(|e| panic!("no request from {run}: {e}"));
        assert_eq!(request, b"GET / HTTP/1.0\r\n\r\n");
    }
}

/// A page of 5 MB is read whole, once per run.
pub fn reads_a_page_of_several_megabytes_whole(program: &str, runs: &[&str]) {
    let mut response = b"HTTP/1.0 200 OK\r\n\r\n".to_vec();
    response.extend((0..5_000_000u32).map(|i| (i % 251) as u8));
    let (addr, _) = servers::answering(response.clone()).unwrap();
    let out = run(program, &[&addr.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = format!("{} bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\n", response.len());
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches(&line).count(), runs.len(), "{stdout}");
}

/// `--timeline` draws a chart of each run, with a row for each server.
pub fn timeline_draws_each_run(program: &str, runs: &[&str]) {
    let mut names = Vec::new();
    for i in 0..3 {
        let response = format!("HTTP/1.0 200 OK\r\n\r\n{i}").into_bytes();
        names.push(servers::answering(response).unwrap().0.to_string());
    }
    let mut args = vec!["--timeline"];
    args.extend(names.iter().map(String::as_str));
    let out = run(program, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for run in runs {
        let chart = stdout
            .split_once(&format!("timeline of {run}: 3 request(s) over "))
            .unwrap_or_else(|| panic!("no chart for {run}:\n{stdout}"))
            .1;
        for name in &names {
            assert!(chart.contains(&format!("\n{name} |")), "{stdout}");
        }
    }
}

/// `--help` explains the options; each bad command line gets one line naming the bad value,
/// exit 2.
pub fn help_and_bad_arguments(program: &str, lesson: &str) {
    crate::assert_help(
        program,
        &[
            &format!("cargo run -p {lesson}"),
            "\n  --local          the slide's servers",
            "\n  --timeout SECS   how long one request may take",
            "\n  --max-bytes N    the largest response read",
            "(default 16777216, 16 MiB)",
        ],
    );
    for (args, named) in [
        (&["localhost:http"][..], "'http'"),
        (&[":80"], "':80'"),
        (&[""], "''"),
        (&["--timeout", "0"], "'0'"),
        (&["--timeout", "soon"], "'soon'"),
        (&["--timeout", "1e19", "127.0.0.1:1"], "'1e19'"),
        (&["--timeout=86401"], "'86401'"),
        (&["--max-bytes", "abc"], "'abc'"),
        (&["--max-bytes", "0"], "'0'"),
        (&["--max-bytes", "-5"], "'-5'"),
        (&["--max-bytes"], "--max-bytes"),
        (&["--timeout"], "--timeout"),
        (&["-x"], "'-x'"),
        (&["--verbose"], "'--verbose'"),
        (&["--local", "localhost"], "'localhost'"),
    ] {
        crate::assert_one_line_error(program, args, common::EXIT_USAGE, named);
    }
}

/// The most bytes an endless server may have sent past `--max-bytes` by the time the client
/// closes: what the loopback connection's buffers hold in flight (on Linux up to
/// `net.ipv4.tcp_rmem`'s 32 MiB received plus `tcp_wmem`'s 4 MiB sent, at most), with room to
/// spare. A client that read on past its limit before giving up would pass it.
pub const IN_FLIGHT_BOUND: u64 = 64 << 20;

/// After a client gave up an endless response from [`servers::endless`] at `max_bytes`: checks
/// that it closed the connection (the server's writes then fail, and it reports how much it
/// sent, within the watchdog), having read no further than its limit and what was in flight.
pub fn assert_dropped_at_the_limit(sent: &Receiver<u64>, max_bytes: u64) {
    let sent = sent.recv_timeout(WATCHDOG).unwrap_or_else(|e| {
        panic!("the server's writes still succeed: the connection was kept open ({e})")
    });
    assert!(
        sent <= max_bytes + IN_FLIGHT_BOUND,
        "the server sent {sent} bytes: the client read far past its limit of {max_bytes}"
    );
}

/// A closed stdout ends the program quietly: with `--local`, after the one line on stderr
/// that says where the stand-ins are (before the first print); with `--help`, with none.
pub fn a_closed_stdout_ends_it_quietly(program: &str) {
    crate::assert_quiet_when_stdout_closed(program, &["--local"], 1);
    crate::assert_quiet_when_stdout_closed(program, &["--help"], 0);
}
