//! The normalizer: replaces the values that differ between runs, in Python too, with
//! placeholders, and nothing else.

use std::sync::LazyLock;

use regex::Regex;

/// Each rule: what varies between runs, the pattern that finds it, and its placeholder.
static RULES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // An object's address: `<generator object gen_numbers at 0x7f95881a19e0>`.
        (r"0x[0-9a-f]+", "0x<ADDR>"),
        // A thread's number; Python 3.10+ adds the target: `Thread-1 (counter)`.
        (r"Thread-\d+(?: \(\w+\))?", "Thread-<N>"),
        // `datetime.now()`: `2021-12-10 15:54:41.785748`.
        (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", "<TIMESTAMP>"),
        // The date a web server puts in its response: `Date: Fri, 10 Dec 2021`.
        (
            r"Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4}",
            "Date: <DATE>",
        ),
        // An elapsed time: `main1(): 0.2277s`.
        (r"\(\): \d+\.\d+s", "(): <SECONDS>s"),
        // The size of a live web page: `51504 bytes: b'HTTP/1.0 200 OK...`.
        (r"(?m)^\d+ bytes: ", "<N> bytes: "),
        // `random.randint(1, 100)`.
        (
            r"Hello, \d+ is my lucky number!",
            "Hello, <N> is my lucky number!",
        ),
        // A peer's address and port: `('::1', 45148, 0, 0)` or `('127.0.0.1', 45148)`.
        (r"from \('[^']*', \d+(?:, \d+, \d+)?\)", "from <PEER>"),
        // The port a server listens on, chosen by the system when asked for port 0.
        (
            r"listening on \('([^']*)', \d+\)",
            "listening on ('$1', <PORT>)",
        ),
    ]
    .into_iter()
    .map(|(pattern, placeholder)| {
        (
            Regex::new(pattern).expect("the normalizer's patterns are valid"),
            placeholder,
        )
    })
    .collect()
});

/// Replaces the values that differ between runs with placeholders.
pub fn normalize(text: &str) -> String {
    RULES
        .iter()
        .fold(text.to_string(), |text, (pattern, placeholder)| {
            pattern.replace_all(&text, *placeholder).into_owned()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_only_what_varies() {
        assert_eq!(
            normalize("Caller creates <generator object gen_numbers at 0x7f95881a19e0>"),
            "Caller creates <generator object gen_numbers at 0x<ADDR>>"
        );
        assert_eq!(
            normalize("MainProcess Thread-8: 0\nMainProcess Thread-1 (counter): 0"),
            "MainProcess Thread-<N>: 0\nMainProcess Thread-<N>: 0"
        );
        assert_eq!(
            normalize("2021-12-10 15:54:41.785748: www.hkmu.edu.hk starts"),
            "<TIMESTAMP>: www.hkmu.edu.hk starts"
        );
        assert_eq!(
            normalize("51504 bytes: b'HTTP/1.0 200 OK\\r\\nDate: Fri, 10 Dec 2021 ' ..."),
            "<N> bytes: b'HTTP/1.0 200 OK\\r\\nDate: <DATE> ' ..."
        );
        assert_eq!(normalize("main1(): 0.2277s"), "main1(): <SECONDS>s");
        assert_eq!(
            normalize("Sent to server:  Hello, 3 is my lucky number!"),
            "Sent to server:  Hello, <N> is my lucky number!"
        );
        assert_eq!(
            normalize("INFO:root:Client connected from ('::1', 45148, 0, 0)"),
            normalize("INFO:root:Client connected from ('127.0.0.1', 51234)")
        );
        assert_eq!(
            normalize("INFO:root:Server started, listening on ('localhost', 7000)"),
            "INFO:root:Server started, listening on ('localhost', <PORT>)"
        );
        // What is not on the list stays as it is.
        for same in [
            "Caller gets 2",
            "50000",
            "[0, 2, 4]",
            "0 0, 1 1, 2 1, ",
            "hello",
        ] {
            assert_eq!(normalize(same), same);
        }
    }
}
