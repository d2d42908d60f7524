//! A lesson's own Python program, run beside the Rust one.

use std::process::Command;

/// Runs the Python program written for a lesson, `crates/NAME/NAME.py` beside the calling
/// test's crate (`manifest_dir` is its `CARGO_MANIFEST_DIR`), with `args`, and returns its
/// stdout. Fails the test with a message that says so when python3 is missing, and with the
/// program's stderr when it fails.
pub fn run_python_twin(manifest_dir: &str, name: &str, args: &[&str]) -> String {
    let script = std::path::Path::new(manifest_dir).join(format!("{name}.py"));
    let out = match slides::output_within(
        Command::new("python3")
            .arg(&script)
            .args(args)
            .env("PYTHONUNBUFFERED", "1"),
        slides::RUN_BOUND,
    ) {
        Ok(out) => out,
        Err(e) if e.contains("No such file or directory") => {
            panic!(
                "python3 is missing: the lesson {name} checks its Python program {} with it; install python3",
                script.display()
            )
        }
        Err(e) => panic!("python3 {}: {e}", script.display()),
    };
    assert!(
        out.status.success(),
        "python3 {} failed ({}):\n{}",
        script.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the Python program prints UTF-8")
}
