//! The check of upper_echo: the server runs as a real process on 127.0.0.1, port 0, and
//! real clients talk to it. Two of testkit's echo checks, which every echo server of the
//! lessons passes, are run with upper-case letters expected.

use std::io::{Read, Write};
use std::process::Command;

use testkit::echo_checks;
use testkit::echo_server::{Server, WATCHDOG};
use testkit::exercise::within;

/// Starts the exercise's server on `host`, port 0.
fn command(host: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_upper_echo"));
    command.args([host, "0"]);
    command
}

/// What the server must send back: each ASCII letter upper-case, every other byte as it came.
fn upper(sent: &[u8]) -> Vec<u8> {
    sent.to_ascii_uppercase()
}

#[test]
fn step1_letters_come_back_upper_case() {
    let server = Server::start(command("127.0.0.1"));
    let mut client = server.connect();
    client.write_all(b"Hello, 3 is my lucky number!").unwrap();
    let mut echo = [0u8; 28];
    let read = client.read_exact(&mut echo);
    assert!(
        read.is_ok(),
        "no answer of 28 bytes to \"Hello, 3 is my lucky number!\": {read:?}\nhint: in serve, \
         read what the client sends and write it back (echo_server's loop)"
    );
    let echo = String::from_utf8_lossy(&echo);
    assert_eq!(
        echo, "HELLO, 3 IS MY LUCKY NUMBER!",
        "hint: make each ASCII letter upper-case before writing it back: \
         <[u8]>::make_ascii_uppercase"
    );
}

#[test]
fn step2_binary_data_comes_back_with_only_its_letters_changed() {
    within(
        WATCHDOG,
        "change the ASCII letters only, byte by byte (u8::to_ascii_uppercase, \
         <[u8]>::make_ascii_uppercase), and write back as many bytes as you read: never go \
         through a String (to_uppercase changes UTF-8, and binary data is not UTF-8)",
        || echo_checks::one_mebibyte_of_binary_data_comes_back_as(command, upper),
    );
}

#[test]
fn step3_a_half_closed_client_still_receives_everything() {
    within(
        WATCHDOG,
        "write back every byte you read, only its ASCII letters changed, until read() gives 0 \
         bytes (the client's end of stream); then shut down your side (stream.shutdown().await)",
        || echo_checks::a_half_closed_client_still_receives_everything_as(command, upper),
    );
}
