//! The Python program's errors, as its own functions meet them: a chain of futures whose
//! second source fails ends with that error (it is not left pending), and a callback that
//! fails stops `run_until_done` with an error (it does not leave it waiting for ever). Every
//! wait in the check has a bound of 5 s, kept by asyncio itself, so a regression fails the
//! test instead of hanging it.

use std::process::Command;

const CHECK: &str = r#"
import asyncio, sys
sys.path.insert(0, sys.argv[1])
import async_styles as styles

loop = asyncio.new_event_loop()
try:
    chain = styles.with_futures(loop, second_broken=True)
    loop.run_until_complete(asyncio.wait_for(chain, 5))
    print("chain: no error")
except styles.NoAnswer as error:
    print(f"chain: {error}")
except asyncio.TimeoutError:
    print("chain: still pending after 5 s")


def failing_job(loop, done):
    def fail():
        raise ValueError("a callback fails (on purpose, in a test)")

    loop.call_later(styles.DELAY, fail)


bound = loop.call_later(5, loop.stop)
try:
    styles.run_until_done(loop, failing_job)
    print("callbacks: no error")
except RuntimeError as error:
    print(f"callbacks: {error}")
bound.cancel()
loop.close()
"#;

#[test]
fn the_python_program_passes_its_errors_on() {
    let out = Command::new("python3")
        .args(["-c", CHECK, env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}; install python3"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "python3 failed:\n{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "chain: no answer for 4\ncallbacks: a callback failed before the job was done\n",
        "stderr:\n{stderr}"
    );
}
