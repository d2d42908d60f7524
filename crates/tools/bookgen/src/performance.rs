//! The Performance page, from its hand-written source `book/performance.md` (the record of
//! `make bench`): each chart is drawn from a table of that file, so that no figure is typed
//! twice. A line `<!-- chart: KIND TABLE -->` is replaced by the chart of the first table whose
//! first header cell is TABLE:
//!
//! - `log`: one panel per right-aligned column whose header says "per" (`µs per unit`), on a
//!   log scale: what a process, a thread and a task cost;
//! - `bars`: a bar chart per right-aligned column: the echo servers under each load.

use crate::log_chart::{Panel, log_chart};
use crate::svg::{self, Bar};
use crate::table::{self, Table};

/// The page's Markdown, and its charts as (file name, SVG).
#[derive(Debug)]
pub struct Page {
    pub markdown: String,
    pub charts: Vec<(String, String)>,
}

/// A cell's number: `19,173 1.00x` is 19173, `> 5 s (9,345 echoed)` at least 5, `n/a` none.
pub fn number(cell: &str) -> Option<(f64, bool)> {
    let (text, at_least) = match cell.strip_prefix('>') {
        Some(rest) => (rest.trim_start(), true),
        None => (cell, false),
    };
    let token: String = text
        .split_whitespace()
        .next()?
        .chars()
        .filter(|&c| c != ',')
        .collect();
    token.parse().ok().map(|n| (n, at_least))
}

/// The bars of one cell under `header`: two for a pair like `68/116` under `p50/p99 µs`.
fn bars(header: &str, cell: &str) -> Vec<Bar> {
    if let Some((a, b)) = cell.split_once('/')
        && let (Some((a, _)), Some((b, _))) = (number(a), number(b))
    {
        let series = header.split_whitespace().next().unwrap_or("");
        let (first, second) = series.split_once('/').unwrap_or(("", ""));
        return vec![
            Bar {
                value: a,
                at_least: false,
                label: format!("{first} {a}"),
            },
            Bar {
                value: b,
                at_least: false,
                label: format!("{second} {b}"),
            },
        ];
    }
    number(cell)
        .map(|(value, at_least)| Bar {
            value,
            at_least,
            label: cell.to_string(),
        })
        .into_iter()
        .collect()
}

/// A file name for a chart: `1 conn req/s` → `1-conn-req-s.svg`.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("{}.svg", words.join("-"))
}

/// The bar charts of `table`, one per right-aligned column, as (file name, title, SVG).
fn bar_charts(table: &Table) -> Vec<(String, String, String)> {
    let mut charts = Vec::new();
    for (column, header) in table.header.iter().enumerate() {
        if !table.right_aligned.get(column).copied().unwrap_or(false) {
            continue;
        }
        // `p50/p99 µs` follows the column it measures: `1 conn p50/p99 µs`.
        let title = match (header.starts_with("p50"), column.checked_sub(1)) {
            (true, Some(before)) => {
                let before = &table.header[before];
                let what = before.rsplit_once(' ').map_or(before.as_str(), |(w, _)| w);
                format!("{what} {header}")
            }
            _ => header.clone(),
        };
        let rows: Vec<(String, Vec<Bar>, String)> = table
            .rows
            .iter()
            .map(|row| {
                let cell = row.get(column).map_or("", String::as_str);
                (row[0].clone(), bars(header, cell), cell.to_string())
            })
            .collect();
        let svg = svg::bar_chart(&title, &rows);
        charts.push((slug(&title), title, svg));
    }
    charts
}

/// The log-scale chart of `table`: a panel per right-aligned column whose header says "per".
fn log_charts(table: &Table, name: &str) -> Result<Vec<(String, String, String)>, String> {
    let mut panels = Vec::new();
    for (column, header) in table.header.iter().enumerate() {
        let per = header.split_whitespace().any(|w| w == "per");
        if !per || !table.right_aligned.get(column).copied().unwrap_or(false) {
            continue;
        }
        let mut values = Vec::new();
        for row in &table.rows {
            let cell = row.get(column).map_or("", String::as_str);
            match number(cell) {
                Some((value, false)) if value > 0.0 => {
                    values.push((row[0].clone(), value, cell.to_string()))
                }
                _ => {
                    return Err(format!(
                        "`{cell}` under `{header}` is not a positive number"
                    ));
                }
            }
        }
        panels.push(Panel {
            title: header.clone(),
            values,
        });
    }
    if panels.is_empty() {
        return Err("no right-aligned column says \"per\" (`µs per unit`)".to_string());
    }
    let title = format!("What one {name} costs");
    let svg = log_chart(&title, &panels);
    Ok(vec![(slug(&title), title, svg)])
}

