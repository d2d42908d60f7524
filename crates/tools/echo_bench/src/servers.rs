//! The servers under test: the project's echo_server, event_loop's echo server, the threads
//! server (this same program, started again with `--serve-threads`), cecho, and servers
//! started by hand (`--vs`). Each is a `Server`, which stops the server when it is dropped.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::loads::Results;
use crate::system::{flavour, listening_port};
use crate::{LIMIT, MSG, Res};

/// Listen backlog of the threads server, the same as cecho's (the kernel caps it at
/// net.core.somaxconn). std's `TcpListener::bind` asks for 128, and a burst of 10,000 connects
/// would then wait for SYN retransmits: that would measure the backlog, not threads.
const BACKLOG: u32 = 4096;

/// One server under test. A server this program started is killed when this is dropped, which
/// also happens when a load fails or panics: no server outlives the bench.
pub struct Server {
    pub name: String,
    pub addr: SocketAddr,
    child: Option<Child>,
    /// How the server runs, from its threads when idle (see `flavour`).
    pub runs_on: String,
    pub results: Results,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Server {
    fn started(name: &str, child: Child) -> Self {
        Server {
            name: name.to_string(),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            child: Some(child),
            runs_on: String::new(),
            results: Results::default(),
        }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    fn listening_on(&mut self, port: u16) {
        self.addr.set_port(port);
        self.runs_on = match self.pid() {
            _ if self.name == "threads" => "1 thread per client".to_string(),
            Some(pid) => flavour(pid),
            None => String::new(),
        };
    }
}

/// The project's echo_server, release build, on a port the system picks: its log line
/// `Server started, listening on ('127.0.0.1', PORT)` gives the port really bound.
pub fn start_echo_server() -> Res<Server> {
    start_logging("echo_server", &["127.0.0.1", "0"])
}

/// The event_loop lesson's echo server, release build: the same protocol and the same log
/// lines as echo_server, on the lesson's own loop and reactor (mio) instead of tokio.
pub fn start_event_loop() -> Res<Server> {
    start_logging("event_loop", &["echo-server", "127.0.0.1", "0"])
}

/// Starts `name`, a program built beside this one that logs as echo_server does, with `args`,
/// and waits for its "listening on" line.
fn start_logging(name: &str, args: &[&str]) -> Res<Server> {
    let child = Command::new(program_beside(name)?)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    let mut server = Server::started(name, child);
    let stderr = server.child.as_mut().and_then(|c| c.stderr.take());
    let stderr = stderr.ok_or(format!("{name}: no stderr"))?;
    let (tx, rx) = mpsc::channel();
    // The server logs two lines per client; the pipe must be drained or the server would block
    // on its own logging. Anything but INFO (a failed connection, say) is shown.
    let said_by = name.to_string();
    thread::spawn(move || {
        let mut tx = Some(tx);
        let mut shown = 0;
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if let Some(t) = &tx {
                match started_port(&line) {
                    Some(port) => {
                        let _ = t.send(Ok(port));
                        tx = None;
                    }
                    None => {
                        let _ = t.send(Err(line));
                    }
                }
            } else if !line.starts_with("INFO:") && shown < 10 {
                eprintln!("{said_by} said: {line}");
                shown += 1;
            }
        }
    });
    let mut said = Vec::new();
    loop {
        match rx.recv_timeout(LIMIT) {
            Ok(Ok(port)) => {
                server.listening_on(port);
                return Ok(server);
            }
            Ok(Err(line)) => said.push(line),
            Err(_) => {
                return Err(format!(
                    "{name} did not log that it listens; it said: {}",
                    said.join(" | ")
                )
                .into());
            }
        }
    }
}

/// The program `name` built beside this one, in the same directory of the same target
/// directory (`target/release/` for a release build). Cargo builds a package's programs for that
/// package's own tests and benches only (`CARGO_BIN_EXE_echo_server`), not for another package,
/// so `make bench` builds echo_server and event_loop first.
fn program_beside(name: &str) -> Res<PathBuf> {
    let exe = std::env::current_exe()?;
    let program = exe.with_file_name(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !program.is_file() {
        return Err(format!(
            "no {name} beside {}: build it with `cargo build --release -p {name}` \
             (`make bench` does)",
            exe.display()
        )
        .into());
    }
    Ok(program)
}

/// The port in `INFO:root:Server started, listening on ('127.0.0.1', 41234)`.
fn started_port(line: &str) -> Option<u16> {
    let rest = line.split("listening on ").nth(1)?;
    let port = rest.rsplit(", ").next()?.trim_end_matches(')');
    port.parse().ok()
}

/// The threads server: this same program, started again with `--serve-threads`, so that it
/// is a process of its own (its memory can be measured, and its 10,000 sockets do not count
/// against the bench's own open-file limit). It prints its port on stdout.
pub fn start_threads() -> Res<Server> {
    let child = Command::new(std::env::current_exe()?)
        .arg("--serve-threads")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start the threads server: {e}"))?;
    let mut server = Server::started("threads", child);
    let stdout = server.child.as_mut().and_then(|c| c.stdout.take());
    let mut line = String::new();
    BufReader::new(stdout.ok_or("threads server: no stdout")?).read_line(&mut line)?;
    let port = line.trim().parse().map_err(|_| {
        format!(
            "the threads server did not print its port: '{}'",
            line.trim()
        )
    })?;
    server.listening_on(port);
    Ok(server)
}

/// cecho, given port 0, listens where the system says and prints nothing: its port is found
/// the way `ss -ltnp` finds it, by matching its socket file descriptors against the kernel's
/// table of listening sockets.
pub fn start_cecho(path: &str) -> Res<Server> {
    let child = Command::new(path)
        .arg("0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start cecho from '{path}': {e}"))?;
    let mut server = Server::started("cecho", child);
    let pid = server.pid().ok_or("cecho: no pid")?;
    let start = Instant::now();
    loop {
        if let Some(port) = listening_port(pid) {
            server.listening_on(port);
            return Ok(server);
        }
        if let Some(child) = &mut server.child
            && let Ok(Some(status)) = child.try_wait()
        {
            return Err(format!("cecho exited before listening ({status})").into());
        }
        if start.elapsed() > LIMIT {
            return Err("cecho did not listen within 5 s".into());
        }
        // Polling /proc: the process tells us nothing, so there is no event to wait for.
        thread::sleep(Duration::from_millis(10));
    }
}

/// A server started by hand: it must already accept connections.
pub fn external(addr: SocketAddr) -> Res<Server> {
    TcpStream::connect_timeout(&addr, LIMIT)
        .map_err(|e| format!("--vs {addr}: no echo server accepts there: {e}"))?;
    Ok(Server {
        name: format!("vs {addr}"),
        addr,
        child: None,
        runs_on: "started by hand".to_string(),
        results: Results::default(),
    })
}

/// `--serve-threads`: the slides' "threads" row. One OS thread per client, blocking reads and
/// writes; the kernel's scheduler does what tokio's does for tasks.
pub fn serve_threads() -> Res<()> {
    let listener = listen_std()?;
    println!("{}", listener.local_addr()?.port());
    io::stdout().flush()?;
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let spawned = thread::Builder::new().spawn(move || echo_blocking(stream));
                if let Err(e) = spawned {
                    eprintln!("threads server: cannot start a thread for a client: {e}");
                }
            }
            Err(e) => {
                eprintln!("threads server: accept failed: {e}");
                thread::sleep(Duration::from_millis(100));
            }
        }
    }
    Ok(())
}

/// The echo loop of the threads server: the same algorithm as cecho's and echo_server's.
fn echo_blocking(mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let mut data = [0u8; MSG];
    loop {
        match stream.read(&mut data) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if stream.write_all(&data[..n]).is_err() {
                    break;
                }
            }
        }
    }
}

/// A blocking std listener on 127.0.0.1, port 0, with cecho's backlog. std cannot choose the
/// backlog, tokio's `TcpSocket` can: make the socket with tokio, then hand it to std.
fn listen_std() -> Res<std::net::TcpListener> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let listener = rt.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.set_reuseaddr(true)?;
        socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        socket.listen(BACKLOG)?.into_std()
    })?;
    listener.set_nonblocking(false)?;
    Ok(listener)
}
