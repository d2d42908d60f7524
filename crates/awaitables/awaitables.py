"""awaitables.py: the slide's three kinds of awaitables, each awaited the same way.

- a coroutine: what calling an `async def` function gives; none of its body runs until it is
  awaited;
- a task: a coroutine wrapped by asyncio.create_task; the loop starts it at its next turn,
  awaited or not, and `await task` waits for its end;
- a future: asyncio.Future, the low-level one: a box for a result that someone else puts in
  later with set_result(). Here the someone is a pair of callbacks that the loop calls, doing
  by hand what hello() does: print, wait, print.

Tasks and coroutines are built on futures: a Task is a Future, and `await future` runs
Future.__await__, a generator that yields the future to the task driving it, which resumes it
when the result is set. The generator, a "simplified coroutine", is at the bottom of it all.

    python3 awaitables.py
"""

import asyncio

PAUSE = 0.1  # seconds: async_hello's one second, shortened


async def hello():
    print("hello")
    await asyncio.sleep(PAUSE)
    print("world")


def hello_future():
    """hello() by hand: a bare asyncio.Future, and callbacks where the coroutine has awaits.
    The future is done when the last callback sets its result."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def start():
        print("hello")
        loop.call_later(PAUSE, finish)  # await asyncio.sleep(PAUSE)

    def finish():
        print("world")
        future.set_result(None)  # return

    loop.call_soon(start)  # at the loop's next turn, when main has paused
    return future


async def main():
    print("coroutine: calling hello()")
    coroutine = hello()
    print("coroutine: called; none of its body has run yet")
    await coroutine
    print("coroutine: awaited")

    task = asyncio.create_task(hello())
    print("task: hello() wrapped in a task")
    await asyncio.sleep(0)  # main yields the CPU: the loop starts the task
    print("task: started without being awaited; main awaits it now")
    await task
    print("task: awaited")

    print("future: making hello() by hand")
    future = hello_future()
    print("future: made; none of it has run yet")
    await future
    print("future: awaited")


if __name__ == "__main__":
    asyncio.run(main())
