//! The HTTP examples' command line and the servers they fetch from.
//!
//! ```text
//! [--local] [--timeout SECS] [--max-bytes N] [--timeline] [HOST[:PORT]...]
//! ```
//!
//! - no HOST: the slide's three servers, on port 80;
//! - `HOST` or `HOST:PORT` (an IPv6 address in brackets: `[::1]:8080`): those servers instead;
//! - `--local`: the slide's servers played by local stand-ins (see [`super::standin`]);
//! - `--timeout SECS`: how long one request may take in all, from looking up the host to the
//!   last byte, before it counts as failed (default 10);
//! - `--max-bytes N`: the largest response read; one that passes it is dropped there, and
//!   counts as failed (default 16 MiB), so that a server that never stops sending cannot
//!   fill the memory;
//! - `--timeline`: after each run, a chart of the requests on one time axis
//!   (see [`super::timeline`]).

use std::io;
use std::time::Duration;

use super::standin;
use crate::cli::{Cli, Opt, parse_port, parse_timeout, walk};

/// The arguments the HTTP examples take, for [`Cli`].
pub const USAGE: &str = "[--local] [--timeout SECS] [--max-bytes N] [--timeline] [HOST[:PORT]...]";

/// `--local`.
pub const LOCAL: Opt = Opt::flag(
    "--local",
    "the slide's servers, played by local stand-ins on 127.0.0.1 (no HOST then)",
);
/// `--timeout SECS`, read by [`parse_timeout`].
pub const TIMEOUT: Opt = Opt::with_value(
    "--timeout",
    "SECS",
    "how long one request may take in all, from looking up the host to the\n\
     last byte (default 10, at most 86400)",
);
/// `--max-bytes N`, read by [`parse_max_bytes`].
pub const MAX_BYTES: Opt = Opt::with_value(
    "--max-bytes",
    "N",
    "the largest response read, in bytes; a larger one fails\n\
     (default 16777216, 16 MiB)",
);
/// `--timeline`.
pub const TIMELINE: Opt = Opt::flag(
    "--timeline",
    "after each run, a chart of the requests on one time axis",
);
/// Every option, in the order `--help` lists them.
pub const OPTIONS: &[Opt] = &[LOCAL, TIMEOUT, MAX_BYTES, TIMELINE];

/// `SERVERS = ("www.hkmu.edu.hk", "ole.hkmu.edu.hk", "www.google.com")`
pub const SERVERS: [&str; 3] = ["www.hkmu.edu.hk", "ole.hkmu.edu.hk", "www.google.com"];

/// The port the slides connect to: plain HTTP.
pub const HTTP_PORT: u16 = 80;

/// The default of `--timeout`, as for every program that takes it.
pub use crate::cli::DEFAULT_TIMEOUT;

/// The default of `--max-bytes`: 16 MiB, over 300 times the slide's largest page (51 KB).
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// A server to fetch `/` from: the name printed for it, and where to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// As the output names it: the host (`www.google.com`), or the argument as given
    /// (`127.0.0.1:8080`).
    pub name: String,
    /// What to resolve and connect to: a host name or an IP address.
    pub host: String,
    pub port: u16,
}

impl Server {
    /// `(host, port)`, which both `std` and tokio resolve and connect to.
    pub fn addr(&self) -> (&str, u16) {
        (&self.host, self.port)
    }

    /// A server on a known address, named by it (`127.0.0.1:41234`).
    pub fn at(addr: std::net::SocketAddr) -> Server {
        Server {
            name: addr.to_string(),
            host: addr.ip().to_string(),
            port: addr.port(),
        }
    }
}

/// The command line, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub local: bool,
    pub timeout: Duration,
    /// The largest response read, in bytes.
    pub max_bytes: u64,
    pub timeline: bool,
    /// The servers named on the command line, or the slide's (on port 80) when none is.
    pub servers: Vec<Server>,
}

