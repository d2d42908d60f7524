//! A lesson's Python twin marks its run as the Rust program does. Run with `--marks`, each
//! prints on stderr when its steps happen (`common::marks`, `crates/common/python/marks.py`):
//! the same sections, and in each the same lanes with the same marks. Times differ from run to
//! run, and so may how many times a mark comes in a row (a heartbeat's ticks, some skipped when
//! late), so they are left out of what is compared.

use std::collections::BTreeMap;
use std::process::Command;

/// A case of the run, as `--marks` shows it, times left out.
#[derive(Debug, PartialEq)]
pub struct Section {
    pub title: String,
    /// Each lane by name (the order the book's pictures draw them in, whatever order the marks
    /// came in), with its marks in order, `point LABEL` or `span LABEL`. A mark repeated in a
    /// row is kept once.
    pub lanes: BTreeMap<String, Vec<String>>,
}

/// The sections of a run's stderr; lines that are not marks are skipped. Panics, naming the
/// line, on a marks line that cannot be read (one written in pieces, say) or a mark before any
/// section.
pub fn sections(stderr: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for line in stderr.lines() {
        let Some(mark) = line.strip_prefix("marks: ") else {
            continue;
        };
        let read = read(mark).unwrap_or_else(|| panic!("unexpected marks line: {line}"));
        let (kind, lane, label) = match read {
            (kind, Some(lane), label) => (kind, lane, label),
            (_, None, title) => {
                let lanes = BTreeMap::new();
                sections.push(Section {
                    title: title.to_string(),
                    lanes,
                });
                continue;
            }
        };
        let section = sections
            .last_mut()
            .unwrap_or_else(|| panic!("a mark before any section: {line}"));
        let marks = section.lanes.entry(lane.to_string()).or_default();
        let mark = format!("{kind} {label}");
        if marks.last() != Some(&mark) {
            marks.push(mark);
        }
    }
    sections
}

/// A marks line without its `marks: `: its kind, its lane (none for a section) and its label
/// (or title); `None` when it cannot be read.
fn read(mark: &str) -> Option<(&str, Option<&str>, &str)> {
    let (kind, rest) = mark.split_once(' ')?;
    let times = match kind {
        "section" | "point" => 1,
        "span" => 2,
        _ => return None,
    };
    let mut words = rest.splitn(times + 1, ' ');
    for _ in 0..times {
        words.next()?.parse::<u128>().ok()?;
    }
    let rest = words.next()?;
    if kind == "section" {
        return Some((kind, None, rest));
    }
    let (lane, label) = rest.split_once(" | ")?;
    Some((kind, Some(lane), label))
}

/// Runs `program` with `args` and `--marks`, and checks what it prints: stdout is still the
/// slide's (`slides::assert_slide_runs`, with its runs for a busy machine), and stderr has
/// marks. Returns the sections of its last run.
fn marked_run(name: &str, program: &str, args: &[&str]) -> Vec<Section> {
    let mut stderr = String::new();
    slides::assert_slide_runs(name, || {
        let what = format!("{program} {args:?} --marks");
        let out = crate::bounded::output_within(
            Command::new(program).args(args).arg("--marks"),
            slides::RUN_BOUND,
            &what,
        );
        stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if !out.status.success() {
            return Err(format!("{what} failed ({}):\n{stderr}", out.status));
        }
        String::from_utf8(out.stdout).map_err(|e| format!("{what} printed non-UTF-8: {e}"))
    });
    let sections = sections(&stderr);
    assert!(
        sections.iter().any(|s| !s.lanes.is_empty()),
        "{program} {args:?} --marks marked nothing:\n{stderr}"
    );
    sections
}

/// Checks that the twin of the lesson `name` (`crates/NAME/NAME.py` in `manifest_dir`, the
/// test's `CARGO_MANIFEST_DIR`), run with `--marks`, marks the same sections, lanes and marks
/// ([`sections`]) as `program`, the built lesson; and that both still print the slide.
pub fn assert_twin_marks_as(program: &str, manifest_dir: &str, name: &str) {
    let script = format!("{manifest_dir}/{name}.py");
    let rust = marked_run(name, program, &[]);
    let twin = marked_run(name, "python3", &[&script]);
    for (index, (twin, rust)) in twin.iter().zip(&rust).enumerate() {
        assert_eq!(
            twin,
            rust,
            "{script} --marks: section {} differs from {program}'s",
            index + 1
        );
    }
    assert_eq!(
        twin.len(),
        rust.len(),
        "{script} --marks: {} sections, {program}: {}",
        twin.len(),
        rust.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_repeats_are_left_out_and_lanes_go_by_name() {
        let stderr = "note: other\n\
            marks: section 1000 one thread:\n\
            marks: point 1000 heartbeat | tick\n\
            marks: span 1100 501100 worker | blocks\n\
            marks: point 501200 heartbeat | tick\n\
            marks: point 601200 heartbeat | tick\n\
            marks: section 600000 two threads:\n\
            marks: span 1 2 b | naps\n\
            marks: span 1 2 a | naps\n";
        let sections = sections(stderr);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].title, "one thread:");
        assert_eq!(sections[0].lanes["heartbeat"], ["point tick"]);
        assert_eq!(sections[0].lanes["worker"], ["span blocks"]);
        let lanes: Vec<_> = sections[1].lanes.keys().collect();
        assert_eq!(lanes, ["a", "b"]);
    }

    #[test]
    #[should_panic(expected = "unexpected marks line")]
    fn a_line_written_in_pieces_is_refused() {
        sections("marks: section 1 s\nmarks: point 12marks: point 3 a | b\n");
    }

    #[test]
    #[should_panic(expected = "a mark before any section")]
    fn a_mark_before_any_section_is_refused() {
        sections("marks: point 1 a | b\n");
    }
}
