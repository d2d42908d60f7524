//! What the book takes from the README: each lesson's row of the table of examples, and the
//! Performance section with its table of results (the record of the last `make bench`).

/// A Markdown table: its header cells, whether each column is right-aligned (`---:`, the
/// README's mark for a column of numbers), and its rows, every cell as written (`\|` kept).
#[derive(Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub right_aligned: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// The table's lines in `text`: the first, and one past the last.
    pub lines: (usize, usize),
}

/// The cells of a table row `| a | b \| c |`, trimmed; an escaped `\|` stays in its cell.
pub fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            cells.push(String::new());
        } else {
            cells.last_mut().expect("one cell at least").push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// The first table in `text` whose header's first cell is `first_header`.
pub fn table(text: &str, first_header: &str) -> Option<Table> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        l.trim_start().starts_with('|') && cells(l).first().is_some_and(|c| c == first_header)
    })?;
    let header = cells(lines[start]);
    let right_aligned = cells(lines.get(start + 1)?)
        .iter()
        .map(|c| c.ends_with(':') && !c.starts_with(':'))
        .collect();
    let end = lines[start + 2..]
        .iter()
        .position(|l| !l.trim_start().starts_with('|'))
        .map_or(lines.len(), |n| start + 2 + n);
    let rows = lines[start + 2..end].iter().map(|l| cells(l)).collect();
    Some(Table {
        header,
        right_aligned,
        rows,
        lines: (start, end),
    })
}

/// Lesson `name`'s row of the README's table of examples, as (column, cell) pairs without the
/// `example` column; `None` when the table has no row for it.
pub fn example_row(readme: &str, name: &str) -> Option<Vec<(String, String)>> {
    let table = table(readme, "example")?;
    let row = table
        .rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == name))?;
    Some(
        table
            .header
            .iter()
            .cloned()
            .zip(row.iter().cloned())
            .skip(1)
            .collect(),
    )
}

/// The section of `text` under the heading `heading` (e.g. `## Performance`), up to the next
/// heading of the same level, without the heading line.
pub fn section(text: &str, heading: &str) -> Option<String> {
    let level = heading.split(' ').next()?;
    let mut lines = text.lines().skip_while(|l| l.trim_end() != heading);
    lines.next()?;
    let body: Vec<&str> = lines
        .take_while(|l| !(l.starts_with(level) && l[level.len()..].starts_with(' ')))
        .collect();
    Some(body.join("\n").trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "# T\n\n## The examples\n\n| example | slide file | Python construct |\n\
                          |---|---|---|\n| a | `a.py` | `x` |\n| b | `b.py` | `map(\\|n\\| n)` |\n\n\
                          ## Performance\n\nIntro.\n\n### Results\n\n| server | req/s |\n| --- | ---: |\n\
                          | c | 1,000 1.00x |\n\nAfter.\n\n## Next\n";

    #[test]
    fn cells_keep_escaped_bars() {
        assert_eq!(
            cells("| a | `(\\|n\\| 2)` | c |"),
            ["a", "`(\\|n\\| 2)`", "c"]
        );
    }

    #[test]
    fn a_lessons_row_pairs_each_column_with_its_cell() {
        let row = example_row(README, "b").unwrap();
        assert_eq!(row[0], ("slide file".to_string(), "`b.py`".to_string()));
        assert_eq!(row[1].1, "`map(\\|n\\| n)`");
        assert_eq!(example_row(README, "zzz"), None);
    }

    #[test]
    fn a_section_ends_at_the_next_heading_of_its_level() {
        let performance = section(README, "## Performance").unwrap();
        assert!(performance.starts_with("Intro.") && performance.ends_with("After."));
        let table = table(&performance, "server").unwrap();
        assert_eq!(table.right_aligned, [false, true]);
        assert_eq!(table.rows, [["c", "1,000 1.00x"]]);
        assert_eq!(section(README, "## Missing"), None);
    }
}
