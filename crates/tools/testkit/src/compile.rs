//! A lesson's Rust file compiled on its own, to show what the compiler says of it: a program
//! it refuses (`compile_fail/`), or one it accepts with a warning (`compile_warn/`).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The longest a compilation may take before the test fails.
const BOUND: Duration = Duration::from_secs(120);

/// Compiles `source` as a program (edition 2024), offline, only as far as the checks (no
/// code, no link), into `out_dir`, with rustc: the one the environment variable `RUSTC` names,
/// or `rustc` on the PATH. Returns whether it compiled, and rustc's messages.
pub fn check_program(source: &Path, out_dir: &Path) -> (bool, String) {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut command = Command::new(&rustc);
    command
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
        ])
        .arg("--out-dir")
        .arg(out_dir)
        .arg(source)
        .env("RUST_BACKTRACE", "0");
    let what = format!(
        "{} {} (set RUSTC to the compiler)",
        rustc.display(),
        source.display()
    );
    let out = crate::bounded::output_within(&mut command, BOUND, &what);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
