//! A lesson's teaching text, `book/lessons/NAME.md`, written by hand: its title (the slide's),
//! its key idea, its Python → Rust table, its questions with the rule that picks each answer
//! from a run, and what lies beyond the slide. The page around it is made by `page.rs`.
//!
//! The file's shape, checked here so that a missing part fails the build by name:
//!
//! ```text
//! # SLIDE TITLE: NAME
//!
//! **Key idea:** ...
//!
//! ## Python → Rust
//! | Python (the slide) | Rust (this lesson) |   (a table)
//!
//! ## Predict, then run
//! 1. A question?
//!    <!-- answer: REGEX -->            or  <!-- answer: ARGS | REGEX -->
//!    An optional explanation.
//!
//! ## Beyond the slide
//! Any Markdown.
//! ```

use regex::Regex;

/// The three sections after the key idea, in their order.
pub const SECTIONS: [&str; 3] = ["Python → Rust", "Predict, then run", "Beyond the slide"];

#[derive(Debug)]
pub struct LessonText {
    /// The first line without its `# `: `Generator next() example: generator_next`.
    pub title: String,
    /// The block under the title, starting with `**Key idea:**`.
    pub key_idea: String,
    pub python_to_rust: String,
    /// What the Predict section says before its first question (usually nothing).
    pub predict_intro: String,
    pub questions: Vec<Question>,
    pub beyond: String,
}

#[derive(Debug)]
pub struct Question {
    pub number: String,
    pub text: String,
    /// Empty: the answer comes from the run the page shows; otherwise from a run with these.
    pub args: Vec<String>,
    pub pattern: Regex,
    pub explanation: String,
}

/// Reads the text of lesson `name`; the error names the file and what is wrong with it.
pub fn parse(name: &str, text: &str) -> Result<LessonText, String> {
    let file = format!("book/lessons/{name}.md");
    let fail = |what: String| Err(format!("{file}: {what}"));
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let suffix = format!(": {name}");
    let title = match first.strip_prefix("# ") {
        Some(title) if title.ends_with(&suffix) && title.len() > suffix.len() => title,
        _ => {
            return fail(format!(
                "the first line must be `# SLIDE TITLE: {name}`, not `{first}`"
            ));
        }
    };
    let (preamble, sections) = sections(lines);
    let found: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
    if found != SECTIONS {
        return fail(format!(
            "its sections must be `## {}`, in this order; found {}",
            SECTIONS.join("`, `## "),
            if found.is_empty() {
                "none".to_string()
            } else {
                format!("`## {}`", found.join("`, `## "))
            }
        ));
    }
    let key_idea = preamble.trim();
    if !key_idea.starts_with("**Key idea:**") || key_idea.len() <= "**Key idea:**".len() {
        return fail("under the title, a paragraph starting with `**Key idea:**`".to_string());
    }
    let python_to_rust = sections[0].1.trim();
    if !python_to_rust
        .lines()
        .any(|l| l.trim_start().starts_with('|'))
    {
        return fail("`## Python → Rust` has no table".to_string());
    }
    let (predict_intro, questions) =
        questions(&sections[1].1).map_err(|e| format!("{file}: {e}"))?;
    let beyond = sections[2].1.trim();
    if beyond.is_empty() {
        return fail("`## Beyond the slide` is empty".to_string());
    }
    Ok(LessonText {
        title: title.to_string(),
        key_idea: key_idea.to_string(),
        python_to_rust: python_to_rust.to_string(),
        predict_intro,
        questions,
        beyond: beyond.to_string(),
    })
}