impl Args {
    /// The program's own command line; on bad input, one line on stderr and exit 2. `--help`
    /// explains each option.
    pub fn from_cli(cli: &Cli) -> Args {
        let cli = cli.with_options(OPTIONS);
        parse(&cli.args()).unwrap_or_else(|message| cli.fail(message))
    }

    /// Whether the run fetches the slide's own servers over the internet: no `--local`, and
    /// no HOST but the slide's.
    pub fn fetches_the_slides_servers_online(&self) -> bool {
        let slides = SERVERS.iter().map(|host| (*host, HTTP_PORT));
        !self.local
            && self
                .servers
                .iter()
                .map(|s| (s.host.as_str(), s.port))
                .eq(slides)
    }

    /// The servers to fetch from. With `--local`, starts the stand-ins and returns them, named
    /// as the slide's hosts they play, and says on stderr (as `program`) where they really are.
    pub fn servers(&self, program: &str) -> io::Result<Vec<Server>> {
        if !self.local {
            return Ok(self.servers.clone());
        }
        let running = standin::start_all()?;
        let places: Vec<String> = running
            .iter()
            .map(|r| format!("{} on {}", r.host, r.addr))
            .collect();
        eprintln!(
            "{program}: --local: the servers are local stand-ins: {}",
            places.join(", ")
        );
        Ok(running
            .into_iter()
            .map(|r| Server {
                name: r.host.to_string(),
                ..Server::at(r.addr)
            })
            .collect())
    }
}

/// The rule behind [`Args::from_cli`], apart from the process.
pub fn parse(args: &[String]) -> Result<Args, String> {
    let given = walk(args, OPTIONS)?;
    let mut parsed = Args {
        local: given.flag(LOCAL),
        timeout: given.value(TIMEOUT, DEFAULT_TIMEOUT, parse_timeout)?,
        max_bytes: given.value(MAX_BYTES, DEFAULT_MAX_BYTES, parse_max_bytes)?,
        timeline: given.flag(TIMELINE),
        servers: Vec::new(),
    };
    for host in &given.positional {
        parsed.servers.push(parse_server(host)?);
    }
    if parsed.local && !parsed.servers.is_empty() {
        return Err(format!(
            "--local plays the slide's servers and takes no HOST, got '{}'",
            parsed.servers[0].name
        ));
    }
    if parsed.servers.is_empty() {
        parsed.servers = SERVERS
            .iter()
            .map(|host| Server {
                name: host.to_string(),
                host: host.to_string(),
                port: HTTP_PORT,
            })
            .collect();
    }
    Ok(parsed)
}

/// `--max-bytes N`: a whole number of bytes above 0.
pub fn parse_max_bytes(text: &str) -> Result<u64, String> {
    text.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        format!("invalid --max-bytes '{text}': expected a whole number of bytes above 0")
    })
}

