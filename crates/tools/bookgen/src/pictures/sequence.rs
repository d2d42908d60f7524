//! generator_next's run as a sequence diagram: the caller and the generator, each a lifeline;
//! `next()` from the caller to the generator, `yield` back, and each line the run printed on
//! the lifeline of whoever printed it. Drawn from the run's own lines.

use super::shapes::{ARROW, arrow, boxed, defs, heading, text};
use crate::svg::{INK, document, escape};

const CALLER: f64 = 110.0;
const GENERATOR: f64 = 330.0;
const PRINTS: f64 = 420.0;
const STEP: f64 = 30.0;

/// One thing that happened, read from a line of the run.
enum Step<'a> {
    /// `Caller creates <generator object ...>`.
    Creates(&'a str),
    /// `Generator generates N`: the caller called `next()`, the generator ran up to `yield`.
    Generates(&'a str, &'a str),
    /// `Caller gets N`: what `yield` handed back.
    Gets(&'a str),
}

fn steps(output: &str) -> Result<Vec<Step<'_>>, String> {
    let steps: Vec<Step> = output
        .lines()
        .filter_map(|line| {
            if line.starts_with("Caller creates") {
                Some(Step::Creates(line))
            } else if let Some(n) = line.strip_prefix("Generator generates ") {
                Some(Step::Generates(line, n))
            } else {
                line.starts_with("Caller gets ").then_some(Step::Gets(line))
            }
        })
        .collect();
    if !steps.iter().any(|s| matches!(s, Step::Generates(..))) {
        return Err("generator_next printed no `Generator generates` line".to_string());
    }
    Ok(steps)
}

/// A line printed, at height `y`, by the lifeline at `x`: a dot, and the line to the right.
fn printed(x: f64, y: f64, line: &str) -> String {
    format!(
        "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{INK}\"/>\n\
         <line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>\n\
         <text x=\"{PRINTS:.1}\" y=\"{:.1}\" font-size=\"12\" font-family=\"monospace\" fill=\"{INK}\">{}</text>\n",
        x + 6.0,
        PRINTS - 6.0,
        y + 4.0,
        escape(line)
    )
}

pub fn draw(output: &str) -> Result<String, String> {
    let steps = steps(output)?;
    let longest = output.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let width = (PRINTS + longest as f64 * 7.3 + 16.0).max(720.0);
    let mut body = defs();
    body.push_str(&heading(
        "generator_next: next() hands control to the generator, yield hands it back",
    ));
    body.push_str(&boxed(
        CALLER - 70.0,
        40.0,
        140.0,
        30.0,
        "#eef3fa",
        &["caller (main)"],
    ));
    body.push_str(&boxed(
        GENERATOR - 70.0,
        40.0,
        140.0,
        30.0,
        "#fdf1e4",
        &["generator"],
    ));
    body.push_str(&text(
        PRINTS,
        60.0,
        13.0,
        "start",
        INK,
        "what the run printed, in order",
    ));
    let mut y = 100.0;
    for step in &steps {
        match step {
            Step::Creates(line) => {
                body.push_str(&arrow(
                    &format!("M{CALLER:.1},{y:.1} L{:.1},{y:.1}", GENERATOR - 8.0),
                    true,
                    &["gen_numbers(): made, not run"],
                    ((CALLER + GENERATOR) / 2.0, y - 6.0),
                    "middle",
                ));
                y += STEP;
                body.push_str(&printed(CALLER, y, line));
            }
            Step::Generates(line, n) => {
                body.push_str(&arrow(
                    &format!("M{CALLER:.1},{y:.1} L{:.1},{y:.1}", GENERATOR - 6.0),
                    false,
                    &["next()"],
                    ((CALLER + GENERATOR) / 2.0, y - 6.0),
                    "middle",
                ));
                y += STEP;
                body.push_str(&printed(GENERATOR, y, line));
                y += STEP;
                body.push_str(&arrow(
                    &format!("M{GENERATOR:.1},{y:.1} L{:.1},{y:.1}", CALLER + 6.0),
                    true,
                    &[&format!("yield {n}")],
                    ((CALLER + GENERATOR) / 2.0, y - 6.0),
                    "middle",
                ));
            }
            Step::Gets(line) => body.push_str(&printed(CALLER, y, line)),
        }
        y += STEP;
    }
    // The lifelines, drawn first so that the rest lies over them.
    let lifelines = format!(
        "<line x1=\"{CALLER}\" y1=\"70\" x2=\"{CALLER}\" y2=\"{y:.1}\" stroke=\"{ARROW}\" stroke-opacity=\"0.35\" stroke-width=\"2\"/>\n\
         <line x1=\"{GENERATOR}\" y1=\"70\" x2=\"{GENERATOR}\" y2=\"{y:.1}\" stroke=\"{ARROW}\" stroke-opacity=\"0.35\" stroke-width=\"2\"/>\n"
    );
    Ok(document(
        width,
        y + 10.0,
        "generator_next as a sequence diagram",
        &(lifelines + &body),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_next_and_one_yield_per_value_generated() {
        let out = "Caller creates <generator object gen_numbers at 0x1>\n\
                   Generator generates 0\nCaller gets 0\nGenerator generates 1\nCaller gets 1\n";
        let svg = draw(out).unwrap();
        assert_eq!(svg.matches(">next()</text>").count(), 2);
        assert!(svg.contains(">yield 0</text>") && svg.contains(">yield 1</text>"));
        assert!(
            svg.contains("&lt;generator object gen_numbers at 0x1&gt;"),
            "{svg}"
        );
        assert!(draw("nothing\n").is_err());
    }
}
