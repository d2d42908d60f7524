# File: async_styles.py
# One small job written in five styles of asynchronous programming: get two numbers, each
# from a slow source that answers after 0.1 s, and print their sum. Every style prints
# 3 + 4 = 7; what differs is how the code waits. The futures run once more with a source
# that fails: that run prints the error, to show where it goes.
import asyncio
import os
import sys

DELAY = 0.1


def print_sum(style, a, b):
    print(f"{style + ':':<12}{a} + {b} = {a + b}")


# 1. Callbacks: say what to do with the answer when asking; each next step nests inside.
def slow_number_then(loop, n, callback):
    loop.call_later(DELAY, callback, n)


def with_callbacks(loop, done):
    def got_first(a):
        def got_second(b):
            print_sum("callbacks", a, b)
            done()

        slow_number_then(loop, 4, got_second)

    slow_number_then(loop, 3, got_first)


# 2. Futures (promises): asking gives at once an object that will hold the answer, or the
# exception that came instead; an exception skips every later step to the end of the chain.
class NoAnswer(Exception):
    def __str__(self):
        return f"no answer for {self.args[0]}"


def slow_number_future(loop, n, broken=False):
    future = loop.create_future()
    if broken:
        loop.call_later(DELAY, future.set_exception, NoAnswer(n))
    else:
        loop.call_later(DELAY, future.set_result, n)
    return future


def settle(future, outcome):
    """Gives future what outcome, a done future, ended with: its result, or its exception."""
    if outcome.cancelled():
        future.cancel()
    elif outcome.exception() is not None:
        future.set_exception(outcome.exception())
    else:
        future.set_result(outcome.result())


def then(future, step):
    """A promise's then(): a future of the future that step(result) gives; an exception,
    from future or from step, is passed on without running what comes after it."""
    chained = future.get_loop().create_future()

    def run_step(done):
        if done.cancelled() or done.exception() is not None:
            settle(chained, done)
            return
        try:
            following = step(done.result())
        except Exception as error:
            chained.set_exception(error)
            return
        following.add_done_callback(lambda last: settle(chained, last))

    future.add_done_callback(run_step)
    return chained


def map_result(future, function):
    """A future of function(result); an exception is passed on, function is not called."""
    return then(future, lambda result: resolved(future.get_loop(), function(result)))


def resolved(loop, value):
    """A future already holding value."""
    future = loop.create_future()
    future.set_result(value)
    return future


def with_futures(loop, second_broken=False):
    pair = then(
        slow_number_future(loop, 3),
        lambda a: map_result(slow_number_future(loop, 4, second_broken), lambda b: (a, b)),
    )
    return map_result(pair, lambda ab: print_sum("futures", *ab))


# 3. Coroutines: the code reads top to bottom; each await pauses until the answer is in.
async def slow_number(n):
    await asyncio.sleep(DELAY)
    return n


async def with_coroutines():
    a = await slow_number(3)
    b = await slow_number(4)
    print_sum("coroutines", a, b)


# 4. Event-driven: sources post events to a queue; a loop hands each to its handler, and
# what the handlers know between events is kept in a state of their own.
def print_if_complete(operands):
    if "first" in operands and "second" in operands:
        print_sum("events", operands["first"], operands["second"])
        return True
    return False


def on_first(operands, n):
    operands["first"] = n
    return print_if_complete(operands)


def on_second(operands, n):
    operands["second"] = n
    return print_if_complete(operands)


async def with_events():
    loop = asyncio.get_running_loop()
    events = asyncio.Queue()
    loop.call_later(DELAY, events.put_nowait, ("first", 3))
    loop.call_later(DELAY, events.put_nowait, ("second", 4))
    handlers = {"first": on_first, "second": on_second}
    operands = {}
    finished = False
    while not finished:
        kind, value = await events.get()
        finished = handlers[kind](operands, value)


# 5. Reactive: values flow through a pipeline of operators, each a stream of its own.
async def numbers():
    for n in (3, 4):
        yield await slow_number(n)


async def pairs(source):
    pair = []
    async for n in source:
        pair.append(n)
        if len(pair) == 2:
            yield pair
            pair = []


async def with_streams():
    async for a, b in pairs(numbers()):
        print_sum("reactive", a, b)


def run_until_done(loop, job):
    """job(loop, done=loop.stop), then loop.run_forever() until done is called. asyncio logs
    an exception in a callback and goes on, so a callback that fails before calling done
    would leave run_forever waiting for ever: stop the loop on it, and raise it."""
    failures = []

    def on_error(loop, context):
        failures.append(context.get("exception") or RuntimeError(context["message"]))
        loop.stop()

    loop.set_exception_handler(on_error)
    job(loop, done=loop.stop)
    loop.run_forever()
    loop.set_exception_handler(None)
    if failures:
        raise RuntimeError("a callback failed before the job was done") from failures[0]


def all_five_styles(loop):
    run_until_done(loop, with_callbacks)
    loop.run_until_complete(with_futures(loop))
    try:
        loop.run_until_complete(with_futures(loop, second_broken=True))
    except NoAnswer as error:
        print(f"{'futures:':<12}{error}: passed on to the end of the chain")
    loop.run_until_complete(with_coroutines())
    loop.run_until_complete(with_events())
    loop.run_until_complete(with_streams())


if __name__ == "__main__":
    # The command line, read as the Rust program reads its own: --help, errors, exit codes.
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "common", "python"))
    import twin_cli

    twin_cli.command_line(__file__)
    loop = asyncio.new_event_loop()
    try:
        all_five_styles(loop)
    except RuntimeError as error:
        sys.exit(f"async_styles.py: {error}")
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
