//! One walker for every command line: it splits the arguments into the options a program
//! declares and its positional arguments, and the program reads each option's value with the
//! parser written for it here (`--timeout` with [`parse_timeout`], a port with [`parse_port`]).
//!
//! An option is declared once, as an [`Opt`]: its name, the value it takes, and its line in
//! `--help`. The walker takes `--name VALUE` and `--name=VALUE`; `--` ends the options, so
//! that `-odd` after it is a positional argument. Anything else that starts with `-` is an
//! unknown option, named in a one-line error.
//!
//! Why not a library such as clap: its errors take several lines (the error, the usage, a
//! hint), where every lesson promises one line naming the bad value and exit 2. Keeping that
//! promise with clap would mean catching and rewriting its errors, more code than this walker.

use std::time::Duration;

/// An option a program takes, declared once: `--local` (a flag) or `--timeout SECS` (with a
/// value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opt {
    /// `--timeout`.
    pub name: &'static str,
    /// What the value is, as `--help` shows it (`SECS`); `None` for a flag.
    pub value: Option<&'static str>,
    /// Its explanation in `--help`; a `\n` starts a line of its own.
    pub help: &'static str,
}

impl Opt {
    /// An option without a value: `--local`.
    pub const fn flag(name: &'static str, help: &'static str) -> Opt {
        Opt {
            name,
            value: None,
            help,
        }
    }

    /// An option with a value: `--timeout SECS`.
    pub const fn with_value(name: &'static str, value: &'static str, help: &'static str) -> Opt {
        Opt {
            name,
            value: Some(value),
            help,
        }
    }

    /// Its lines in `--help`: `  --timeout SECS   how long ...`, the explanation in one column.
    pub fn help_lines(&self) -> String {
        let head = match self.value {
            Some(value) => format!("{} {value}", self.name),
            None => self.name.to_string(),
        };
        let mut out = String::new();
        for (i, line) in self.help.lines().enumerate() {
            let left = if i == 0 { head.as_str() } else { "" };
            out.push_str(&format!("  {left:<16} {line}\n"));
        }
        out
    }
}

/// A command line walked: which options were given, with their values, and the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked<'a> {
    /// Each option given, in order, with its value (`None` for a flag).
    pub options: Vec<(Opt, Option<&'a str>)>,
    /// The arguments that are not options, in order.
    pub positional: Vec<&'a str>,
}

impl<'a> Walked<'a> {
    /// Whether the flag `opt` was given.
    pub fn flag(&self, opt: Opt) -> bool {
        self.options.iter().any(|(o, _)| *o == opt)
    }

    /// The value of `opt`, the last one if it was given more than once, read by `parse`; or
    /// `default` when it was not given.
    pub fn value<T>(
        &self,
        opt: Opt,
        default: T,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, String> {
        let last = self.options.iter().rev().find(|(o, _)| *o == opt);
        match last {
            Some((_, Some(value))) => parse(value),
            _ => Ok(default),
        }
    }
}

/// Walks `args` against the options a program declares. Errors are one line naming what was
/// wrong.
pub fn walk<'a>(args: &'a [String], options: &[Opt]) -> Result<Walked<'a>, String> {
    let mut walked = Walked::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            walked.positional.extend(args.by_ref().map(String::as_str));
            break;
        }
        if !arg.starts_with('-') || arg.len() == 1 {
            walked.positional.push(arg);
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg.as_str(), None),
        };
        let Some(opt) = options.iter().find(|o| o.name == name) else {
            return Err(format!("unknown option '{arg}'"));
        };
        let value = match (opt.value, inline) {
            (None, None) => None,
            (None, Some(_)) => return Err(format!("{name} takes no value, got '{arg}'")),
            (Some(_), Some(value)) => Some(value),
            (Some(what), None) => match args.next() {
                Some(value) => Some(value.as_str()),
                None => return Err(format!("{name} needs a value ({what})")),
            },
        };
        walked.options.push((*opt, value));
    }
    Ok(walked)
}

