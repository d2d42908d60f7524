# File: async_with_for.py
# The two things only a coroutine may do besides `await`: `async for` over an asynchronous
# iterator, and `async with` an asynchronous context manager. Both are shown twice: on an
# async generator, then on a TCP connection to a line echo server this program starts itself.
#
#   python3 async_with_for.py            # async for, async with, writelines and drain
#   python3 async_with_for.py --cancel   # the same `async with` block cancelled by a time limit
import asyncio, os, sys

LINES = [b"one\n", b"two\n"]
GOODBYE = b"bye\n"  # what a client says before it closes; the server then closes too
LIMIT = 0.1  # seconds: the time limit on a block that would wait for ever
CANCEL_HELP = "cancel an `async with` block instead, and show what its peer receives"


async def countdown(n):
    # An async generator: `yield` makes it a generator, `async def` lets it `await` between
    # values. Only `async for` (or `await anext(...)`) can take its values.
    while n > 0:
        await asyncio.sleep(0.1)  # a plain generator could not wait here
        print("countdown yields", n)
        yield n
        n -= 1
    print("countdown is done")


async def echo_lines(reader, writer):
    # The server's side of one connection: each line back as it came, until the goodbye.
    while line := await reader.readline():  # b"" at the end of the stream
        if line == GOODBYE:
            break
        writer.write(line)
        await writer.drain()
    writer.close()  # not awaited: the program may end before the close is done


class Connection:
    # An asynchronous context manager: entering and leaving it are coroutines, because opening
    # and closing a connection wait for the network.
    def __init__(self, host, port):
        self.host, self.port = host, port

    async def __aenter__(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        print("connection opened")
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        # Runs however the block ends: also on an exception, which then goes on, and on a
        # cancellation, which is an exception (CancelledError) raised where the block waits.
        self.writer.write(GOODBYE)
        await self.writer.drain()
        self.writer.close()
        await self.writer.wait_closed()
        print("connection closed")


async def main():
    numbers = countdown(3)
    print("countdown(3) made; none of its code has run yet")
    async for n in numbers:
        print("async for got", n)

    server = await asyncio.start_server(echo_lines, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]  # the free port the system chose
    async with server:  # at its end: server.close() and await server.wait_closed()
        async with Connection("127.0.0.1", port) as conn:
            # write() and writelines() send at once what the socket takes, and keep the rest
            # in the transport's buffer; drain() waits only while that buffer is too full
            # (past 64 KiB, until it is down to 16 KiB).
            conn.writer.writelines(LINES)
            await conn.writer.drain()
            print(f"sent {len(LINES)} lines, and drained")
            async for line in conn.reader:  # readline() until the last line is back
                print("echoed:", line.decode().rstrip("\n"))
                if line == LINES[-1]:
                    break
    print("server closed")


# --cancel: a peer that takes one connection and keeps all it receives, and a block that
# sends a line, then waits for an answer that never comes, until a time limit cancels it.


async def start_peer():
    received = asyncio.get_running_loop().create_future()

    async def keep_all(reader, writer):
        received.set_result(await reader.read())  # everything, until the end of the stream
        writer.close()

    peer = await asyncio.start_server(keep_all, "127.0.0.1", 0)
    return peer, peer.sockets[0].getsockname()[1], received


async def sends_then_waits(conn):
    conn.writer.write(b"sent\n")
    await conn.writer.drain()
    await conn.reader.readline()  # the peer never answers


async def cancelled(label, block):
    print(label)
    peer, port, received = await start_peer()
    async with peer:
        try:
            await block(port)
        except TimeoutError:
            print("  timed out")
        lines = (await received).decode().splitlines()
        print("  the peer received:", ", ".join(lines) or "nothing")


async def limit_around_the_block(port):
    # wait_for cancels the block where it waits: CancelledError is raised there, and
    # __aexit__ runs, awaits and all.
    async def block():
        async with Connection("127.0.0.1", port) as conn:
            await sends_then_waits(conn)

    await asyncio.wait_for(block(), LIMIT)


async def limit_on_the_body(port):
    async with Connection("127.0.0.1", port) as conn:
        await asyncio.wait_for(sends_then_waits(conn), LIMIT)


async def cancel():
    await cancelled(f"a {LIMIT} s time limit around the whole async with:", limit_around_the_block)
    await cancelled(f"a {LIMIT} s time limit on the body only:", limit_on_the_body)


if __name__ == "__main__":
    # The command line, read as the Rust program reads its own: --help, errors, exit codes.
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
    import twin_cli

    flags = twin_cli.command_line(__file__, {"--cancel": CANCEL_HELP})
    asyncio.run(cancel() if "--cancel" in flags else main())