/// The text before the first `## ` heading, and each `## ` section with its body; a `## ` in
/// a fenced code block is code, not a heading.
fn sections<'a>(lines: impl Iterator<Item = &'a str>) -> (String, Vec<(String, String)>) {
    let (mut preamble, mut sections) = (String::new(), Vec::<(String, String)>::new());
    let mut fenced = false;
    for line in lines {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        match line.strip_prefix("## ").filter(|_| !fenced) {
            Some(heading) => sections.push((heading.trim().to_string(), String::new())),
            None => {
                let body = match sections.last_mut() {
                    Some((_, body)) => body,
                    None => &mut preamble,
                };
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    (preamble, sections)
}

/// `3. ` at the start of a line: the number, and the rest of the line.
fn item_start(line: &str) -> Option<(&str, &str)> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = line[digits..].strip_prefix(". ")?;
    (digits > 0).then(|| (&line[..digits], rest))
}

/// The questions of the Predict section: each a numbered item with one `<!-- answer: -->`.
fn questions(body: &str) -> Result<(String, Vec<Question>), String> {
    let mut intro = String::new();
    let mut items: Vec<(String, Vec<&str>)> = Vec::new();
    for line in body.lines() {
        match item_start(line) {
            Some((number, rest)) => items.push((number.to_string(), vec![rest])),
            None => match items.last_mut() {
                Some((_, lines)) => lines.push(line),
                None => {
                    intro.push_str(line);
                    intro.push('\n');
                }
            },
        }
    }
    if items.is_empty() {
        return Err("`## Predict, then run` has no numbered question (`1. ...`)".to_string());
    }
    let questions = items
        .into_iter()
        .map(|(number, lines)| question(number, &lines))
        .collect::<Result<_, _>>()?;
    Ok((intro.trim().to_string(), questions))
}

fn question(number: String, lines: &[&str]) -> Result<Question, String> {
    let marker = |l: &str| l.trim().starts_with("<!-- answer:");
    let at = match lines.iter().filter(|l| marker(l)).count() {
        1 => lines.iter().position(|l| marker(l)).unwrap_or(0),
        n => {
            return Err(format!(
                "question {number} needs one `<!-- answer: REGEX -->` line, has {n}"
            ));
        }
    };
    let spec = lines[at].trim();
    let spec = spec
        .strip_prefix("<!-- answer:")
        .and_then(|s| s.strip_suffix("-->"))
        .ok_or_else(|| format!("question {number}: `{spec}` must end with `-->`"))?
        .trim();
    // The first ` | ` parts the arguments from the pattern; a pattern alone has none.
    let (args, pattern) = match spec.split_once(" | ") {
        Some((args, pattern)) => (args.split_whitespace().map(String::from).collect(), pattern),
        None => (Vec::new(), spec),
    };
    let pattern = Regex::new(pattern.trim())
        .map_err(|e| format!("question {number}: the answer's pattern does not parse: {e}"))?;
    let dedent = |part: &[&str]| -> String {
        let text: Vec<&str> = part.iter().map(|l| l.trim()).collect();
        text.join("\n").trim().to_string()
    };
    Ok(Question {
        number,
        text: dedent(&lines[..at]),
        args,
        pattern,
        explanation: dedent(&lines[at + 1..]),
    })
}

/// The lines of `output` that `question` picks as its answer; an error naming the question
/// when none does, since a page would then show an empty answer.
pub fn answer(name: &str, question: &Question, output: &str) -> Result<String, String> {
    let lines: Vec<&str> = output
        .lines()
        .filter(|l| question.pattern.is_match(l))
        .collect();
    if lines.is_empty() {
        return Err(format!(
            "book/lessons/{name}.md, question {} (\"{}\"): no line of the run{} matches `{}`",
            question.number,
            question.text.lines().next().unwrap_or(""),
            if question.args.is_empty() {
                String::new()
            } else {
                format!(" with `{}`", question.args.join(" "))
            },
            question.pattern
        ));
    }
    Ok(lines.join("\n") + "\n")
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A lesson text of the agreed shape, for the tests of this crate.
    pub const DRAFT: &str = "# Generator next() example: demo\n\n\
        **Key idea:** a generator runs when asked.\n\n\
        ## Python → Rust\n\n| Python (the slide) | Rust (this lesson) |\n|---|---|\n\
        | `next(g)` | `Iterator::next` |\n\n\
        ## Predict, then run\n\n\
        1. What comes first?\n   <!-- answer: ^first -->\n   It starts at once.\n\
        2. And with `--more`?\n   <!-- answer: --more -x | ^(more|less)$ -->\n\n\
        ## Beyond the slide\n\nA real program adds checks.\n\n```text\n## not a heading\n```\n";

    #[test]
    fn a_text_of_the_agreed_shape_reads() {
        let text = parse("demo", DRAFT).unwrap();
        assert_eq!(text.title, "Generator next() example: demo");
        assert_eq!(text.key_idea, "**Key idea:** a generator runs when asked.");
        assert!(text.python_to_rust.contains("`Iterator::next`"));
        assert_eq!(text.questions.len(), 2);
        let (q1, q2) = (&text.questions[0], &text.questions[1]);
        assert_eq!(
            (q1.text.as_str(), q1.explanation.as_str()),
            ("What comes first?", "It starts at once.")
        );
        assert!(q1.args.is_empty());
        assert_eq!(q2.args, ["--more", "-x"]);
        assert_eq!(q2.pattern.as_str(), "^(more|less)$");
        assert!(
            text.beyond.ends_with("## not a heading\n```"),
            "{}",
            text.beyond
        );
    }

    #[test]
    fn answers_are_the_matching_lines_or_an_error() {
        let text = parse("demo", DRAFT).unwrap();
        let q = &text.questions[0];
        assert_eq!(
            answer("demo", q, "first a\nthen\nfirst b\n").unwrap(),
            "first a\nfirst b\n"
        );
        let err = answer("demo", q, "nothing\n").unwrap_err();
        assert!(
            err.contains("book/lessons/demo.md, question 1") && err.contains("What comes first?"),
            "{err}"
        );
    }

    fn error(text: &str) -> String {
        parse("demo", text).unwrap_err()
    }

    #[test]
    fn a_misshapen_text_fails_with_what_is_wrong() {
        let e = error(&DRAFT.replace("# Generator next() example: demo", "# demo"));
        assert!(e.starts_with("book/lessons/demo.md: the first line"), "{e}");
        let e = error(&DRAFT.replace("## Predict, then run", "## Predict"));
        assert!(
            e.contains("found `## Python → Rust`, `## Predict`, `## Beyond the slide`"),
            "{e}"
        );
        let e = error(&DRAFT.replace("**Key idea:**", "Idea:"));
        assert!(e.contains("**Key idea:**"), "{e}");
        let e = error(
            &DRAFT
                .replace("| `next(g)` | `Iterator::next` |\n", "")
                .replace("|---|---|\n", "")
                .replace("| Python (the slide) | Rust (this lesson) |\n", ""),
        );
        assert!(e.contains("no table"), "{e}");
        let e = error(&DRAFT.replace("   <!-- answer: ^first -->\n", ""));
        assert!(e.contains("question 1 needs one"), "{e}");
        let e = error(&DRAFT.replace("^first", "(unclosed"));
        assert!(
            e.contains("question 1: the answer's pattern does not parse"),
            "{e}"
        );
        let e = error(&DRAFT.replace(
            "A real program adds checks.\n\n```text\n## not a heading\n```\n",
            "",
        ));
        assert!(e.contains("`## Beyond the slide` is empty"), "{e}");
    }
}
