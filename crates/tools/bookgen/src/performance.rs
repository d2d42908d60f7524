//! The Performance page: the README's Performance section, the record of the last `make bench`,
//! with a bar chart for each column of numbers in its table of results, drawn from the table
//! itself so that no figure is typed twice.

use crate::readme;
use crate::svg::{self, Bar};

/// The page's Markdown, and its charts as (file name, SVG).
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

pub fn page(readme: &str) -> Result<Page, String> {
    let section = readme::section(readme, "## Performance")
        .ok_or("the README has no '## Performance' section")?;
    let table = readme::table(&section, "server")
        .ok_or("the README's Performance section has no table of results ('| server |')")?;
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
        charts.push((slug(&title), title, rows));
    }
    let mut markdown = String::from(
        "# Performance\n\nThe README's Performance section, the record of the last `make bench`; \
         the charts are drawn from its table of results when the book is built.\n\n",
    );
    let figures: String = charts
        .iter()
        .map(|(file, title, _)| {
            format!(
                "<img src=\"performance/{file}\" alt=\"{}: a bar for each server\">\n",
                svg::escape(title)
            )
        })
        .collect();
    for (i, line) in section.lines().enumerate() {
        // The section's headings, one level up, as the page's own.
        let line = line
            .strip_prefix('#')
            .filter(|l| l.starts_with("##"))
            .unwrap_or(line);
        markdown.push_str(line);
        markdown.push('\n');
        if i + 1 == table.lines.1 {
            markdown.push_str(&format!(
                "\n<div class=\"bench-charts\">\n{figures}</div>\n\n"
            ));
        }
    }
    Ok(Page {
        markdown,
        charts: charts
            .into_iter()
            .map(|(file, title, rows)| {
                let svg = svg::bar_chart(&title, &rows);
                (file, svg)
            })
            .collect(),
    })
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

    #[test]
    fn every_column_of_numbers_gets_its_chart() {
        let readme = "## Performance\n\n### Results\n\n\
                      | server | runs on | 1 conn req/s | p50/p99 µs | burst s |\n\
                      | --- | --- | ---: | ---: | ---: |\n\
                      | a | 1 thread | 2,000 1.00x | 68/116 | 0.25 |\n\
                      | b | 2 threads | 1,000 0.50x | 70/125 | > 5 s |\n\nAfter.\n";
        let page = page(readme).unwrap();
        let files: Vec<&str> = page.charts.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            ["1-conn-req-s.svg", "1-conn-p50-p99-s.svg", "burst-s.svg"]
        );
        assert!(
            page.markdown.contains("\n## Results\n"),
            "{}",
            page.markdown
        );
        let table_end = page.markdown.find("| b |").unwrap();
        let charts = page.markdown.find("<div class=\"bench-charts\">").unwrap();
        assert!(charts > table_end && page.markdown.ends_with("After.\n"));
    }

    #[test]
    fn the_readme_has_its_results() {
        let readme = include_str!("../../../../README.md");
        let page = page(readme).unwrap();
        assert!(page.charts.len() >= 5, "{}", page.charts.len());
    }
}
