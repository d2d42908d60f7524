//! The echo loop in-process, on a connection over 127.0.0.1.

use super::*;

#[tokio::test]
async fn echoes_until_end_of_stream_then_closes() {
    let listener = listen::listen("127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        echo(&mut stream).await
    });
    let mut client = TcpStream::connect(addr).await.unwrap();
    let sent: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    client.write_all(&sent).await.unwrap();
    client.shutdown().await.unwrap();
    let mut received = Vec::new();
    client.read_to_end(&mut received).await.unwrap();
    assert_eq!(received, sent);
    server.await.unwrap().unwrap();
}