/// `HOST`, `HOST:PORT`, `[IPV6]`, `[IPV6]:PORT`, or a bare IPv6 address (`::1`).
pub fn parse_server(arg: &str) -> Result<Server, String> {
    let (host, port) = if let Some(rest) = arg.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| format!("missing ']' in '{arg}'"))?;
        match after {
            "" => (host, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => return Err(format!("unexpected '{after}' after ']' in '{arg}'")),
            },
        }
    } else {
        match arg.split_once(':') {
            // Two colons or more without brackets: an IPv6 address, on the default port.
            Some((_, port)) if port.contains(':') => (arg, None),
            Some((host, port)) => (host, Some(port)),
            None => (arg, None),
        }
    };
    if host.is_empty() {
        return Err(format!("empty host in '{arg}'"));
    }
    let port = match port {
        Some(p) => parse_port(p).map_err(|e| format!("{e} in '{arg}'"))?,
        None => HTTP_PORT,
    };
    Ok(Server {
        name: arg.to_string(),
        host: host.to_string(),
        port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn server(name: &str, host: &str, port: u16) -> Server {
        Server {
            name: name.into(),
            host: host.into(),
            port,
        }
    }

    #[test]
    fn by_default_the_slides_servers_on_port_80() {
        let a = args(&[]).unwrap();
        assert!(!a.local && !a.timeline);
        assert_eq!(a.timeout, DEFAULT_TIMEOUT);
        assert_eq!(a.max_bytes, 16_777_216);
        assert_eq!(
            a.servers,
            vec![
                server("www.hkmu.edu.hk", "www.hkmu.edu.hk", 80),
                server("ole.hkmu.edu.hk", "ole.hkmu.edu.hk", 80),
                server("www.google.com", "www.google.com", 80),
            ]
        );
        let a = args(&["--local", "--timeline", "--timeout", "0.5"]).unwrap();
        assert!(a.local && a.timeline);
        assert_eq!(a.timeout, Duration::from_millis(500));
        assert_eq!(a.servers.len(), 3);
        assert_eq!(args(&["--timeout=3"]).unwrap().timeout.as_secs(), 3);
        assert_eq!(args(&["--max-bytes", "100"]).unwrap().max_bytes, 100);
        assert_eq!(args(&["--max-bytes=1"]).unwrap().max_bytes, 1);
    }

    #[test]
    fn only_the_slides_servers_without_local_are_fetched_online() {
        assert!(args(&[]).unwrap().fetches_the_slides_servers_online());
        assert!(
            !args(&["--local"])
                .unwrap()
                .fetches_the_slides_servers_online()
        );
        assert!(
            !args(&["example.org"])
                .unwrap()
                .fetches_the_slides_servers_online()
        );
        let slides = args(&["www.hkmu.edu.hk", "ole.hkmu.edu.hk", "www.google.com"]).unwrap();
        assert!(slides.fetches_the_slides_servers_online());
    }

    #[test]
    fn hosts_and_ports_as_given() {
        let a = args(&[
            "example.org",
            "127.0.0.1:8080",
            "[::1]:9000",
            "[::1]",
            "::1",
        ])
        .unwrap();
        assert_eq!(
            a.servers,
            vec![
                server("example.org", "example.org", 80),
                server("127.0.0.1:8080", "127.0.0.1", 8080),
                server("[::1]:9000", "::1", 9000),
                server("[::1]", "::1", 80),
                server("::1", "::1", 80),
            ]
        );
        assert_eq!(
            args(&["--", "-odd"]).unwrap().servers,
            vec![server("-odd", "-odd", 80)]
        );
    }

    #[test]
    fn bad_input_is_named() {
        for (bad, named) in [
            (&["h:x"][..], "'x'"),
            (&["h:70000"], "'70000'"),
            (&[":80"], "':80'"),
            (&[""], "''"),
            (&["[::1"], "'[::1'"),
            (&["[::1]x"], "'x'"),
            (&["--timeout", "soon"], "'soon'"),
            (&["--timeout", "0"], "'0'"),
            (&["--timeout", "-1"], "'-1'"),
            (&["--timeout", "inf"], "'inf'"),
            (&["--timeout", "NaN"], "'NaN'"),
            (&["--max-bytes", "abc"], "'abc'"),
            (&["--max-bytes", "0"], "'0'"),
            (&["--max-bytes", "-1"], "'-1'"),
            (&["--max-bytes", "1.5"], "'1.5'"),
            (
                &["--max-bytes", "99999999999999999999"],
                "'99999999999999999999'",
            ),
            (&["--max-bytes="], "''"),
            (&["--verbose"], "'--verbose'"),
            (&["--local", "example.org"], "'example.org'"),
        ] {
            let err = args(bad).unwrap_err();
            assert!(err.contains(named), "{bad:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        assert!(args(&["--timeout"]).unwrap_err().contains("--timeout"));
        assert!(args(&["--max-bytes"]).unwrap_err().contains("--max-bytes"));
    }
}
