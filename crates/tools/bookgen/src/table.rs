//! Markdown tables, read back into cells: the Performance page draws its charts from them.

/// A Markdown table: its header cells, whether each column is right-aligned (`---:`, the mark
/// of a column of numbers), and its rows, every cell as written (`\|` kept).
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

/// The first table in `text` whose header's first cell is `first_header`, or the first table
/// of all when `first_header` is `None`.
pub fn table(text: &str, first_header: Option<&str>) -> Option<Table> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| {
        l.trim_start().starts_with('|')
            && first_header.is_none_or(|h| cells(l).first().is_some_and(|c| c == h))
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| server | req/s |\n| --- | ---: |\n\
                        | c | 1,000 1.00x |\n\nAfter.\n";

    #[test]
    fn cells_keep_escaped_bars() {
        assert_eq!(
            cells("| a | `(\\|n\\| 2)` | c |"),
            ["a", "`(\\|n\\| 2)`", "c"]
        );
    }

    #[test]
    fn a_table_is_found_by_its_first_header_or_first_of_all() {
        let server = table(TEXT, Some("server")).unwrap();
        assert_eq!(server.right_aligned, [false, true]);
        assert_eq!(server.rows, [["c", "1,000 1.00x"]]);
        assert_eq!(server.lines, (6, 9));
        assert_eq!(table(TEXT, None).unwrap().header, ["a", "b"]);
        assert_eq!(table(TEXT, Some("missing")), None);
    }
}
