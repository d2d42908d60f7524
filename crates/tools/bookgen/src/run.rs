//! The real runs the book shows: each lesson run as `slides run` and `slides diff` run it
//! (`slides::runner`), and its output checked against its slide by the slide checker.

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

/// What the slide checker says of the run.
pub enum Verdict {
    Matches,
    /// The checker's unified diff: the normalized slide (`-`) and output (`+`).
    Differs(String),
    NoSlide,
    DidNotRun,
}

/// Runs lessons; the echo pair runs once for both of its pages.
#[derive(Default)]
pub struct Runner {
    echo_pair: Option<Result<EchoPair, String>>,
}

impl Runner {
    pub fn run(&mut self, name: &str, has_slide: bool) -> Run {
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
        let verdict = match checked {
            Err(_) => Verdict::DidNotRun,
            Ok(_) if !has_slide => Verdict::NoSlide,
            Ok(out) => match slides::check_slide(name, &out) {
                Ok(()) => Verdict::Matches,
                Err(diff) => Verdict::Differs(diff),
            },
        };
        Run {
            command,
            what,
            shown,
            verdict,
        }
    }

    fn echo_pair(&mut self) -> Result<EchoPair, String> {
        self.echo_pair.get_or_insert_with(runner::echo_pair).clone()
    }
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
