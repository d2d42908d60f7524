"""reactor.py: event_loop.py's I/O, on the selectors module, as asyncio's SelectorEventLoop is.

A task waits for a socket the way it waits for a deadline: it yields what it waits for,

    yield IoWait(sock, EVENT_READ)    wake me when `sock` can be read     (await reader.read())
    yield IoWait(sock, EVENT_WRITE)   wake me when `sock` can be written  (await writer.drain())

and the loop hands that wish to the Reactor below. When no task is ready, the loop blocks in
`select`, the system call that waits for any of many sockets (epoll on Linux), until the next
timer deadline or until a socket is ready; the reactor then says which tasks can go on. The
loop is the caller of every task, and the selector tells it which one can go on. This is the
design of the chapter "A Web Crawler With asyncio Coroutines" (Davis and van Rossum, 500 Lines or
Less), with generators that yield what they wait for where the chapter has futures.

Readiness is level-triggered (selectors' default): a socket with unread bytes stays readable,
so a task may read part of them and wait again without missing a wakeup. A wait is one-shot:
the direction is unregistered once it wakes its task, and the task registers again if its next
read or write would block (BlockingIOError).

The socket operations below try the system call first, and wait only when it would block:
`accept`, `connect`, `recv` and `send_all` are what asyncio's `sock_accept`, `sock_connect`,
`sock_recv` and `sock_sendall` are, with `yield from` for `await`.
"""

import errno
import os
import selectors
import socket
from selectors import EVENT_READ, EVENT_WRITE

DIRECTIONS = {EVENT_READ: "read", EVENT_WRITE: "write"}


class IoWait:
    """What a task yields to wait until `fileobj` is ready for `event` (EVENT_READ or
    EVENT_WRITE)."""

    __slots__ = ("fileobj", "event")

    def __init__(self, fileobj, event):
        self.fileobj, self.event = fileobj, event


class Reactor:
    """The sockets tasks wait for, in a selector; each registered socket carries, as its data,
    a dict {EVENT_READ or EVENT_WRITE: the task waiting for that direction}."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.waits = 0  # directions waited for, over all sockets

    def waiting(self):
        """True if some task waits for a socket."""
        return self.waits > 0

    def wait(self, fileobj, event, task):
        """`task` waits until `fileobj` is ready for `event`. One task per direction: two tasks
        reading one socket would each get part of the bytes, in no defined order."""
        try:
            key = self.selector.get_key(fileobj)
        except KeyError:
            self.selector.register(fileobj, event, {event: task})
        else:
            if event in key.data:
                raise RuntimeError(f"two tasks wait to {DIRECTIONS[event]} the same socket")
            key.data[event] = task
            self.selector.modify(fileobj, key.events | event, key.data)
        self.waits += 1

    def select(self, timeout):
        """Blocks until a socket is ready or `timeout` seconds have passed (None: no limit, 0:
        just look), and returns the tasks that can go on, unregistering what woke them."""
        woken = []
        for key, events in self.selector.select(timeout):
            waiters = key.data
            for event in (EVENT_READ, EVENT_WRITE):
                # An error or a hang-up on the socket reports both directions ready: whichever
                # task waits is woken, and its next read or write meets the error.
                if events & event and event in waiters:
                    woken.append(waiters.pop(event))
                    self.waits -= 1
            if waiters:
                # The directions still waited for: EVENT_READ, EVENT_WRITE or both (1 | 2).
                self.selector.modify(key.fileobj, sum(waiters), waiters)
            else:
                self.selector.unregister(key.fileobj)
        return woken

    def close(self):
        """Forgets every wait: the loop ends, and the tasks still waiting are dropped with it."""
        self.selector.close()
        self.waits = 0


def readable(sock):
    """`yield from readable(sock)`: waits until `sock` can be read (or accepted from)."""
    yield IoWait(sock, EVENT_READ)


def writable(sock):
    """`yield from writable(sock)`: waits until `sock` can take more bytes."""
    yield IoWait(sock, EVENT_WRITE)


def accept(listener):
    """`conn, addr = yield from accept(listener)`: the next connection, as non-blocking socket
    and the peer's address. Errors other than "would block" (out of file descriptors, say) are
    raised to the caller."""
    while True:
        try:
            conn, addr = listener.accept()
        except BlockingIOError:
            yield from readable(listener)
            continue
        conn.setblocking(False)
        return conn, addr


def connect(sock, address):
    """`yield from connect(sock, address)`: connects the non-blocking `sock`. It starts the
    connection, then waits until `sock` is writable, which is when the system has an answer
    (accepted, refused, unreachable), raised as OSError if it is not accepted. As asyncio's
    `sock_connect` and the Rust program's `TcpStream::connect`, it waits for that first
    writable event before looking, even when the system has already connected: the order of
    wakeups does not depend on how fast the system connected."""
    error = sock.connect_ex(address)
    if error not in (0, errno.EINPROGRESS):
        raise OSError(error, os.strerror(error))
    while True:
        yield from writable(sock)
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise OSError(error, os.strerror(error))  # refused, unreachable...
        try:
            sock.getpeername()
            return
        except OSError as e:
            if e.errno != errno.ENOTCONN:
                raise
            # Not connected yet: wait for the next writable event.


def recv(sock, size):
    """`data = yield from recv(sock, size)`: at most `size` bytes, b"" at end of stream."""
    while True:
        try:
            return sock.recv(size)
        except BlockingIOError:
            yield from readable(sock)


def send_all(sock, data):
    """`yield from send_all(sock, data)`: returns once the kernel has taken every byte. A peer
    that does not read stops this task here, and the task reads nothing more meanwhile: the
    bytes held for it stay bounded by what one read returned."""
    view = memoryview(data)
    while view:
        try:
            sent = sock.send(view)
        except BlockingIOError:
            yield from writable(sock)
            continue
        view = view[sent:]
