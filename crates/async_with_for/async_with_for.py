# File: async_with_for.py
# The two things only a coroutine may do besides `await`: `async for` over an asynchronous
# iterator, and `async with` an asynchronous context manager. Both are shown twice: on an
# async generator, then on a TCP connection to a line echo server this program starts itself.
import asyncio

LINES = [b"one\n", b"two\n", b"bye\n"]


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
    # The server's side of one connection: each line back as it came, until "bye".
    while line := await reader.readline():  # b"" at the end of the stream
        writer.write(line)
        await writer.drain()
        if line == b"bye\n":
            break
    writer.close()
    await writer.wait_closed()


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
        # Runs however the block ends, also on an exception (which then goes on).
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
            conn.writer.writelines(LINES)  # three lines handed over, none waited for
            await conn.writer.drain()  # wait once, until the socket has taken them
            print(f"writelines: {len(LINES)} lines, then one drain")
            async for line in conn.reader:  # readline() until the server closes
                print("echoed:", line.decode().rstrip("\n"))
            print("the server closed its side")
    print("server closed")


asyncio.run(main())
