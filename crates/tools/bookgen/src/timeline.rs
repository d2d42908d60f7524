//! Reading the text chart that `--timeline` prints (`common::http::timeline`) back into spans,
//! so that the book can draw it as a picture: the chart's lines carry every request's start and
//! end in milliseconds, so nothing else about the lessons has to change.
//!
//! ```text
//! timeline of main1(): 3 request(s) over 235.0 ms, one column = 4.70 ms
//! www.hkmu.edu.hk |======                                            |    0.3 ..   26.0 ms
//! ole.hkmu.edu.hk |     =================                            |   26.4 ..  102.4 ms failed
//! ```

/// One run's chart: its title (`main1()`) and its requests in the order drawn.
#[derive(Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub spans: Vec<Span>,
}

/// One request: its server, start and end in ms since the run began, and whether it succeeded.
#[derive(Debug, PartialEq)]
pub struct Span {
    pub name: String,
    pub from_ms: f64,
    pub to_ms: f64,
    pub ok: bool,
}

/// Every chart in a program's output; the other lines are skipped. An error for a chart line
/// that cannot be read, since the book would then draw less than the program did.
pub fn parse(output: &str) -> Result<Vec<Chart>, String> {
    let mut charts: Vec<Chart> = Vec::new();
    for line in output.lines() {
        if let Some(rest) = line.strip_prefix("timeline of ") {
            let title = rest
                .split_once(": ")
                .ok_or_else(|| format!("unexpected timeline title: {line}"))?
                .0;
            charts.push(Chart {
                title: title.to_string(),
                spans: Vec::new(),
            });
        } else if let Some(chart) = charts.last_mut()
            && line.matches('|').count() == 2
        {
            chart
                .spans
                .push(span(line).ok_or_else(|| format!("unexpected timeline line: {line}"))?);
        }
    }
    Ok(charts)
}

/// `NAME |bar| FROM .. TO ms[ failed]`.
fn span(line: &str) -> Option<Span> {
    let (name, rest) = line.split_once('|')?;
    let (_bar, times) = rest.split_once('|')?;
    let (times, ok) = match times.trim().strip_suffix(" failed") {
        Some(times) => (times, false),
        None => (times.trim(), true),
    };
    let (from, to) = times.strip_suffix(" ms")?.split_once("..")?;
    Some(Span {
        name: name.trim().to_string(),
        from_ms: from.trim().parse().ok()?,
        to_ms: to.trim().parse().ok()?,
        ok,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_common_draws() {
        let origin = std::time::Instant::now();
        let ms = |n| origin + std::time::Duration::from_millis(n);
        let drawn = common::http::timeline::chart(
            "main2()",
            origin,
            &[
                common::http::timeline::Span {
                    name: "www.google.com".into(),
                    start: ms(1),
                    end: ms(130),
                    ok: true,
                },
                common::http::timeline::Span {
                    name: "ole.hkmu.edu.hk".into(),
                    start: ms(0),
                    end: ms(50),
                    ok: false,
                },
            ],
        );
        let output = format!("2021-12-10 15:54:42.015348: x starts\nmain2(): 0.1241s\n{drawn}");
        let charts = parse(&output).unwrap();
        assert_eq!(charts.len(), 1);
        assert_eq!(charts[0].title, "main2()");
        assert_eq!(
            charts[0].spans,
            [
                Span {
                    name: "ole.hkmu.edu.hk".into(),
                    from_ms: 0.0,
                    to_ms: 50.0,
                    ok: false
                },
                Span {
                    name: "www.google.com".into(),
                    from_ms: 1.0,
                    to_ms: 130.0,
                    ok: true
                },
            ]
        );
    }

    #[test]
    fn output_without_a_chart_has_none() {
        assert_eq!(parse("main(): 0.1s\n").unwrap(), []);
        assert!(parse("timeline of main(): 1 request(s)\na |==| x .. y ms\n").is_err());
    }
}
