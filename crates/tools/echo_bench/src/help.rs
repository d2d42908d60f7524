//! What `echo_bench --help` prints: the command line, then what each load measures.

/// The command line, also shown after a bad argument.
pub const USAGE: &str = "usage: echo_bench [--cecho PATH] [--vs HOST:PORT]... [--secs S] \
                         [--only ping1,ping50,stream,burst,fair,counter,spawn]";

/// `--help`: the command line, then the options and the loads.
pub const HELP: &str = "\
Echo servers side by side on 127.0.0.1 (echo_server on tokio, event_loop's echo-server,
threads, cecho, --vs servers), under the same loads; every echoed byte is checked.

Options:
  --cecho PATH     start the C reference server built from cecho.c (the ratios need it)
  --vs HOST:PORT   also measure an echo server started by hand, on a loopback address
  --secs S         length of each ping-pong run and of the fair window: 0 < S <= 5, 2 by default
  --only LOADS     run only these loads, comma-separated (all by default)

Loads:
  ping1    ping-pong, 1 KiB at a time, 1 connection
  ping50   the same on 50 connections at once
  stream   64 MiB through 1 connection
  burst    10,000 connections opened at once, 1 KiB echoed on each
  fair     one client streams 64 KiB writes and drains the echo; meanwhile a second client
           pings 1 KiB every 10 ms and a new client connects every 100 ms to send 1 KiB.
           Gives the pings' p50/p99, the slowest new connection and the stream's MB/s.
           Targets: event_loop's ping p99 <= 2x echo_server's; its stream >= 0.9x the
           figure it had before its loop was made fair
  counter  async_counter's task switches on tokio, event_loop and threads
  spawn    the cost of starting and joining N processes, threads and tasks

Exit codes: 0 measured (a missed target is reported), 1 a load failed, 2 bad command line.";
