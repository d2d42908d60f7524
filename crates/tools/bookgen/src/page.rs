//! A lesson's page, in Markdown for mdBook, in this order: the title, the key idea, the
//! pictures, Python → Rust, the program, the questions with their answers, the run beside the
//! slide, the exercises, and what lies beyond the slide with the checker's verdict. The
//! teaching text is the lesson's `book/lessons/NAME.md`; the code and the slide are
//! `{{#include}}`d from the crate, and the runs are this build's own.

use crate::exercises::Exercise;
use crate::lesson::Lesson;
use crate::pictures::Figure;
use crate::run::{Against, Run, Verdict, python_command};
use crate::text::LessonText;

/// From a page in `book/src/lessons/` to the workspace, and from its HTML in
/// `target/book/lessons/` too.
pub const ROOT: &str = "../../../";

/// `body` in a fenced code block longer than any run of backticks in it.
pub fn fenced(lang: &str, body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let newline = if body.ends_with('\n') { "" } else { "\n" };
    format!("{fence}{lang}\n{body}{newline}{fence}\n")
}

/// Text for a Markdown paragraph, where `<` would otherwise start HTML.
pub fn plain(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// A `<div>` around Markdown, for the book's style and for the browser test to find.
pub fn div(class: &str, markdown: &str) -> String {
    format!("<div class=\"{class}\">\n\n{markdown}\n</div>\n\n")
}

/// A run's output for a code block: `(nothing)` when empty, the error when it did not run.
fn output(run: &Result<String, String>) -> String {
    match run {
        Ok(out) if out.is_empty() => "(nothing)\n".to_string(),
        Ok(out) => out.clone(),
        Err(e) => format!("(did not run: {e})\n"),
    }
}

/// One column of the run section: its heading, what it shows, and the text.
pub struct Shown {
    pub heading: String,
    pub what: String,
    pub out: String,
}

impl Shown {
    pub fn run(heading: &str, what: String, run: &Result<String, String>) -> Shown {
        Shown {
            heading: heading.to_string(),
            what,
            out: output(run),
        }
    }
}

/// Runs shown side by side under the lesson's own: a heading, then the left and right ones.
pub type MoreRuns = (String, Shown, Shown);

/// Two columns side by side when the window is wide enough.
fn side_by_side(left: &Shown, right: &Shown) -> String {
    let column = |class: &str, shown: &Shown| {
        div(
            class,
            &format!(
                "#### {}\n\n{}\n\n{}",
                shown.heading,
                shown.what,
                fenced("text", &shown.out)
            ),
        )
    };
    format!(
        "<div class=\"side-by-side\">\n\n{}{}</div>\n\n",
        column("lesson-run", left),
        column("lesson-slide", right)
    )
}

/// Everything a lesson's page is made of.
pub struct Parts<'a> {
    pub lesson: &'a Lesson,
    pub text: &'a LessonText,
    pub run: &'a Run,
    pub against: Against,
    pub figures: &'a [Figure],
    /// For each question, its answer (the matching lines) and the command that gave it.
    pub answers: &'a [(String, Option<String>)],
    /// The program section: main.rs, or event_loop's excerpts, with links to the files.
    pub program: String,
    /// Runs shown side by side under the lesson's own.
    pub more_runs: &'a [MoreRuns],
    pub exercises: &'a [&'a Exercise],
}

pub fn lesson_page(parts: &Parts) -> String {
    let (text, name) = (parts.text, &parts.lesson.name);
    let mut page = format!("# {}\n\n", text.title);
    page.push_str(&div("key-idea", &text.key_idea));
    if !parts.figures.is_empty() {
        let mut figures = String::new();
        for figure in parts.figures {
            figures.push_str(&format!(
                "<figure>\n<img src=\"../{}\" alt=\"{}\">\n<figcaption>\n\n{}\n\n</figcaption>\n</figure>\n\n",
                figure.file,
                crate::svg::escape(&figure.alt),
                figure.caption
            ));
        }
        page.push_str(&div("lesson-pictures", &figures));
    }
    page.push_str(&format!("## Python → Rust\n\n{}\n\n", text.python_to_rust));
    page.push_str("## The program\n\n");
    page.push_str(&parts.program);
    page.push_str("## Predict, then run\n\n");
    page.push_str(&predict(parts));
    page.push_str("## The run\n\n");
    page.push_str(&the_run(parts));
    if !parts.exercises.is_empty() {
        page.push_str("## Try it\n\n");
        for exercise in parts.exercises {
            page.push_str(&format!(
                "- [{}](../exercises/{}.md): `make exercise-{}`\n",
                exercise.title, exercise.name, exercise.name
            ));
        }
        page.push('\n');
    }
    page.push_str(
        "## Beyond the slide\n\n<details class=\"beyond\">\n<summary>What a real program \
                   adds, and how this one compares</summary>\n\n",
    );
    page.push_str(&text.beyond);
    page.push_str("\n\n");
    page.push_str(&verdict(name, parts.against, &parts.run.verdict));
    page.push_str("</details>\n");
    page
}

fn predict(parts: &Parts) -> String {
    let text = parts.text;
    let mut out = String::new();
    if !text.predict_intro.is_empty() {
        out.push_str(&format!("{}\n\n", text.predict_intro));
    }
    for (question, (answer, command)) in text.questions.iter().zip(parts.answers) {
        out.push_str(&format!("**{}.** {}\n\n", question.number, question.text));
        let from = match command {
            Some(command) => format!("From `{command}`, run when this book was built:\n\n"),
            None => String::new(),
        };
        out.push_str(&format!(
            "<details class=\"answer\">\n<summary>Answer</summary>\n\n{from}{}\n{}\n\n</details>\n\n",
            fenced("text", answer),
            question.explanation
        ));
    }
    div("predict", &out)
}

