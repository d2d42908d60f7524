//! The echo clients' command line (echo_client's, and event_loop's `echo-client`): the slide's
//! `HOST PORT`, each with its default, and `--timeout SECS`, before or after them.

use std::time::Duration;

use super::{Cli, DEFAULT_TIMEOUT, Opt, parse_host_port, parse_timeout, walk};

/// The arguments an echo client takes, for [`Cli`].
pub const USAGE: &str = "[--timeout SECS] [HOST [PORT]]";

/// `--timeout SECS`, read by [`parse_timeout`].
pub const TIMEOUT: Opt = Opt::with_value(
    "--timeout",
    "SECS",
    "how long to wait for the connection, then for the whole echo\n\
     (default 10, at most 86400)",
);

/// The command line, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub host: String,
    pub port: u16,
    pub timeout: Duration,
}

impl Args {
    /// The program's own command line, with `host` and `port` as defaults; on bad input, one
    /// line on stderr and exit 2.
    pub fn from_cli(cli: &Cli, host: &str, port: u16) -> Args {
        let cli = cli.with_options(&[TIMEOUT]);
        parse(&cli.args(), host, port).unwrap_or_else(|message| cli.fail(message))
    }
}

/// The rule behind [`Args::from_cli`], apart from the process.
pub fn parse(args: &[String], default_host: &str, default_port: u16) -> Result<Args, String> {
    let given = walk(args, &[TIMEOUT])?;
    let (host, port) = parse_host_port(&given.positional, default_host, default_port)?;
    Ok(Args {
        host,
        port,
        timeout: given.value(TIMEOUT, DEFAULT_TIMEOUT, parse_timeout)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        parse(&list, "localhost", 7000)
    }

    fn expected(host: &str, port: u16, secs: u64) -> Args {
        Args {
            host: host.into(),
            port,
            timeout: Duration::from_secs(secs),
        }
    }

    #[test]
    fn the_slides_defaults() {
        assert_eq!(args(&[]), Ok(expected("localhost", 7000, 10)));
        assert_eq!(args(&["::1"]), Ok(expected("::1", 7000, 10)));
        assert_eq!(args(&["h", "8"]), Ok(expected("h", 8, 10)));
    }

    #[test]
    fn the_timeout_before_between_or_after_host_and_port() {
        for list in [
            &["--timeout", "3", "h", "8"][..],
            &["h", "--timeout", "3", "8"],
            &["h", "8", "--timeout", "3"],
            &["h", "8", "--timeout=3"],
        ] {
            assert_eq!(args(list), Ok(expected("h", 8, 3)), "{list:?}");
        }
        assert_eq!(
            args(&["--timeout", "0.5"]).unwrap().timeout,
            Duration::from_millis(500)
        );
    }

    #[test]
    fn bad_input_is_named() {
        for (bad, named) in [
            (&["--timeout", "soon"][..], "'soon'"),
            (&["--timeout", "0"], "'0'"),
            (&["--timeout", "-1"], "'-1'"),
            (&["--timeout="], "''"),
            (&["--timeout"], "--timeout"),
            (&["--verbose"], "'--verbose'"),
            (&["h", "8", "extra"], "'extra'"),
            (&["h", "seven"], "'seven'"),
            (&["--timeout", "1e19"], "'1e19'"),
        ] {
            let err = args(bad).unwrap_err();
            assert!(err.contains(named), "{bad:?}: {err}");
        }
    }
}
