//! The real runs the book shows: each lesson run as `slides run` and `slides diff` run it
//! (`slides::runner`), and its output checked by the slide checker: against its slide for the
//! slides' programs, against its Python twin, run now too, for our own lessons.

use std::path::{Path, PathBuf};
use std::process::Command;

use slides::runner::{self, EchoPair};

use crate::timeline::{self, Chart};

/// One lesson's run, as its page shows it.
pub struct Run {
    /// What a student types to get this output, as Markdown.
    pub command: String,
    /// What is shown: which stream, and, when the checker looks at part of it only, which.
    pub what: String,
    /// The output shown, or why there is none.
    pub shown: Result<String, String>,
    pub verdict: Verdict,
}

/// What the run is checked against: the slide (`slide.txt`), or the Python twin's run.
#[derive(Clone, Copy, PartialEq)]
pub enum Against {
    Slide,
    Twin,
}

/// What the slide checker says of the run.
pub enum Verdict {
    Matches,
    /// The checker's unified diff: the normalized slide or twin (`-`) and output (`+`).
    Differs(String),
    /// Why there was nothing to compare with: no slide.txt, or the twin did not run.
    NotCompared(String),
    DidNotRun,
}

/// Runs lessons; the echo pair runs once for both of its pages.
pub struct Runner {
    root: PathBuf,
    echo_pair: Option<Result<EchoPair, String>>,
}

impl Runner {
    pub fn new(root: &Path) -> Runner {
        Runner {
            root: root.to_path_buf(),
            echo_pair: None,
        }
    }

    pub fn run(&mut self, name: &str, against: Against) -> Run {
        let (command, what, shown, checked) = match name {
            "echo_server" => {
                let pair = self.echo_pair();
                (
                    format!(
                        "`{}`, with `{}` run against it, then Ctrl-C",
                        runner::command_line("echo_server", &["localhost", "0"]),
                        runner::command_line("echo_client", &["localhost", "PORT"])
                    ),
                    "the server's log (stderr); the slide shows it up to the client's \
                     disconnection, and the checker compares that part"
                        .to_string(),
                    pair.clone()
                        .map(|p| format!("{}{}", p.server_log, p.server_log_after)),
                    pair.map(|p| p.server_log),
                )
            }
            "echo_client" => {
                let pair = self.echo_pair();
                (
                    format!(
                        "`{}`, against `{}`",
                        runner::command_line("echo_client", &["localhost", "PORT"]),
                        runner::command_line("echo_server", &["localhost", "0"])
                    ),
                    "stdout".to_string(),
                    pair.clone().map(|p| p.client_out.clone()),
                    pair.map(|p| p.client_out),
                )
            }
            _ => {
                let out = runner::output_to_check(name);
                (
                    format!(
                        "`{}`",
                        runner::command_line(name, &runner::recipe_args(name))
                    ),
                    "stdout".to_string(),
                    out.clone(),
                    out,
                )
            }
        };
        let verdict = match (checked, against) {
            (Err(_), _) => Verdict::DidNotRun,
            (Ok(_), Against::Slide) if !slides::slide_path(name).exists() => {
                Verdict::NotCompared(format!("crates/{name}/slide.txt is missing"))
            }
            (Ok(out), Against::Slide) => match slides::check_slide(name, &out) {
                Ok(()) => Verdict::Matches,
                Err(diff) => Verdict::Differs(diff),
            },
            (Ok(out), Against::Twin) => self.against_twin(name, &out),
        };
        Run {
            command,
            what,
            shown,
            verdict,
        }
    }

    /// The checker on `out` and the twin's run; a timed lesson's twin runs again, up to
    /// [`slides::TIMED_TRIES`] runs, when a tenth of a second differs.
    fn against_twin(&self, name: &str, out: &str) -> Verdict {
        let tries = if slides::TIMED_EXAMPLES.contains(&name) {
            slides::TIMED_TRIES
        } else {
            1
        };
        let mut verdict = Verdict::DidNotRun;
        for _ in 0..tries {
            verdict = match self.python(name, &[]) {
                Ok(twin) => match slides::check(name, &twin, out) {
                    Ok(()) => return Verdict::Matches,
                    Err(diff) => Verdict::Differs(diff),
                },
                Err(e) => return Verdict::NotCompared(e),
            };
        }
        verdict
    }

    /// What `python3 crates/NAME/NAME.py ARGS` prints.
    pub fn python(&self, name: &str, args: &[&str]) -> Result<String, String> {
        let script = self.root.join(format!("crates/{name}/{name}.py"));
        let out = slides::output_within(
            Command::new("python3")
                .arg(&script)
                .args(args)
                .env("PYTHONUNBUFFERED", "1"),
            slides::RUN_BOUND,
        )
        .map_err(|e| format!("python3 {}: {e}", python_command(name, args)))?;
        if !out.status.success() {
            return Err(format!(
                "{} failed ({}): {}",
                python_command(name, args),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        String::from_utf8(out.stdout).map_err(|e| format!("{name}.py printed non-UTF-8: {e}"))
    }

    fn echo_pair(&mut self) -> Result<EchoPair, String> {
        self.echo_pair.get_or_insert_with(runner::echo_pair).clone()
    }
}

/// The command a student types to run lesson `name`'s Python twin with `args`.
pub fn python_command(name: &str, args: &[&str]) -> String {
    let mut command = format!("python3 crates/{name}/{name}.py");
    for arg in args {
        command.push(' ');
        command.push_str(arg);
    }
    command
}

/// The arguments of a run with `args`: the lesson's own first (`--local` for the HTTP
/// lessons, so that the book is built offline), unless `args` has them.
pub fn args_with<'a>(name: &str, args: &[&'a str]) -> Vec<&'a str> {
    let mut all: Vec<&str> = runner::recipe_args(name)
        .into_iter()
        .filter(|a| !args.contains(a))
        .collect();
    all.extend(args);
    all
}

/// Runs lesson `name` once more with [`args_with`] `args`: its stdout.
pub fn with_args(name: &str, args: &[&str]) -> Result<String, String> {
    slides::run(
        &runner::program(name).to_string_lossy(),
        &args_with(name, args),
    )
}

/// Runs lesson `name` once more with `--timeline` and reads its charts back; the command line
/// and the charts.
pub fn timeline(name: &str) -> Result<(String, Vec<Chart>), String> {
    let mut args = runner::recipe_args(name);
    args.push("--timeline");
    let out = slides::run(&runner::program(name).to_string_lossy(), &args)?;
    let charts = timeline::parse(&out)?;
    if charts.is_empty() {
        return Err(format!("{name} --timeline drew no chart"));
    }
    Ok((runner::command_line(name, &args), charts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_with_arguments_keeps_the_lessons_own() {
        assert_eq!(
            args_with("http_client", &["--timeline"]),
            ["--local", "--timeline"]
        );
        assert_eq!(
            args_with("http_client", &["--timeline", "--local"]),
            ["--timeline", "--local"]
        );
        assert_eq!(
            args_with("async_counter", &["--await-between"]),
            ["--await-between"]
        );
    }
}
