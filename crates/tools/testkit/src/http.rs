//! The HTTP examples' shared failure tests: one server among several fails, and it fails alone;
//! and the limits on each request, `--timeout` and `--max-bytes`.

use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use common::http::DEFAULT_MAX_BYTES;

use crate::{peak_resident_kib, servers, unresolvable_host};

/// How long a test waits for an event before it fails instead of hanging.
const WATCHDOG: Duration = Duration::from_secs(60);

/// The most memory a program may hold at its peak while it reads an endless response: 64 MiB,
/// four times the default `--max-bytes`, far below what an unbounded read reaches (it grows
/// by hundreds of MiB per second on loopback).
pub const PEAK_BOUND_KIB: u64 = 64 * 1024;

/// For the HTTP examples: runs `program` with `args`, among which the server `failing` fails,
/// and checks that it failed alone: exit 1; on stderr, one line `NAME: FAILING: ...` for each
/// of the program's `runs` (main1 and main2, or main), with no panic; on stdout, each of
/// `pages` once per run, and the elapsed time of each run. Returns stderr.
pub fn assert_fails_alone(
    program: &str,
    args: &[&str],
    failing: &str,
    runs: usize,
    pages: &[&str],
) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert_failed_alone(program, &out, failing, runs, pages)
}

/// The checks of [`assert_fails_alone`], on the output of a run made otherwise.
pub fn assert_failed_alone(
    program: &str,
    out: &Output,
    failing: &str,
    runs: usize,
    pages: &[&str],
) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{stderr}");
    let name = std::path::Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert_eq!(stderr.lines().count(), runs, "{stderr}");
    for line in stderr.lines() {
        assert!(
            line.starts_with(&format!("{name}: {failing}: ")),
            "{stderr}"
        );
        assert!(!line.contains("panicked"), "{stderr}");
    }
    for page in pages {
        assert_eq!(stdout.matches(page).count(), runs, "{page}:\n{stdout}");
    }
    assert_eq!(stdout.matches("(): ").count(), runs, "{stdout}");
    stderr
}

