//! A host lookup that hangs, without a packet leaving the machine.
//!
//! The system resolver asks the name servers of `/etc/resolv.conf` and waits, by default, up to
//! 5 s per try. To make it wait far longer than a client's `--timeout`, the program runs in
//! namespaces of its own (`unshare`, as the root of a user namespace, so no real root is
//! needed): a network namespace with nothing but its own loopback, and a mount namespace in
//! which `/etc/resolv.conf` names 127.0.0.1 with a 30 s timeout and two tries. A UDP socket
//! bound to 127.0.0.1:53 there takes the queries and never answers (with nothing bound, the
//! query would be refused at once). Port 53 is fixed, but in a network namespace made for this
//! one run, where no one else can be.

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// How long the resolver would wait: 2 tries of 30 s. A client bounded by `--timeout` must
/// end long before.
const RESOLV_CONF: &str = "nameserver 127.0.0.1\noptions timeout:30 attempts:2\n";

/// Binds the silent name server, then runs the program as its child and exits with its status.
const SILENT_NAME_SERVER: &str = r#"
import socket, subprocess, sys
listening = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
listening.bind(("127.0.0.1", 53))   # bound before the program starts; never read
sys.exit(subprocess.run(sys.argv[1:]).returncode)
"#;

/// How long the test waits for the program before it calls it hung: half the resolver's wait.
pub const HUNG_AFTER: Duration = Duration::from_secs(30);

/// A host name that the system resolver must ask a name server about (not in /etc/hosts).
pub const HOST: &str = "lookup-hangs.example";

/// Runs `program` with `args` where every host lookup hangs (see the module's text) and returns
/// its output; panics if it is still running after [`HUNG_AFTER`], or if the namespaces cannot
/// be made (the message says why).
pub fn run_with_silent_name_server(program: &str, args: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("testkit-dns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let resolv_conf = dir.join(format!(
        "resolv.conf-{}",
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&resolv_conf, RESOLV_CONF).expect("a temporary resolv.conf");
    // Inside the namespaces: loopback up, our resolv.conf over the real one, then the
    // silent name server and the program under it.
    let script = format!(
        "ip link set lo up && mount --bind '{}' /etc/resolv.conf && exec python3 -c '{}' \"$@\"",
        resolv_conf.display(),
        SILENT_NAME_SERVER.replace('\'', "'\\''")
    );
    let mut command = Command::new("unshare");
    command
        .args([
            "--map-root-user",
            "--net",
            "--mount",
            "sh",
            "-c",
            &script,
            "sh",
        ])
        .arg(program)
        .args(args);
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run unshare (util-linux) for a hanging lookup: {e}"));
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let out = match finished.recv_timeout(HUNG_AFTER) {
        Ok(out) => out.expect("the program's output"),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!(
                "{program} {args:?} still runs {HUNG_AFTER:?} after it started: hung on a lookup"
            )
        }
    };
    let _ = std::fs::remove_file(&resolv_conf);
    let _ = std::fs::remove_dir(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("unshare:") && !stderr.contains("mount:") && !stderr.contains("RTNETLINK"),
        "cannot make the namespaces for a hanging lookup (unshare, ip, mount):\n{stderr}"
    );
    out
}
