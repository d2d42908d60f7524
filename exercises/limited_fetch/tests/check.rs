//! The check of limited_fetch: `fetch_all` runs in this process, on one thread, against a
//! stand-in web server that counts the connections it holds at once.
//!
//! No clock decides anything. The stand-in answers a connection only once the client can go
//! no further: the check first lets the runtime run every task that can run, and poll the
//! network, many times over ("settles"). A client without a limit has by then opened every
//! connection it wanted; one with a limit of 2 has opened 2, and waits. So a third connection
//! is seen, if there is one, before any fetch could have ended.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};

use limited_fetch::{AT_ONCE, fetch_all};
use testkit::exercise::{BOUND, within};
use tokio::runtime::Builder;

/// How many pages are fetched.
const PAGES: usize = 5;
/// How many times a settle lets every task run and polls the network.
const SETTLE_ROUNDS: usize = 200;
/// How many settles the check waits for a fetch to connect before it fails.
const MOST_SETTLES: usize = 20;

const HINT_LIMIT: &str = "make a tokio::sync::Semaphore::new(AT_ONCE), and let each fetch \
    `acquire().await` a permit before get_page, keeping it until get_page is done";

/// A connection the stand-in holds: which target it came to, and the request so far.
struct Held {
    target: usize,
    stream: TcpStream,
    request: Vec<u8>,
}

/// A stand-in web server: one listening socket per target, every connection held until the
/// check answers it.
struct StandIn {
    listeners: Vec<TcpListener>,
    held: VecDeque<Held>,
    /// The most connections held at once.
    most: usize,
    answered: usize,
}

impl StandIn {
    fn new() -> StandIn {
        let listeners = (0..PAGES)
            .map(|_| {
                let listener = TcpListener::bind("127.0.0.1:0").unwrap();
                listener.set_nonblocking(true).unwrap();
                listener
            })
            .collect();
        StandIn {
            listeners,
            held: VecDeque::new(),
            most: 0,
            answered: 0,
        }
    }

    fn targets(&self) -> Vec<String> {
        let addr = |l: &TcpListener| l.local_addr().unwrap().to_string();
        self.listeners.iter().map(addr).collect()
    }

    /// Takes every connection waiting to be accepted, and what the held ones have sent.
    fn take_what_came(&mut self) {
        for (target, listener) in self.listeners.iter().enumerate() {
            loop {
                match listener.accept() {
                    Ok((stream, _)) => {
                        stream.set_nonblocking(true).unwrap();
                        let request = Vec::new();
                        self.held.push_back(Held {
                            target,
                            stream,
                            request,
                        });
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) => panic!("the stand-in cannot accept: {e}"),
                }
            }
        }
        for held in &mut self.held {
            let mut buf = [0u8; 1024];
            while let Ok(n @ 1..) = held.stream.read(&mut buf) {
                held.request.extend_from_slice(&buf[..n]);
            }
        }
        self.most = self.most.max(self.held.len());
    }

    /// Whether the oldest connection has sent its whole request.
    fn oldest_asked(&self) -> bool {
        self.held
            .front()
            .is_some_and(|h| h.request.ends_with(b"\r\n\r\n"))
    }

    /// Answers the oldest connection with its page, and closes it.
    fn answer_oldest(&mut self) {
        let mut held = self.held.pop_front().unwrap();
        let page = format!("HTTP/1.0 200 OK\r\n\r\npage of target {}\n", held.target);
        held.stream.write_all(page.as_bytes()).unwrap();
        self.answered += 1;
        // Dropped: closed, and the client reads the end of the page.
    }
}

/// Lets every task that can run run, and the network be polled, SETTLE_ROUNDS times.
async fn settle() {
    for _ in 0..SETTLE_ROUNDS {
        tokio::task::yield_now().await;
    }
}

/// Answers the client's connections one by one, each only once the client can go no
/// further; never returns, unless the client breaks a rule: then it says which, with a hint.
async fn serve(stand_in: &mut StandIn) -> String {
    loop {
        let mut settles = 0;
        loop {
            settle().await;
            stand_in.take_what_came();
            if stand_in.most > AT_ONCE {
                return format!(
                    "{} fetches were under way at once; the most allowed is {AT_ONCE}\n\
                     hint: {HINT_LIMIT}",
                    stand_in.most
                );
            }
            let left = PAGES - stand_in.answered;
            let due = AT_ONCE.min(left);
            if stand_in.held.len() >= due && stand_in.oldest_asked() {
                break;
            }
            settles += 1;
            if settles == MOST_SETTLES {
                let held = stand_in.held.len();
                return format!(
                    "only {held} of the fetches were under way while {left} pages were left: \
                     there should be {due}\nhint: fetch {AT_ONCE} at a time, not fewer: start every fetch at \
                     once (join_all), each waiting for a permit, and drop each permit when \
                     its fetch is done"
                );
            }
        }
        // Once more: a client that would open one more connection has done it by now.
        settle().await;
        stand_in.take_what_came();
        if stand_in.most <= AT_ONCE {
            stand_in.answer_oldest();
        }
    }
}

#[test]
fn step1_five_pages_are_fetched_two_at_a_time_in_order() {
    let (pages, most) = within(BOUND, HINT_LIMIT, || {
        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        let mut stand_in = StandIn::new();
        let targets = stand_in.targets();
        let pages = runtime.block_on(async {
            tokio::select! {
                pages = fetch_all(&targets) => pages,
                broken = serve(&mut stand_in) => panic!("{broken}"),
            }
        });
        (pages, stand_in.most)
    });
    assert!(
        most == AT_ONCE,
        "at most {most} fetch was under way at once\nhint: fetch {AT_ONCE} at a time"
    );
    assert_eq!(
        pages.len(),
        PAGES,
        "fetch_all gave {} results for {PAGES} targets\nhint: one result per target",
        pages.len()
    );
    for (i, page) in pages.into_iter().enumerate() {
        let page = page.unwrap_or_else(|e| {
            panic!("target {i} failed: {e}\nhint: return what get_page gives, unchanged")
        });
        let expected = format!("HTTP/1.0 200 OK\r\n\r\npage of target {i}\n");
        assert_eq!(
            String::from_utf8_lossy(&page),
            expected,
            "result {i} is not the page of target {i}\nhint: keep the results in the order \
             of the targets (join_all does)"
        );
    }
}
