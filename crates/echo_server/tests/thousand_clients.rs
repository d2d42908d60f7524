//! A thousand clients at once, each echoed exactly. In a test file of its own, so that its
//! thousand sockets are the only ones this process holds (the usual limit is 1024 files).

mod support;

use rand::RngCore;

use support::start;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_clients_each_get_their_own_bytes_back() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    const CLIENTS: usize = 1000;
    let mut server = start("127.0.0.1");
    let port = server.port;
    let mut clients = tokio::task::JoinSet::new();
    for i in 0..CLIENTS {
        clients.spawn(async move {
            let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .unwrap();
            // Each client's message is its own: its number, then random bytes of a length
            // that differs from one client to the next.
            let mut data = format!("client {i}:").into_bytes();
            data.extend(random_bytes(1000 + i * 7));
            stream.write_all(&data).await.unwrap();
            stream.shutdown().await.unwrap();
            let mut echo = Vec::new();
            stream.read_to_end(&mut echo).await.unwrap();
            (data, echo)
        });
    }
    let mut done = 0;
    while let Some(result) = clients.join_next().await {
        let (data, echo) = result.unwrap();
        assert!(
            echo == data,
            "a client got {} bytes of {}",
            echo.len(),
            data.len()
        );
        done += 1;
    }
    assert_eq!(done, CLIENTS);
    // And the server saw each come and go.
    for _ in 0..CLIENTS {
        server.wait_for("Client disconnected from ('127.0.0.1', ");
    }
    let connected = server
        .log
        .iter()
        .filter(|l| l.contains("Client connected"))
        .count();
    assert_eq!(
        connected,
        CLIENTS,
        "{:?}",
        server.log.iter().rev().take(5).collect::<Vec<_>>()
    );
}

/// `len` random bytes: no two clients send the same, so bytes of one given to another show.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut data = vec![0u8; len];
    rand::rng().fill_bytes(&mut data);
    data
}
