"""event_loop_echo.py: the slides' echo_server.py, served by event_loop.py's own loop.

    python3 event_loop.py echo-server [HOST [PORT]]    # defaults: localhost 7000

It logs the slide's lines, as `cargo run -p echo_server` does, and each client is a task:

    INFO:root:Server started, listening on ('localhost', 7000)
    INFO:root:Client connected from ('::1', 45148, 0, 0)
    INFO:root:Client disconnected from ('::1', 45148, 0, 0)

The slide's `await reader.read(1024)` is `yield from recv(conn, 1024)`, and `writer.write(data)`
plus `await writer.drain()` is `yield from send_all(conn, data)`: each task reads, writes all it
read, and only then reads again, so a client that never reads holds at most 1024 bytes here.
Beyond the slide, as echo_server does: port 0 logs the port the system chose; a client that
resets or fails ends only its own task, with one ERROR line; out of file descriptors, accept
pauses 100 ms and tries again; Ctrl-C or SIGTERM logs `Server stopped` and exits 0.
Exit codes: 0 stopped by a signal, 1 cannot listen, 2 bad command line.

    python3 event_loop.py --trace-io    # one line per resume of one echo exchange

runs `traced_exchange()` below, the Rust program's `--trace-io`, step by step the same: a server
task and a client task on one loop, whose every wait is for a socket.
"""

import errno
import logging
import signal
import socket
import sys

from event_loop import join, run, sleep, spawn
from reactor import accept, connect, readable, recv, send_all

HOST, PORT = "localhost", 7000
# As echo_server: a burst of 10,000 clients must not overflow the kernel's queue of connections
# waiting for accept. 4096 is Linux's default net.core.somaxconn (since kernel 5.4), which caps
# whatever is asked for, so asking for more would only read as more than the server gets.
BACKLOG = 4096
# Port 0 on a host with several addresses: the port chosen for the first may be taken on another.
PORT_0_ATTEMPTS = 10
# Out of file descriptors, the pending connection stays queued and the listener readable:
# accepting again at once would spin. The pause lets other tasks close theirs.
ACCEPT_PAUSE = 0.1


class CannotListen(Exception):
    pass


def os_error(e):
    """An OSError as Rust's io::Error prints it, so that both servers log the same lines."""
    return f"{e.strerror} (os error {e.errno})" if e.errno and e.strerror else str(e)


def handle_client(conn, addr):
    """`async def handle_client(reader, writer)`: echoes one client until it closes."""
    logging.info(f"Client connected from {addr}")
    try:
        while True:
            data = yield from recv(conn, 1024)  # data = await reader.read(1024)
            if not data:
                break  # end of stream: the client has closed (or half-closed) its side
            yield from send_all(conn, data)  # writer.write(data); await writer.drain()
        conn.shutdown(socket.SHUT_WR)  # our end of stream, after the last byte
    except OSError as e:
        # A reset, say: only this client's task ends.
        logging.error(f"Connection with {addr} failed: {os_error(e)}")
    logging.info(f"Client disconnected from {addr}")
    conn.close()


def serve_forever(listener):
    """`server.serve_forever()` on one listening socket: a task per client."""
    while True:
        try:
            conn, addr = yield from accept(listener)
        except OSError as e:
            where = listener.getsockname()
            logging.error(f"Cannot accept a connection on {where}: {os_error(e)}")
            yield from sleep(ACCEPT_PAUSE)
            continue
        # As asyncio does: small writes go out at once (no Nagle delay).
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        spawn(handle_client(conn, addr))