/// For the HTTP examples' tests: a refused connection among three servers gives its error
/// line, and the other two pages still print.
pub fn an_unreachable_server_fails_alone(program: &str, runs: usize) {
    let (ok1, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\none".to_vec()).unwrap();
    let refused = servers::refused().unwrap().to_string();
    let (ok2, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\ntwo".to_vec()).unwrap();
    assert_fails_alone(
        program,
        &[&ok1.to_string(), &refused, &ok2.to_string()],
        &refused,
        runs,
        &[
            "22 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\none' ...\n",
            "22 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\ntwo' ...\n",
        ],
    );
}

/// For the HTTP examples' tests: a host that does not resolve (without asking a name server)
/// gives its error line, and the other page still prints.
pub fn a_host_that_does_not_resolve_fails_alone(program: &str, runs: usize) {
    let host = unresolvable_host();
    let (ok, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\nok".to_vec()).unwrap();
    assert_fails_alone(
        program,
        &[&host, &ok.to_string()],
        &host,
        runs,
        &["21 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\nok' ...\n"],
    );
}

/// For the HTTP examples' tests: a server that never answers, with `--timeout 1`, gives the
/// timeout error, and the other page still prints.
pub fn a_server_that_never_answers_times_out(program: &str, runs: usize) {
    let silent = servers::silent().unwrap().to_string();
    let (ok, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
    let stderr = assert_fails_alone(
        program,
        &["--timeout", "1", &silent, &ok.to_string()],
        &silent,
        runs,
        &["19 bytes: "],
    );
    assert!(
        stderr.lines().all(|l| l.ends_with("no answer within 1 s")),
        "{stderr}"
    );
}

/// For the HTTP examples' tests: a server that never lets the connection complete, with
/// `--timeout 1`, gives the timeout error, and the other page still prints.
pub fn a_connection_that_never_completes_times_out(program: &str, runs: usize) {
    let stuck = servers::never_completing().unwrap().to_string();
    let (ok, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
    let stderr = assert_fails_alone(
        program,
        &["--timeout", "1", &stuck, &ok.to_string()],
        &stuck,
        runs,
        &["19 bytes: "],
    );
    assert!(
        stderr.lines().all(|l| l.ends_with("no answer within 1 s")),
        "{stderr}"
    );
}

/// For the HTTP examples' tests: a response that never ends is dropped at the default
/// `--max-bytes`, with its error line, and the other page still prints; meanwhile the
/// program's peak resident memory stays under [`PEAK_BOUND_KIB`].
///
/// The other server answers only when told, once per run, and is told only once the endless
/// server has seen the program close its connection (the limit was reached). Until then the
/// program is alive, waiting for that answer, and its peak memory (`VmHWM`, which only grows)
/// can be read from /proc; read after the last run, it covers them all.
pub fn an_endless_response_fails_alone_in_bounded_memory(program: &str, runs: usize) {
    let (endless, sent) = servers::endless().unwrap();
    let endless = endless.to_string();
    let (held, answer) =
        servers::answering_when_told(b"HTTP/1.0 200 OK\r\n\r\nheld".to_vec()).unwrap();
    // The timeout only bounds the test, should the program not stop reading.
    let child = Command::new(program)
        .args(["--timeout", "120", &endless, &held.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let mut child = KilledOnDrop(Some(child));
    let mut peak = 0;
    for run in 1..=runs {
        // While the program reads, its memory is checked every 100 ms: a program that does
        // not stop is stopped as soon as it passes the bound, before it fills the machine.
        let watchdog = Instant::now() + WATCHDOG;
        let sent = loop {
            match sent.recv_timeout(Duration::from_millis(100)) {
                Ok(sent) => break sent,
                Err(RecvTimeoutError::Timeout) => {
                    let peak = child.peak_resident_kib();
                    assert!(
                        peak < PEAK_BOUND_KIB,
                        "run {run}: {peak} KiB resident, over {PEAK_BOUND_KIB} KiB, and reading"
                    );
                    assert!(
                        Instant::now() < watchdog,
                        "run {run}: the endless response is still read after {WATCHDOG:?}"
                    );
                }
                Err(RecvTimeoutError::Disconnected) => panic!("run {run}: the server stopped"),
            }
        };
        assert!(
            sent > DEFAULT_MAX_BYTES,
            "run {run}: closed after {sent} bytes"
        );
        peak = child.peak_resident_kib();
        answer.send(()).unwrap();
    }
    let out = child.output();
    let stderr = assert_failed_alone(
        program,
        &out,
        &endless,
        runs,
        &["23 bytes: b'HTTP/1.0 200 OK\\r\\n\\r\\nheld' ...\n"],
    );
    let expected = format!(": {endless}: response larger than {DEFAULT_MAX_BYTES} bytes");
    assert!(stderr.lines().all(|l| l.ends_with(&expected)), "{stderr}");
    assert!(
        peak < PEAK_BOUND_KIB,
        "peak resident memory {peak} KiB, over {PEAK_BOUND_KIB} KiB"
    );
}

/// A child process that is killed, and reaped, when the test is done with it, also when the
/// test fails half-way.
struct KilledOnDrop(Option<Child>);

impl KilledOnDrop {
    fn peak_resident_kib(&self) -> u64 {
        let pid = self.0.as_ref().map_or(0, Child::id);
        peak_resident_kib(pid).unwrap_or_else(|e| panic!("no peak memory for {pid}: {e}"))
    }

    /// Waits for the process to end by itself, and returns what it printed.
    fn output(&mut self) -> Output {
        let child = self.0.take().expect("not waited for yet");
        child.wait_with_output().unwrap()
    }
}

impl Drop for KilledOnDrop {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// For the HTTP examples' tests: a host whose lookup hangs (the name server never answers, see
/// [`crate::dns`]), with `--timeout 1`, gives the timeout error in every run, and the process
/// ends: a lookup left running must not keep it alive.
pub fn a_lookup_that_hangs_times_out(program: &str, runs: usize) {
    let host = format!("{}:80", crate::dns::HOST);
    let out = crate::dns::run_with_silent_name_server(program, &["--timeout", "1", &host]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{stderr}");
    let name = std::path::Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expected = format!("{name}: {host}: no answer within 1 s");
    assert_eq!(stderr.lines().count(), runs, "{stderr}");
    assert!(stderr.lines().all(|l| l == expected), "{stderr}");
}

/// For the HTTP examples' tests: run offline (every lookup hangs, see [`crate::dns`]) on the
/// slide's own servers, without `--local` or a HOST, with `--timeout 1`, the program fails
/// each request of each run on its lookup, then says in one last line that `--local` plays
/// the slide's servers offline ([`common::http::OFFLINE_HINT`]).
pub fn offline_the_slides_servers_fail_and_local_is_named(program: &str, runs: usize) {
    let out = crate::dns::run_with_silent_name_server(program, &["--timeout", "1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(common::EXIT_FAILURE), "{stderr}");
    let name = std::path::Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lines: Vec<&str> = stderr.lines().collect();
    let servers = common::http::SERVERS.len();
    assert_eq!(lines.len(), runs * servers + 1, "{stderr}");
    let (hint, failures) = lines.split_last().unwrap();
    for failure in failures {
        let failed = common::http::SERVERS
            .iter()
            .any(|host| *failure == format!("{name}: {host}: no answer within 1 s"));
        assert!(
            failed,
            "not the failed lookup of a slide's server: {failure}"
        );
    }
    assert_eq!(
        *hint,
        format!("{name}: {}", common::http::OFFLINE_HINT),
        "{stderr}"
    );
    assert!(hint.contains("--local"), "{hint}");
}

/// How long [`a_dripping_response_ends_at_the_timeout`] lets the program run: half of the
/// drip's minute, ten times the program's `--timeout 2` per run.
const DRIP_WATCHDOG: Duration = Duration::from_secs(30);

/// For the HTTP examples' tests: a server that sends its answer one byte every 0.2 s (a minute
/// for the whole of it), with `--timeout 2`, gives the timeout error in every run, and the
/// other page still prints. `--timeout` bounds the whole request: a limit on each read would
/// never fire, as every byte comes within 0.2 s, and the program would be killed at
/// [`DRIP_WATCHDOG`], failing the test.
pub fn a_dripping_response_ends_at_the_timeout(program: &str, runs: usize) {
    let (dripping, dripped) = servers::dripping().unwrap();
    let dripping = dripping.to_string();
    let (ok, _) = servers::answering(b"HTTP/1.0 200 OK\r\n\r\n".to_vec()).unwrap();
    let out = crate::bounded::output_within(
        Command::new(program).args(["--timeout", "2", &dripping, &ok.to_string()]),
        DRIP_WATCHDOG,
        "a client of a dripping server",
    );
    let stderr = assert_failed_alone(program, &out, &dripping, runs, &["19 bytes: "]);
    assert!(
        stderr.lines().all(|l| l.ends_with("no answer within 2 s")),
        "{stderr}"
    );
    // Each run closed its connection before the drip was over.
    for run in 1..=runs {
        let sent = dripped.recv_timeout(WATCHDOG).unwrap_or_else(|e| {
            panic!("run {run}: the dripping server saw no end of its connection: {e}")
        });
        assert!(
            sent < servers::DRIP_BYTES,
            "run {run}: all {sent} bytes sent"
        );
    }
}
