//! Command lines as the slides read them: `sys.argv[1]` and `sys.argv[2]` with defaults, and
//! the few options some lessons add, walked by [`options::walk`].
//!
//! Every example answers `--help` with what it shows and how to run it, and rejects what it does
//! not take with one line on stderr and exit code 2, never a panic: an unknown option, a bad
//! value, an argument that is not UTF-8 (named as far as it can be printed, `'\u{FFFD}'` for
//! the bytes that are not text).

pub mod client;
pub mod options;

use std::fmt::Display;
use std::process::{self, ExitCode};

pub use options::{
    DEFAULT_TIMEOUT, MAX_TIMEOUT, Opt, Walked, parse_host_port, parse_port, parse_timeout, walk,
};

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
    /// The options it takes, explained in `--help`; empty for none.
    pub options: &'static [Opt],
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
            options: &[],
        }
    };
    () => {
        $crate::cli!("")
    };
}

impl Cli {
    /// The same command line, taking `options` (explained in `--help`).
    pub const fn with_options(self, options: &'static [Opt]) -> Cli {
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
        let options: String = self.options.iter().map(Opt::help_lines).collect();
        let options = if options.is_empty() {
            String::new()
        } else {
            format!("\n\nOptions:\n{}", options.trim_end())
        };
        format!(
            "{}\n\n{}{options}\n\nRun it with:\n    {run}\n\n\
             Exit codes: 0 success, 1 failure at run time, 2 bad command line, 141 stdout \
             closed before the end (as by `| head -1`).\n",
            self.about,
            self.usage_line()
        )
    }

    /// The arguments after the program name. `-h` or `--help` anywhere prints the help and
    /// exits 0. From here on, a closed stdout ends the program quietly (see
    /// [`crate::closed_stdout`]).
    pub fn args(&self) -> Vec<String> {
        crate::closed_stdout::end_quietly_when_closed();
        let args: Vec<String> = std::env::args_os()
            .skip(1)
            .map(|arg| {
                arg.into_string().unwrap_or_else(|bad| {
                    self.fail(format!("argument '{}' is not UTF-8", bad.to_string_lossy()))
                })
            })
            .collect();
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

    /// The command line walked against the options this program takes (see [`walk`]); on
    /// bad input, one line on stderr and exit 2.
    pub fn walk<'a>(&self, args: &'a [String]) -> Walked<'a> {
        walk(args, self.options).unwrap_or_else(|message| self.fail(message))
    }

    /// Ends the program on a failed run: prints the error as one line, `NAME: error`, on
    /// stderr, and exits 1 at once; a run that succeeded gives exit code 0 to return from
    /// `main`. (An error returned from `main` would be printed in its Debug form,
    /// `Error: "..."`.) At once, because returning from an async `main` drops the tokio
    /// runtime, and the drop waits for every thread of its blocking pool: a host lookup that
    /// the name servers leave unanswered, given up after `--timeout`, would keep the process
    /// alive for as long as the resolver keeps trying.
    pub fn exit_on_error<E: Display>(&self, result: Result<(), E>) -> ExitCode {
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
        let walked = self.walk(&args);
        parse_host_port(&walked.positional, default_host, default_port)
            .unwrap_or_else(|message| self.fail(message))
    }
}

#[cfg(test)]
mod tests {
    const TIMEOUT: super::Opt =
        super::Opt::with_value("--timeout", "SECS", "how long to wait (default 10)");

    #[test]
    fn help_explains_the_options_when_there_are_some() {
        let cli = crate::cli!("[--timeout SECS]");
        assert!(!cli.help().contains("Options:"));
        let help = cli.with_options(&[TIMEOUT]).help();
        assert!(
            help.contains(
                "usage: common [--timeout SECS]\n\nOptions:\n  --timeout SECS   how long to wait \
                 (default 10)\n\nRun it with:"
            ),
            "{help}"
        );
    }
}
