//! Fetches the page of every `HOST:PORT` given, at most two at a time, and prints the first
//! line of each, in the order given.
//!
//!     cargo run -p limited_fetch HOST:PORT...
//!
//! Exit codes: 0 every page fetched, 1 a fetch failed, 2 bad command line.

use std::process::ExitCode;

use common::cli::Cli;
use limited_fetch::fetch_all;

const CLI: Cli = Cli {
    name: "limited_fetch",
    package: "limited_fetch",
    about: "Fetches the page of every HOST:PORT, at most two at a time.",
    usage: "HOST:PORT...",
    options: &[],
};

/// Checks that `target` is `HOST:PORT`, with a port from 0 to 65535.
fn check_target(target: &str) -> Result<(), String> {
    let Some((host, port)) = target.rsplit_once(':') else {
        return Err(format!("'{target}' is not HOST:PORT"));
    };
    if host.is_empty() {
        return Err(format!("'{target}' has no host"));
    }
    common::cli::options::parse_port(port).map(|_| ())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let targets = CLI.args();
    if targets.is_empty() {
        CLI.fail("no HOST:PORT given");
    }
    for target in &targets {
        if let Err(e) = check_target(target) {
            CLI.fail(e);
        }
    }
    let mut ok = true;
    for (target, page) in targets.iter().zip(fetch_all(&targets).await) {
        match page {
            Ok(page) => {
                let text = String::from_utf8_lossy(&page);
                let first = text.lines().next().unwrap_or("");
                println!("{target}: {} bytes: {first}", page.len());
            }
            Err(e) => {
                eprintln!("limited_fetch: {target}: {e}");
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
