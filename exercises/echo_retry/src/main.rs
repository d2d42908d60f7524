//! `echo_retry [HOST [PORT]]`: sends one line to the echo server at HOST (default localhost)
//! and PORT (default 7000) with your echo_retry: 3 tries of 2 s at most, 0.5 s apart.
//! Exit codes: 0 echoed, 1 gave up, 2 bad command line.

use std::time::Duration;

use echo_retry::{Policy, echo_retry};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let host = args.next().unwrap_or_else(|| "localhost".to_string());
    let port = args.next().unwrap_or_else(|| "7000".to_string());
    let Ok(port) = port.parse::<u16>() else {
        eprintln!("echo_retry: bad PORT {port:?}: want a number from 0 to 65535");
        std::process::exit(2);
    };
    let addr = match tokio::net::lookup_host((host.as_str(), port)).await {
        Ok(mut addrs) => addrs.next(),
        Err(_) => None,
    };
    let Some(addr) = addr else {
        eprintln!("echo_retry: bad HOST {host:?}: it has no address");
        std::process::exit(2);
    };
    let policy = Policy {
        limit: Duration::from_secs(2),
        tries: 3,
        pause: Duration::from_millis(500),
    };
    let line = "Hello, echo, again and again!\n";
    print!("Sent to server:  {line}");
    match echo_retry(addr, line, policy).await {
        Ok(echo) => print!("Received from server:  {echo}"),
        Err(error) => {
            eprintln!(
                "echo_retry: gave up on {addr} after {} tries: {error}",
                policy.tries
            );
            std::process::exit(1);
        }
    }
}
