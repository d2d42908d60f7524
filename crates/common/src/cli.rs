//! Command lines as the slides read them: `sys.argv[1]` and `sys.argv[2]` with defaults.
//!
//! Every example answers `--help` with what it shows and how to run it, and rejects what it does
//! not take with one line on stderr and exit code 2, never a panic.

use std::fmt::Display;
use std::process::{self, ExitCode};
use std::time::Duration;

use crate::{EXIT_FAILURE, EXIT_USAGE};

/// One example's command line: its name, what it shows, and the arguments it takes.
#[derive(Debug, Clone, Copy)]
pub struct Cli {
    /// The binary's name, as errors name it.
    pub name: &'static str,
    /// What `cargo run -p` takes to run it: for an example, its name.
    pub package: &'static str,
    /// One sentence: what the example shows.
    pub about: &'static str,
    /// The arguments after the name, e.g. `[HOST [PORT]]`; empty for none.
    pub usage: &'static str,
    /// What each option does, one per line (`  --timeout SECS  ...`); empty for none.
    pub options: &'static str,
}

/// Builds the [`Cli`] of the calling crate from its `Cargo.toml` (name and description).
#[macro_export]
macro_rules! cli {
    ($usage:expr) => {
        $crate::cli::Cli {
            name: env!("CARGO_PKG_NAME"),
            package: env!("CARGO_PKG_NAME"),
            about: env!("CARGO_PKG_DESCRIPTION"),
            usage: $usage,
            options: "",
        }
    };
    () => {
        $crate::cli!("")
    };
}

impl Cli {
    /// The same command line, with `options` explained in `--help`.
    pub const fn with_options(self, options: &'static str) -> Cli {
        Cli { options, ..self }
    }

    /// The usage line: `usage: NAME ARGS`.
    pub fn usage_line(&self) -> String {
        if self.usage.is_empty() {
            format!("usage: {}", self.name)
        } else {
            format!("usage: {} {}", self.name, self.usage)
        }
    }

    /// The text of `--help`.
    pub fn help(&self) -> String {
        let run = if self.usage.is_empty() {
            format!("cargo run -p {}", self.package)
        } else {
            format!("cargo run -p {} -- {}", self.package, self.usage)
        };
        let options = if self.options.is_empty() {
            String::new()
        } else {
            format!("\n\nOptions:\n{}", self.options.trim_end())
        };
        format!(
            "{}\n\n{}{options}\n\nRun it with:\n    {run}\n\n\
             Exit codes: 0 success, 1 failure at run time, 2 bad command line.\n",
            self.about,
            self.usage_line()
        )
    }

    /// The arguments after the program name. `-h` or `--help` anywhere prints the help and
    /// exits 0.
    pub fn args(&self) -> Vec<String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if args.iter().any(|a| a == "-h" || a == "--help") {
            print!("{}", self.help());
            process::exit(0);
        }
        args
    }

    /// Prints `NAME: MESSAGE (usage: ...)` on one line to stderr and exits with code 2.
    pub fn fail(&self, message: impl Display) -> ! {
        eprintln!("{}: {message} ({})", self.name, self.usage_line());
        process::exit(EXIT_USAGE);
    }

    /// The exit code of a run: 0; or, after printing the error as one line, `NAME: error`, on
    /// stderr, exit 1 at once. (An error returned from `main` would be printed in its Debug
    /// form, `Error: "..."`.) At once, because returning from an async `main` drops the tokio
    /// runtime, and the drop waits for every thread of its blocking pool: a host lookup that
    /// the name servers leave unanswered, given up after `--timeout`, would keep the process
    /// alive for as long as the resolver keeps trying.
    pub fn exit_code<E: Display>(&self, result: Result<(), E>) -> ExitCode {
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{}: {e}", self.name);
                process::exit(EXIT_FAILURE) // flushes stdout first
            }
        }
    }

    /// For an example that takes no arguments: checks there are none.
    pub fn no_args(&self) {
        if let Some(extra) = self.args().first() {
            self.fail(format!("unexpected argument '{extra}'"));
        }
    }

    /// `host = sys.argv[1] if len(sys.argv) > 1 else HOST` and the same for the port.
    pub fn host_port(&self, default_host: &str, default_port: u16) -> (String, u16) {
        let args = self.args();
        match parse_host_port(&args, default_host, default_port) {
            Ok(hp) => hp,
            Err(message) => self.fail(message),
        }
    }
}