/// The rule of `[HOST [PORT]]` for positional arguments already walked: at most two, a host
/// that is not empty, a port from 0 to 65535; the defaults for the ones not given.
pub fn parse_host_port(
    positional: &[&str],
    default_host: &str,
    default_port: u16,
) -> Result<(String, u16), String> {
    if let Some(extra) = positional.get(2) {
        return Err(format!("unexpected argument '{extra}'"));
    }
    let host = match positional.first() {
        Some(&"") => return Err("empty host name ''".to_string()),
        Some(h) => h.to_string(),
        None => default_host.to_string(),
    };
    let port = match positional.get(1) {
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

/// The default of `--timeout`, in every program that takes it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest `--timeout` taken: one day. A wait longer than that is no limit in practice,
/// and a much larger one (`1e19` seconds) cannot even be added to the clock's current time.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(86_400);

/// `--timeout SECS`: a number of seconds above 0 and at most [`MAX_TIMEOUT`] (one day),
/// fractions allowed (`0.5`). The same rule for every program that takes it.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|secs| *secs > 0.0 && *secs <= MAX_TIMEOUT.as_secs_f64())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .ok_or_else(|| {
            format!(
                "invalid timeout '{text}': expected a number of seconds above 0 and at most {} \
                 (one day)",
                MAX_TIMEOUT.as_secs()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOUD: Opt = Opt::flag("--loud", "say more");
    const WAIT: Opt = Opt::with_value("--wait", "SECS", "how long\nat most");

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_anywhere_values_both_ways_and_dash_dash() {
        let args = strings(&[
            "a", "--wait", "3", "--loud", "b", "--wait=4", "--", "--loud",
        ]);
        let walked = walk(&args, &[LOUD, WAIT]).unwrap();
        assert!(walked.flag(LOUD));
        assert_eq!(walked.positional, ["a", "b", "--loud"]);
        assert_eq!(walked.value(WAIT, 0, |v| Ok(v.len())), Ok(1));
        let last: Result<String, String> = walked.value(WAIT, String::new(), |v| Ok(v.into()));
        assert_eq!(last.unwrap(), "4");
        let none = walk(&[], &[LOUD, WAIT]).unwrap();
        assert!(!none.flag(LOUD));
        assert_eq!(none.value(WAIT, 7, |_| Ok(0)), Ok(7));
        // A lone `-` is an argument (stdin, by custom), not an option.
        assert_eq!(walk(&strings(&["-"]), &[]).unwrap().positional, ["-"]);
    }

    #[test]
    fn bad_options_are_named() {
        for (bad, named) in [
            (&["--verbose"][..], "'--verbose'"),
            (&["-x"], "'-x'"),
            (&["--loud=yes"], "'--loud=yes'"),
            (&["--wait"], "--wait needs a value (SECS)"),
        ] {
            let err = walk(&strings(bad), &[LOUD, WAIT]).unwrap_err();
            assert!(err.contains(named), "{bad:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }

    #[test]
    fn help_puts_the_explanations_in_one_column() {
        assert_eq!(
            WAIT.help_lines(),
            "  --wait SECS      how long\n                   at most\n"
        );
        assert_eq!(LOUD.help_lines(), "  --loud           say more\n");
    }

    #[test]
    fn defaults_then_positional_values() {
        assert_eq!(
            parse_host_port(&[], "localhost", 7000),
            Ok(("localhost".into(), 7000))
        );
        assert_eq!(
            parse_host_port(&["::1"], "localhost", 7000),
            Ok(("::1".into(), 7000))
        );
        assert_eq!(
            parse_host_port(&["127.0.0.1", "0"], "localhost", 7000),
            Ok(("127.0.0.1".into(), 0))
        );
    }

    #[test]
    fn bad_values_are_named() {
        for (bad, named) in [
            (&["h", "70000"][..], "'70000'"),
            (&["h", "seven"], "'seven'"),
            (&["h", "1", "x"], "'x'"),
            (&[""], "''"),
        ] {
            let err = parse_host_port(bad, "localhost", 7000).unwrap_err();
            assert!(err.contains(named), "{bad:?}: {err}");
        }
    }

    #[test]
    fn timeouts_are_seconds_above_zero_up_to_a_day() {
        assert_eq!(parse_timeout("10"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("86400"), Ok(MAX_TIMEOUT));
        for bad in ["0", "-1", "soon", "inf", "NaN", "", "86400.5", "1e19"] {
            let err = parse_timeout(bad).unwrap_err();
            assert!(err.contains(&format!("'{bad}'")), "{err}");
            assert!(err.contains("at most 86400"), "{err}");
        }
    }
}
