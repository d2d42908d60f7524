//! The table: the median of each server's runs, with its ratio to cecho's, as Markdown, then
//! async_counter's rates, echo_server's targets, and event_loop's against echo_server. The
//! fair load's table is `fair_report`'s.

use std::fmt::Write as _;
use std::thread;

use crate::loads::{Load, PingPong};
use crate::servers::Server;
use crate::system::cpu_model;
use crate::{Opts, RUNS};

pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The median run of a ping-pong load, by requests per second.
fn median_ping(v: &[PingPong]) -> Option<PingPong> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.rps.total_cmp(&b.rps));
    v.get(v.len() / 2).copied()
}

/// 12345.6 -> "12,346".
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ratio(x: Option<f64>, base: Option<f64>) -> String {
    match (x, base) {
        (Some(x), Some(b)) if b > 0.0 => format!(" {:.2}x", x / b),
        _ => String::new(),
    }
}

struct Row {
    ping1: Option<PingPong>,
    ping50: Option<PingPong>,
    stream: Option<f64>,
    burst: Option<f64>,
    rss_mib: Option<f64>,
}

fn row(s: &Server) -> Row {
    let r = &s.results;
    let some = |v: &[f64]| (!v.is_empty()).then(|| median(&mut v.to_vec()));
    Row {
        ping1: median_ping(&r.ping1),
        ping50: median_ping(&r.ping50),
        stream: some(&r.stream),
        burst: some(&r.burst),
        rss_mib: r.peak_rss_kib.map(|k| k as f64 / 1024.0),
    }
}

pub fn report(opts: &Opts, servers: &[Server], counters: &[(&str, f64)]) -> String {
    // The cores this process may use: fewer than the machine's under `taskset`.
    let cores = match thread::available_parallelism().map_or(0, |n| n.get()) {
        1 => "1 core".to_string(),
        n => format!("{n} cores"),
    };
    // The fair load has a table of its own (`fair_report`).
    if opts.loads.iter().all(|l| *l == Load::Fair) {
        return crate::tasks_report::counters(counters);
    }
    let base = servers.iter().find(|s| s.name == "cecho").map(row);
    let b = |f: fn(&Row) -> Option<f64>| base.as_ref().and_then(f);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nEcho servers on 127.0.0.1, {cores} ({}), median of {RUNS} runs after a warm-up.",
        cpu_model()
    );
    let _ = writeln!(
        out,
        "Ping-pong runs last {:.1} s; every echoed byte was checked. Ratios are to cecho \
         (higher is better for req/s and MB/s, lower for time and memory).",
        opts.secs.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "Load generator: blocking std threads for 1 conn and the stream; a tokio current-thread \
         runtime for 50 conns and the burst.\n"
    );
    let header = [
        "server",
        "runs on",
        "1 conn req/s",
        "p50/p99 us",
        "50 conns req/s",
        "p50/p99 us",
        "64 MiB MB/s",
        "10k burst s",
        "peak RSS MiB",
        "threads at 10k",
        "SYNs dropped",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for s in servers {
        let r = row(s);
        let ping = |p: Option<PingPong>, base: Option<f64>| match p {
            Some(p) => (
                format!("{}{}", thousands(p.rps), ratio(Some(p.rps), base)),
                format!("{:.0}/{:.0}", p.p50_us, p.p99_us),
            ),
            None => ("-".to_string(), "-".to_string()),
        };
        let (p1, l1) = ping(r.ping1, b(|r| r.ping1.map(|p| p.rps)));
        let (p50, l50) = ping(r.ping50, b(|r| r.ping50.map(|p| p.rps)));
        let gave_up = |load: Load| {
            s.results
                .gave_up
                .iter()
                .find(|(l, _, _)| *l == load)
                .map(|(_, short, _)| short.to_string())
        };
        // A load given up in any run shows as such: the median of the runs that did finish
        // would flatter the server.
        let stream = match r.stream {
            _ if gave_up(Load::Stream).is_some() => gave_up(Load::Stream).unwrap_or_default(),
            Some(v) => format!("{v:.0}{}", ratio(Some(v), b(|r| r.stream))),
            None => "-".to_string(),
        };
        let burst = match r.burst {
            _ if gave_up(Load::Burst).is_some() => gave_up(Load::Burst).unwrap_or_default(),
            Some(v) => format!("{v:.2}{}", ratio(Some(v), b(|r| r.burst))),
            None => "-".to_string(),
        };
        let rss = match r.rss_mib {
            Some(v) => format!("{v:.1}{}", ratio(Some(v), b(|r| r.rss_mib))),
            None => "n/a".to_string(),
        };
        let threads = s
            .results
            .burst_threads
            .map_or("n/a".to_string(), |t| thousands(t as f64));
        let drops = if s.results.burst_drops.is_empty() {
            "-".to_string()
        } else {
            thousands(median(&mut s.results.burst_drops.clone()))
        };
        rows.push(vec![
            s.name.clone(),
            s.runs_on.clone(),
            p1,
            l1,
            p50,
            l50,
            stream,
            burst,
            rss,
            threads,
            drops,
        ]);
    }
    out.push_str(&table(&rows, 2));
    let _ = writeln!(
        out,
        "SYNs dropped: connection attempts the kernel dropped on a full listen queue during a \
         burst (whole machine); each costs its client a retransmit 1 s later."
    );
    for s in servers {
        for (load, _, why) in s.results.gave_up.iter().filter(|g| g.0 != Load::Fair) {
            let _ = writeln!(out, "{}: {} given up: {why}", s.name, load.title());
        }
    }

    out.push_str(&crate::tasks_report::counters(counters));

    if let (Some(base), Some(ours)) = (&base, servers.iter().find(|s| s.name == "echo_server")) {
        let _ = writeln!(out, "\nTargets for echo_server:");
        out.push_str(&targets(ours, base, "cecho"));
        // The peak that matters is the burst's: without it, the figure says little.
        let r = row(ours);
        let rss = match r.rss_mib {
            Some(m) if r.burst.is_some() || gave_up_burst(ours) => {
                format!("{m:>5.1}   {}", if m < 32.0 { "met" } else { "MISSED" })
            }
            _ => "  not measured".to_string(),
        };
        let _ = writeln!(out, "  {:<36} {rss}", "peak RSS < 32 MiB (at 10k conns)");
    }

    // The lesson's own loop against tokio: the same server, the same loads.
    let named = |name: &str| servers.iter().find(|s| s.name == name);
    if let (Some(tokio), Some(ours)) = (named("echo_server"), named("event_loop")) {
        let _ = writeln!(
            out,
            "\nTargets for event_loop, against echo_server (tokio):"
        );
        out.push_str(&targets(ours, &row(tokio), "echo_server"));
    }
    out
}