def rust_address(sockaddr):
    """('::1', 7000, 0, 0) as Rust prints a socket address, [::1]:7000, as echo_server does."""
    host, port = sockaddr[0], sockaddr[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def listen_all(addrs, port):
    """Listens on each address, all on one port (with port 0, the one the system picks for the
    first). Raises OSError with the address that failed."""
    listeners = []
    try:
        for family, sockaddr in addrs:
            sockaddr = (sockaddr[0], port) + tuple(sockaddr[2:])
            listener = socket.socket(family, socket.SOCK_STREAM)
            listeners.append(listener)
            # As asyncio: restart at once on a port whose old connections are in TIME_WAIT.
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                listener.bind(sockaddr)
            except OSError as e:
                e.sockaddr = sockaddr
                raise
            listener.listen(BACKLOG)
            listener.setblocking(False)
            port = listener.getsockname()[1]
        return listeners
    except OSError:
        for listener in listeners:
            listener.close()
        raise


def start_server(host, port):
    """`asyncio.start_server(handle_client, host, port)`, up to the point where it listens: on
    every address `host` resolves to (`localhost` may be both ::1 and 127.0.0.1)."""
    where = (host, port)
    try:
        # The name as bytes goes to the system's resolver as it is, as the Rust program sends
        # it; a str would first be encoded by Python's IDNA codec, which refuses some names
        # (a label over 63 characters) with an error of its own.
        infos = socket.getaddrinfo(
            host.encode(), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as e:
        # As Rust's std words a resolver error.
        reason = f"failed to lookup address information: {e.strerror}"
        raise CannotListen(f"cannot listen on {where}: cannot resolve host '{host}': {reason}")
    addrs = []
    for family, _, _, _, sockaddr in infos:
        if (family, sockaddr) not in addrs:
            addrs.append((family, sockaddr))
    for attempt in range(1, PORT_0_ATTEMPTS + 1):
        try:
            return listen_all(addrs, port)
        except OSError as e:
            if port == 0 and e.errno == errno.EADDRINUSE and attempt < PORT_0_ATTEMPTS:
                continue
            failed = rust_address(getattr(e, "sockaddr", addrs[0][1]))
            raise CannotListen(f"cannot listen on {where} ({failed}): {os_error(e)}")


def echo_server(host, listeners, stop):
    """`async def echo_server(host, port)`: serves until a signal arrives on `stop`."""
    port = listeners[0].getsockname()[1]  # the port really bound, when 0 was asked for
    logging.info(f"Server started, listening on {(host, port)}")
    for listener in listeners:
        spawn(serve_forever(listener))
    yield from readable(stop)  # SIGINT or SIGTERM
    logging.info("Server stopped")


def stop_on_signals():
    """A socket that becomes readable on SIGINT or SIGTERM: Python's C-level handler writes the
    signal's number to the wakeup socket, which wakes the selector; the Python-level handlers
    do nothing, so no KeyboardInterrupt breaks into the loop."""
    stop, wakeup = socket.socketpair()
    stop.setblocking(False)
    wakeup.setblocking(False)
    signal.set_wakeup_fd(wakeup.fileno())
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda signum, frame: None)
    return stop, wakeup


NAME = "event_loop.py echo-server"
USAGE = f"usage: {NAME} [HOST [PORT]]"


def parse_host_port(args):
    """[HOST [PORT]] as the Rust program's echo-server takes them, with its messages; a bad one
    is a SystemExit(2) with one line. (`--help` is event_loop.py's, before this.)"""

    def fail(message):
        print(f"{NAME}: {message} ({USAGE})", file=sys.stderr)
        sys.exit(2)

    positional, options_end = [], False
    for arg in args:
        if arg == "--" and not options_end:
            options_end = True  # what follows is positional, even if it starts with -
        elif arg.startswith("-") and len(arg) > 1 and not options_end:
            fail(f"unknown option '{arg}'")
        else:
            positional.append(arg)
    if len(positional) > 2:
        fail(f"unexpected argument '{positional[2]}'")
    host = positional[0] if positional else HOST
    if host == "":
        fail("empty host name ''")
    port = PORT
    if len(positional) > 1:
        # As Rust's u16 parses it: ASCII digits, with an optional leading +.
        text = positional[1]
        digits = text[1:] if text.startswith("+") else text
        if not (digits.isascii() and digits.isdigit() and int(digits) <= 65535):
            fail(f"invalid port '{text}': expected a number from 0 to 65535")
        port = int(digits)
    return host, port


def main(args):
    host, port = parse_host_port(args)
    logging.basicConfig(level=logging.INFO)
    # The handlers come before the "listening" line: whoever waits for that line and then
    # sends SIGINT reaches them.
    stop, wakeup = stop_on_signals()
    try:
        listeners = start_server(host, port)
    except CannotListen as e:
        print(f"{NAME}: {e}", file=sys.stderr)
        return 1
    run(echo_server(host, listeners, stop))
    # The tasks still serving clients ended with the loop; their sockets close with the process.
    for sock in listeners + [stop, wakeup]:
        sock.close()
    return 0


# `event_loop.py --trace-io`: the Rust program's src/echo/traced.rs, with the same tasks doing
# the same operations in the same order, so that both print the lines of trace_io.txt.


def echo_once(listener):
    """The server's side: one connection, one read echoed, then end of stream."""
    with listener:
        conn, _ = yield from accept(listener)
        with conn:
            data = yield from recv(conn, 1024)
            yield from send_all(conn, data)
            conn.shutdown(socket.SHUT_WR)


def say_hello(address):
    """The client's side: b"hello", then everything that comes back until end of stream."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)
        yield from connect(sock, address)
        yield from send_all(sock, b"hello")
        reply = b""
        while True:
            data = yield from recv(sock, 1024)
            if not data:
                return reply
            reply += data


def traced_exchange():
    """The traced exchange, as the loop's main task; prints what the client received."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    server = spawn(echo_once(listener))
    client = spawn(say_hello(listener.getsockname()))
    reply = yield from join(client)
    yield from join(server)
    print(reply)


def trace_io_main(print_poll):
    """`event_loop.py --trace-io`; a failure is one line on stderr, exit 1."""
    try:
        run(traced_exchange(), on_poll=print_poll)
    except OSError as e:
        print(f"event_loop.py: {os_error(e)}", file=sys.stderr)
        return 1
    return 0
