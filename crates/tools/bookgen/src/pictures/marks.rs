//! Reading back what a lesson run with `--marks` prints on stderr (`common::marks`): its
//! sections (the cases of the run), and in each the lanes (who did it) with their points (a
//! moment) and spans (a stretch of time), in microseconds of the wall clock.
//!
//! ```text
//! marks: section 1733480000123456 one thread; the worker blocks it for 0.5 s:
//! marks: point 1733480000123500 heartbeat | tick
//! marks: span 1733480000123600 1733480000623700 worker | blocks its thread
//! ```

/// One case of the run.
#[derive(Debug, PartialEq)]
pub struct Section {
    pub title: String,
    /// When it started, in µs.
    pub start: u128,
    /// In the order of their names (`coroutine 1`, `coroutine 2`...).
    pub lanes: Vec<Lane>,
}

/// What one unit (a task, a thread, a process) did in a section.
#[derive(Debug, PartialEq)]
pub struct Lane {
    pub name: String,
    pub marks: Vec<Mark>,
}

/// A moment (`to == from`) or a stretch of time, in µs, with its label.
#[derive(Debug, PartialEq)]
pub struct Mark {
    pub from: u128,
    pub to: u128,
    pub label: String,
    pub span: bool,
}

impl Section {
    /// The last moment marked, in ms after the section's start.
    pub fn last_ms(&self) -> f64 {
        let last = self
            .lanes
            .iter()
            .flat_map(|l| &l.marks)
            .map(|m| m.to)
            .max()
            .unwrap_or(self.start);
        ms(last.saturating_sub(self.start))
    }
}

pub fn ms(micros: u128) -> f64 {
    micros as f64 / 1000.0
}

/// Every section in `stderr`; the other lines are skipped. An error for a mark before any
/// section, or a marks line that cannot be read.
pub fn parse(stderr: &str) -> Result<Vec<Section>, String> {
    let mut sections: Vec<Section> = Vec::new();
    for line in stderr.lines() {
        let Some(rest) = line.strip_prefix("marks: ") else {
            continue;
        };
        let bad = || format!("unexpected marks line: {line}");
        let (kind, rest) = rest.split_once(' ').ok_or_else(bad)?;
        let number = |text: &str| text.parse::<u128>().map_err(|_| bad());
        if kind == "section" {
            let (start, title) = rest.split_once(' ').ok_or_else(bad)?;
            sections.push(Section {
                title: title.to_string(),
                start: number(start)?,
                lanes: Vec::new(),
            });
            continue;
        }
        let (from, rest) = rest.split_once(' ').ok_or_else(bad)?;
        let (to, rest) = match kind {
            "point" => (from, rest),
            "span" => rest.split_once(' ').ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        let (lane, label) = rest.split_once(" | ").ok_or_else(bad)?;
        let section = sections
            .last_mut()
            .ok_or_else(|| format!("a mark before any section: {line}"))?;
        let mark = Mark {
            from: number(from)?,
            to: number(to)?,
            label: label.to_string(),
            span: kind == "span",
        };
        match section.lanes.iter_mut().find(|l| l.name == lane) {
            Some(found) => found.marks.push(mark),
            None => section.lanes.push(Lane {
                name: lane.to_string(),
                marks: vec![mark],
            }),
        }
    }
    // Each lane in its place whatever order the marks came in: by name.
    for section in &mut sections {
        section.lanes.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_lanes_points_and_spans() {
        let stderr = "note: other\n\
            marks: section 1000 one thread:\n\
            marks: point 1000 heartbeat | tick\n\
            marks: span 1100 501100 worker | blocks\n\
            marks: point 501200 heartbeat | tick\n\
            marks: section 600000 two threads:\n";
        let sections = parse(stderr).unwrap();
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].title, "one thread:");
        let names: Vec<_> = sections[0].lanes.iter().map(|l| &l.name).collect();
        assert_eq!(names, ["heartbeat", "worker"]);
        assert_eq!(sections[0].lanes[0].marks.len(), 2);
        let worker = &sections[0].lanes[1].marks[0];
        assert!(worker.span && worker.from == 1100 && worker.to == 501100);
        assert_eq!(sections[0].last_ms(), 500.2);
        assert!(sections[1].lanes.is_empty());
    }

    #[test]
    fn a_bad_line_or_a_mark_before_a_section_is_an_error() {
        assert!(parse("marks: point 1 a | b\n").is_err());
        assert!(parse("marks: section 1 s\nmarks: point x a | b\n").is_err());
        assert!(parse("marks: section 1 s\nmarks: blob 1 a | b\n").is_err());
        assert_eq!(parse("no marks\n").unwrap(), []);
    }
}
