"""awaitables.py: the slide's three kinds of awaitables, three different things, each awaited
the same way.

- a coroutine: what calling an `async def` function gives; none of its body runs until it is
  awaited. It shares a generator's machinery, a frame that pauses and resumes, but it is not a
  generator: inspect.isgenerator(hello()) is False. HelloByHand below is hello() written as a
  class whose __await__ is a generator, resumed by the loop at each of its yields;
- a task: a coroutine wrapped by asyncio.create_task; the loop runs it on its own, awaited or
  not, and `await task` waits for its end;
- a future: asyncio.Future, the low-level one: an empty box for a result, which runs nothing by
  itself; someone else puts the result in later with set_result(), and `await future` waits
  until then.

    python3 awaitables.py
"""

import asyncio
import os
import sys

PAUSE = 0.1  # seconds: async_hello's one second, shortened


async def hello():
    print("hello")
    await asyncio.sleep(PAUSE)
    print("world")


class HelloByHand:
    """hello() by hand: an awaitable object whose __await__ is a generator. Each value it
    yields goes up to the task driving it (here, what asyncio.sleep waits for), and the task
    resumes it when that is done."""

    def __await__(self):
        print("hello")
        yield from asyncio.sleep(PAUSE).__await__()
        print("world")


def hello_by_hand():
    return HelloByHand()  # makes the object; runs nothing


async def hello_then_set(future):
    await hello()
    future.set_result(42)


async def main():
    print("coroutine: calling hello()")
    coroutine = hello()
    print("coroutine: called; none of its body has run yet")
    await coroutine
    print("coroutine: awaited")

    print("coroutine by hand: calling hello_by_hand()")
    coroutine = hello_by_hand()
    print("coroutine by hand: called; none of it has run yet")
    await coroutine
    print("coroutine by hand: awaited")

    task = asyncio.create_task(hello())
    print("task: hello() wrapped in a task; main does not await it")
    # main goes on with its own awaits, and only looks now and then whether the task has ended
    while not task.done():
        await asyncio.sleep(PAUSE / 4)
    print("task: it ran to its end unawaited; main awaits it now")
    await task
    print("task: awaited")

    future = asyncio.get_running_loop().create_future()
    print("future: an empty one made; nothing will run it")
    filler = asyncio.create_task(hello_then_set(future))  # kept: the loop holds tasks weakly
    print("future: another task runs hello(), then puts a result in")
    result = await future
    print(f"future: awaited, and it held: {result}")
    await filler


if __name__ == "__main__":
    # The command line, read as the Rust program reads its own: --help, errors, exit codes.
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
    import twin_cli

    twin_cli.command_line(__file__)
    asyncio.run(main())