/// The rule behind [`Cli::host_port`], apart from the process: `[HOST [PORT]]`.
pub fn parse_host_port(
    args: &[String],
    default_host: &str,
    default_port: u16,
) -> Result<(String, u16), String> {
    if let Some(extra) = args.get(2) {
        return Err(format!("unexpected argument '{extra}'"));
    }
    if let Some(flag) = args.iter().find(|a| a.starts_with('-') && a.len() > 1) {
        return Err(format!("unexpected option '{flag}'"));
    }
    let host = match args.first() {
        Some(h) if h.is_empty() => return Err("empty host name ''".to_string()),
        Some(h) => h.clone(),
        None => default_host.to_string(),
    };
    let port = match args.get(1) {
        Some(p) => parse_port(p)?,
        None => default_port,
    };
    Ok((host, port))
}

/// A TCP port: a whole number from 0 to 65535 (0 asks the system for a free one).
pub fn parse_port(text: &str) -> Result<u16, String> {
    text.parse::<u16>()
        .map_err(|_| format!("invalid port '{text}': expected a number from 0 to 65535"))
}

/// `--timeout SECS`: a number of seconds above 0, fractions allowed (`0.5`).
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|secs| *secs > 0.0)
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .ok_or_else(|| format!("invalid timeout '{text}': expected a number of seconds above 0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_then_positional_values() {
        assert_eq!(
            parse_host_port(&[], "localhost", 7000),
            Ok(("localhost".into(), 7000))
        );
        assert_eq!(
            parse_host_port(&strings(&["::1"]), "localhost", 7000),
            Ok(("::1".into(), 7000))
        );
        assert_eq!(
            parse_host_port(&strings(&["127.0.0.1", "0"]), "localhost", 7000),
            Ok(("127.0.0.1".into(), 0))
        );
    }

    #[test]
    fn bad_values_are_named() {
        let err = parse_host_port(&strings(&["h", "70000"]), "localhost", 7000).unwrap_err();
        assert!(err.contains("'70000'"), "{err}");
        let err = parse_host_port(&strings(&["h", "seven"]), "localhost", 7000).unwrap_err();
        assert!(err.contains("'seven'"), "{err}");
        let err = parse_host_port(&strings(&["h", "1", "x"]), "localhost", 7000).unwrap_err();
        assert!(err.contains("'x'"), "{err}");
        let err = parse_host_port(&strings(&["--verbose"]), "localhost", 7000).unwrap_err();
        assert!(err.contains("'--verbose'"), "{err}");
        let err = parse_host_port(&strings(&[""]), "localhost", 7000).unwrap_err();
        assert!(err.contains("''"), "{err}");
    }

    #[test]
    fn timeouts_are_seconds_above_zero() {
        assert_eq!(parse_timeout("10"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
        for bad in ["0", "-1", "soon", "inf", "NaN", ""] {
            let err = parse_timeout(bad).unwrap_err();
            assert!(err.contains(&format!("'{bad}'")), "{err}");
        }
    }

    #[test]
    fn help_explains_the_options_when_there_are_some() {
        let cli = crate::cli!("[--timeout SECS]");
        assert!(!cli.help().contains("Options:"));
        let help = cli
            .with_options("  --timeout SECS  how long to wait (default 10)\n")
            .help();
        assert!(
            help.contains(
                "usage: common [--timeout SECS]\n\nOptions:\n  --timeout SECS  how long to wait \
                 (default 10)\n\nRun it with:"
            ),
            "{help}"
        );
    }
}