fn gave_up_burst(s: &Server) -> bool {
    s.results.gave_up.iter().any(|(l, _, _)| *l == Load::Burst)
}

/// The targets of `ours` against `base` (the row of the server named `vs`): at least 0.9x on
/// both ping-pong loads and the stream, the burst in at most 1.5x the time; one line each,
/// with the ratio and whether it is met.
fn targets(ours: &Server, base: &Row, vs: &str) -> String {
    let r = row(ours);
    let q = |x: Option<f64>, b: Option<f64>| x.zip(b).map(|(x, b)| x / b);
    // (target, figure, met?); no figure when the load was not run.
    let checks = [
        (
            format!("1 conn req/s >= 0.9x {vs}"),
            q(r.ping1.map(|p| p.rps), base.ping1.map(|p| p.rps)).map(|q| (q, q >= 0.9)),
        ),
        (
            format!("50 conns req/s >= 0.9x {vs}"),
            q(r.ping50.map(|p| p.rps), base.ping50.map(|p| p.rps)).map(|q| (q, q >= 0.9)),
        ),
        (
            format!("64 MiB MB/s >= 0.9x {vs}"),
            q(r.stream, base.stream).map(|q| (q, q >= 0.9)),
        ),
        (
            format!("10k burst time <= 1.5x {vs}"),
            q(r.burst, base.burst).map(|q| (q, q <= 1.5 && !gave_up_burst(ours))),
        ),
    ];
    let mut out = String::new();
    for (what, figure) in checks {
        let line = match figure {
            Some((q, ok)) => format!("{q:>5.2}x  {}", if ok { "met" } else { "MISSED" }),
            None => "  not measured".to_string(),
        };
        let _ = writeln!(out, "  {what:<36} {line}");
    }
    out
}

/// `rows` as a Markdown table, the first row its header: the first `text_cols` columns are
/// text, to the left; the others are figures, to the right. A short row is padded with blanks.
pub fn table(rows: &[Vec<String>], text_cols: usize) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let cell = |r: &Vec<String>, c: usize| r.get(c).cloned().unwrap_or_default();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| cell(r, c).chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let cell = cell(r, c);
                if c < text_cols {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            // Markdown: text columns to the left, figures to the right.
            let rule: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, w)| {
                    if c < text_cols {
                        "-".repeat(*w)
                    } else {
                        format!("{}:", "-".repeat(w - 1))
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", rule.join(" | "));
        }
    }
    out
}