pub fn page(source: &str) -> Result<Page, String> {
    let fail = |what: String| format!("book/performance.md: {what}");
    if !source.starts_with("# Performance\n") {
        return Err(fail("its first line must be `# Performance`".to_string()));
    }
    let (mut markdown, mut charts) = (String::new(), Vec::new());
    for line in source.lines() {
        let Some(marker) = line
            .trim()
            .strip_prefix("<!-- chart:")
            .and_then(|m| m.strip_suffix("-->"))
        else {
            markdown.push_str(line);
            markdown.push('\n');
            continue;
        };
        let (kind, first) = marker.trim().split_once(' ').unwrap_or((marker.trim(), ""));
        let table = table::table(source, Some(first.trim())).ok_or_else(|| {
            fail(format!(
                "`{line}`: no table whose first header cell is `{}`",
                first.trim()
            ))
        })?;
        let drawn = match kind {
            "log" => {
                log_charts(&table, first.trim()).map_err(|e| fail(format!("`{line}`: {e}")))?
            }
            "bars" => bar_charts(&table),
            _ => {
                return Err(fail(format!(
                    "`{line}`: unknown chart `{kind}` (log or bars)"
                )));
            }
        };
        let figures: String = drawn
            .iter()
            .map(|(file, title, _)| {
                format!(
                    "<img src=\"performance/{file}\" alt=\"{}: a bar for each row of the table\">\n",
                    svg::escape(title)
                )
            })
            .collect();
        markdown.push_str(&format!(
            "<div class=\"bench-charts chart-{kind}\">\n{figures}</div>\n"
        ));
        charts.extend(drawn.into_iter().map(|(file, _, svg)| (file, svg)));
    }
    if charts.is_empty() {
        return Err(fail(
            "no `<!-- chart: KIND TABLE -->` line: the page draws no chart".to_string(),
        ));
    }
    Ok(Page { markdown, charts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_numbers() {
        assert_eq!(number("19,173 1.00x"), Some((19173.0, false)));
        assert_eq!(number("0.25 1.00x"), Some((0.25, false)));
        assert_eq!(number("75.5 ¹"), Some((75.5, false)));
        assert_eq!(number("> 5 s (9,345 echoed)"), Some((5.0, true)));
        assert_eq!(number("n/a"), None);
    }

    #[test]
    fn a_pair_is_two_bars() {
        let bars = bars("p50/p99 µs", "68/116");
        assert_eq!(bars.len(), 2);
        assert_eq!((bars[0].value, bars[0].label.as_str()), (68.0, "p50 68"));
        assert_eq!((bars[1].value, bars[1].label.as_str()), (116.0, "p99 116"));
    }

    const SOURCE: &str = "# Performance\n\n<!-- chart: log unit -->\n\nText.\n\n\
                          | unit | N | start, µs per unit | memory, KiB per unit |\n\
                          | --- | ---: | ---: | ---: |\n| processes | 200 | 1,614 | 170.6 |\n\
                          | tasks | 100,000 | 1.23 | 0.45 |\n\n\
                          | server | runs on | 1 conn req/s | p50/p99 µs | burst s |\n\
                          | --- | --- | ---: | ---: | ---: |\n\
                          | a | 1 thread | 2,000 1.00x | 68/116 | 0.25 |\n\
                          | b | 2 threads | 1,000 0.50x | 70/125 | > 5 s |\n\n\
                          <!-- chart: bars server -->\n\nAfter.\n";

    #[test]
    fn each_marker_becomes_the_charts_of_its_table() {
        let page = page(SOURCE).unwrap();
        let files: Vec<&str> = page.charts.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            [
                "what-one-unit-costs.svg",
                "1-conn-req-s.svg",
                "1-conn-p50-p99-s.svg",
                "burst-s.svg"
            ]
        );
        let log = &page.charts[0].1;
        assert!(
            log.contains("start, µs per unit (log scale)") && log.contains("memory, KiB per unit")
        );
        assert!(!log.contains(">N (log"), "{log}");
        let md = &page.markdown;
        assert!(
            md.find("chart-log").unwrap() < md.find("Text.").unwrap(),
            "{md}"
        );
        assert!(
            md.find("chart-bars").unwrap() > md.find("| b |").unwrap(),
            "{md}"
        );
        assert!(!md.contains("<!-- chart"), "{md}");
    }

    #[test]
    fn a_marker_without_its_table_or_kind_fails_by_name() {
        let e = page(&SOURCE.replace("bars server", "bars nothing")).unwrap_err();
        assert!(
            e.contains("book/performance.md") && e.contains("`nothing`"),
            "{e}"
        );
        let e = page(&SOURCE.replace("bars server", "pie server")).unwrap_err();
        assert!(e.contains("unknown chart `pie`"), "{e}");
        let e = page(&SOURCE.replace("1,614", "n/a")).unwrap_err();
        assert!(e.contains("`n/a`"), "{e}");
        assert!(page("# Perf\n").unwrap_err().contains("`# Performance`"));
    }

    #[test]
    fn the_books_performance_page_has_its_charts() {
        let source = include_str!("../../../../book/performance.md");
        let page = page(source).unwrap();
        assert_eq!(page.charts[0].0, "what-one-unit-costs.svg");
        assert!(page.charts.len() >= 5, "{}", page.charts.len());
    }
}
