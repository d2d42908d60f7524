//! A lesson's page, in Markdown for mdBook. Everything on it comes from the lesson's files or
//! from the run made when the book was built; the code, the Python program and the slide are
//! `{{#include}}`d from the crate, so the book shows them as they are.

use crate::lesson::Lesson;
use crate::pictures::Figure;
use crate::run::{Run, Verdict};

/// From a page in `book/src/lessons/` to the workspace.
const ROOT: &str = "../../../";

/// `body` in a fenced code block longer than any run of backticks in it.
pub fn fenced(lang: &str, body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let newline = if body.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{lang}\n{body}{newline}{fence}\n")
}

/// Text for a Markdown paragraph, where `<` would otherwise start HTML.
fn plain(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// A `<div>` around Markdown, for the book's style and for the browser test to find.
fn div(class: &str, markdown: &str) -> String {
    format!("<div class=\"{class}\">\n\n{markdown}\n</div>\n\n")
}

/// The timeline's part of a page: the command and the picture, or why there is none.
pub type Timeline = Result<(String, String), String>;

pub fn lesson_page(
    lesson: &Lesson,
    readme_row: Option<&[(String, String)]>,
    run: &Run,
    timeline: Option<&Timeline>,
    figures: &[Figure],
) -> String {
    let name = &lesson.name;
    let mut page = format!("# {name}\n\n> {}\n\n", plain(&lesson.description));
    page.push_str(&pictures(figures));
    page.push_str(&format!("## What it shows\n\n{}\n\n", lesson.teaches));
    page.push_str("## Python → Rust\n\n");
    if let Some(row) = readme_row {
        page.push_str(&format!(
            "| the README's table of examples | {name} |\n|---|---|\n"
        ));
        for (column, cell) in row {
            page.push_str(&format!("| {column} | {cell} |\n"));
        }
        page.push('\n');
    }
    page.push_str(&lesson.python_to_rust);
    page.push_str("\n\n## The Rust program\n\n");
    let mut code = String::new();
    for source in &lesson.sources {
        let left_out = match (source.without_header, source.without_tests) {
            (true, true) => ", without its `//!` header (above) and its tests",
            (true, false) => ", without its `//!` header (above)",
            (false, true) => ", without its tests",
            (false, false) => "",
        };
        let includes: Vec<String> = source
            .ranges
            .iter()
            .map(|(first, last)| format!("{{{{#include {ROOT}{}:{first}:{last}}}}}", source.path))
            .collect();
        code.push_str(&format!("`{}`{left_out}:\n\n", source.path));
        code.push_str(&fenced(
            "rust,noplayground",
            &includes.join("\n\n// (the tests, left out here)\n\n"),
        ));
        code.push('\n');
    }
    page.push_str(&div("lesson-source", &code));
    if let Some((main, modules)) = lesson.python.split_first() {
        page.push_str("## The Python program\n\n");
        let mut text = format!(
            "`{main}`, our Python program for the slide:\n\n{}",
            fenced("python", &format!("{{{{#include {ROOT}{main}}}}}"))
        );
        for module in modules {
            text.push_str(&format!(
                "\n`{module}`, which it imports:\n\n{}",
                fenced("python", &format!("{{{{#include {ROOT}{module}}}}}"))
            ));
        }
        page.push_str(&div("lesson-python", &text));
    }
    page.push_str("## The output beside the slide\n\n<div class=\"side-by-side\">\n\n");
    let output = match &run.shown {
        Ok(out) if out.is_empty() => "(nothing)\n".to_string(),
        Ok(out) => out.clone(),
        Err(e) => format!("(did not run: {e})\n"),
    };
    page.push_str(&div(
        "lesson-run",
        &format!(
            "### This build's run\n\n{}, run when this book was built; {}:\n\n{}",
            run.command,
            run.what,
            fenced("text", &output)
        ),
    ));
    let slide = match &lesson.slide {
        Some(slide) => format!(
            "`{slide}`, what the slide shows:\n\n{}",
            fenced("text", &format!("{{{{#include {ROOT}{slide}}}}}"))
        ),
        None => format!("`crates/{name}/slide.txt` is missing.\n"),
    };
    page.push_str(&div("lesson-slide", &format!("### The slide\n\n{slide}")));
    page.push_str("</div>\n\n## Does it match the slide?\n\n");
    page.push_str(&verdict(name, &run.verdict));
    if let Some(timeline) = timeline {
        page.push_str("## Timeline\n\n");
        page.push_str(&match timeline {
            Ok((command, svg)) => div(
                "lesson-timeline",
                &format!(
                    "`{command}`, run once more when this book was built: each request from \
                     its start to its end, every run on the same time axis.\n\n\
                     ![The requests of {name} on a time axis]({svg})\n"
                ),
            ),
            Err(e) => format!("No timeline: {}\n\n", plain(e)),
        });
    }
    page
}

/// The lesson's pictures, each with its caption, in a `<div>` the browser test finds.
pub fn pictures(figures: &[Figure]) -> String {
    if figures.is_empty() {
        return String::new();
    }
    let mut html = String::from("<div class=\"lesson-pictures\">\n\n");
    for figure in figures {
        html.push_str(&format!(
            "<figure>\n<img src=\"../{}\" alt=\"{}\">\n<figcaption>\n\n{}\n\n</figcaption>\n</figure>\n\n",
            figure.file,
            crate::svg::escape(&figure.alt),
            figure.caption
        ));
    }
    html.push_str("</div>\n\n");
    html
}

fn verdict(name: &str, verdict: &Verdict) -> String {
    let checker = format!(
        "the slide checker (`slides diff {name}`, as `make diff-slides` runs it), once it has \
         replaced in both what varies from run to run (addresses, timestamps, durations...)"
    );
    match verdict {
        Verdict::Matches => div(
            "lesson-match matches",
            &format!("**✔ Matches the slide**, under {checker}.\n"),
        ),
        Verdict::Differs(diff) => div(
            "lesson-match differs",
            &format!(
                "**✘ Differs from the slide**, under {checker}: the slide (`-`) against this \
                 build's run (`+`):\n\n{}",
                fenced("diff", diff)
            ),
        ),
        Verdict::NoSlide => div(
            "lesson-match no-slide",
            "**No slide to compare with**: the lesson has no `slide.txt` yet.\n",
        ),
        Verdict::DidNotRun => div(
            "lesson-match did-not-run",
            "**✘ Not compared with the slide**: the lesson did not run (see above).\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_is_longer_than_the_backticks_inside() {
        assert_eq!(fenced("text", "a"), "```text\na\n```\n");
        assert_eq!(fenced("", "x ```` y\n"), "`````\nx ```` y\n`````\n");
    }
}
