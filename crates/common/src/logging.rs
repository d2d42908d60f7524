//! Python's `logging.basicConfig(level=logging.INFO)`, on `env_logger`.
//!
//! Python prints `INFO:root:Server started, ...` to stderr: the level, the logger's name (`root`,
//! the one logger the slides use) and the message. The same format here keeps the server's log
//! diffable against the slide. INFO is on by default; `RUST_LOG` overrides it
//! (`RUST_LOG=warn` keeps only problems, `RUST_LOG=debug` shows more).

use std::io::Write;

/// Starts logging to stderr in Python's `LEVEL:root:message` format.
pub fn init() {
    let env = env_logger::Env::default().default_filter_or("info");
    // `try_init` rather than `init`: a second call (a test calling main twice) is harmless.
    let _ = env_logger::Builder::from_env(env)
        .format(|buf, record| {
            // Python's names for the levels: `WARNING`, where Rust's log says `WARN`.
            let level = match record.level() {
                log::Level::Warn => "WARNING",
                other => other.as_str(),
            };
            writeln!(buf, "{level}:root:{}", record.args())
        })
        .try_init();
}