fn the_run(parts: &Parts) -> String {
    let (run, name) = (parts.run, &parts.lesson.name);
    let slide = match (&parts.lesson.slide, parts.against) {
        (Some(slide), Against::Slide) => {
            ("The slide", format!("`{slide}`, what the slide prints:"))
        }
        (Some(slide), Against::Twin) => (
            "Its Python twin",
            format!("`{slide}`, what `{}` prints:", python_command(name, &[])),
        ),
        (None, _) => (
            "The slide",
            format!("`crates/{name}/slide.txt` is missing."),
        ),
    };
    let slide_text = match &parts.lesson.slide {
        Some(slide) => format!("{{{{#include {ROOT}{slide}}}}}"),
        None => "(none)".to_string(),
    };
    let mut out = side_by_side(
        &Shown::run(
            "This build's run",
            format!(
                "{}, run when this book was built; {}:",
                run.command, run.what
            ),
            &run.shown,
        ),
        &Shown {
            heading: slide.0.to_string(),
            what: slide.1,
            out: slide_text,
        },
    );
    for (heading, left, right) in parts.more_runs {
        out.push_str(&format!("### {heading}\n\n"));
        out.push_str(&side_by_side(left, right));
    }
    if let Verdict::Differs(diff) = &run.verdict {
        out.push_str(&format!(
            "The checker finds a difference: {} (`-`) against this build's run (`+`):\n\n{}\n",
            match parts.against {
                Against::Slide => "the slide",
                Against::Twin => "the Python twin's run",
            },
            fenced("diff", diff)
        ));
    }
    out
}

/// The checker's verdict, in one line.
fn verdict(name: &str, against: Against, verdict: &Verdict) -> String {
    let (what, how) = match against {
        Against::Slide => (
            "the slide",
            format!(
                "`slides diff {name}` compares this build's run with `crates/{name}/slide.txt`"
            ),
        ),
        Against::Twin => (
            "its Python twin",
            format!(
                "the slide checker compares this build's run with `{}`, run now too",
                python_command(name, &[])
            ),
        ),
    };
    let (class, line) = match verdict {
        Verdict::Matches => ("matches", format!("**✔ Matches {what}:** {how}.")),
        Verdict::Differs(_) => (
            "differs",
            format!("**✘ Differs from {what}:** {how} (the difference is under The run)."),
        ),
        Verdict::NotCompared(why) => (
            "not-compared",
            format!("**✘ Not compared with {what}:** {}.", plain(why)),
        ),
        Verdict::DidNotRun => (
            "did-not-run",
            "**✘ Not compared:** the lesson did not run (see The run).".to_string(),
        ),
    };
    div(&format!("lesson-match {class}"), &line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_is_longer_than_the_backticks_inside() {
        assert_eq!(fenced("text", "a"), "```text\na\n```\n");
        assert_eq!(fenced("", "x ```` y\n"), "`````\nx ```` y\n`````\n");
    }

    #[test]
    fn a_page_has_its_parts_in_order_and_the_verdict_last() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
        let lesson = Lesson::read(&root, "generator_next").unwrap();
        let draft = crate::text::tests::DRAFT.replace(": demo", ": generator_next");
        let text = crate::text::parse("generator_next", &draft).unwrap();
        let run = Run {
            command: "`cargo run -p generator_next`".into(),
            what: "stdout".into(),
            shown: Ok("first line\n".into()),
            verdict: Verdict::Matches,
        };
        let answers = [
            ("first line\n".to_string(), None),
            ("more\n".to_string(), Some("c".into())),
        ];
        let page = lesson_page(&Parts {
            lesson: &lesson,
            text: &text,
            run: &run,
            against: Against::Slide,
            figures: &[],
            answers: &answers,
            program: crate::program::main_rs(&lesson),
            more_runs: &[],
            exercises: &[],
        });
        let at = |what: &str| {
            page.find(what)
                .unwrap_or_else(|| panic!("no {what} in {page}"))
        };
        let order = [
            "# Generator next() example: generator_next\n",
            "<div class=\"key-idea\">",
            "## Python → Rust",
            "## The program",
            "{{#include ../../../crates/generator_next/src/main.rs:",
            "## Predict, then run",
            "<details class=\"answer\">",
            "## The run",
            "{{#include ../../../crates/generator_next/slide.txt}}",
            "## Beyond the slide",
            "A real program adds checks.",
            "**✔ Matches the slide:**",
        ];
        let places: Vec<usize> = order.iter().map(|w| at(w)).collect();
        assert!(places.is_sorted(), "{order:?} at {places:?} in {page}");
        assert!(page.ends_with("</div>\n\n</details>\n"), "{page}");
        assert!(
            !page.contains("## Try it"),
            "no exercise, no section: {page}"
        );
    }

    #[test]
    fn the_verdict_is_one_line_saying_what_it_compared() {
        let slide = verdict("x", Against::Slide, &Verdict::Matches);
        assert!(
            slide.contains("**✔ Matches the slide:**") && slide.lines().count() == 5,
            "{slide}"
        );
        let twin = verdict("x", Against::Twin, &Verdict::Matches);
        assert!(
            twin.contains("**✔ Matches its Python twin:**")
                && twin.contains("python3 crates/x/x.py"),
            "{twin}"
        );
    }
}
