#!/usr/bin/env python3
"""Fixed-rate HTTP/1.1 load (wrk2 is not available): RATE requests a second for DUR seconds,
each sent at its scheduled time on one of CONNS keep-alive connections, whatever the answers.
Prints one JSON line: offered, counts by status, accepted (2xx) per 100 ms slot from the start.
  rate.py HOST PORT PATH RATE DUR [CONNS] [Header:Value ...]"""
import asyncio, json, sys, time

host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rate, dur = float(sys.argv[4]), float(sys.argv[5])
conns = int(sys.argv[6]) if len(sys.argv) > 6 else 32
extra = "".join(h.replace(":", ": ", 1) + "\r\n" for h in sys.argv[7:])
request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()
slots = [0] * (int(dur * 10) + 1)
status = {}
late = [0]

async def one(reader, writer):
    writer.write(request)
    line = await reader.readline()
    code = int(line.split()[1])
    length = 0
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        k, _, v = h.decode("latin-1").partition(":")
        if k.strip().lower() == "content-length":
            length = int(v.strip())
    if length:
        await reader.readexactly(length)
    return code

async def worker(queue, start):
    reader, writer = await asyncio.open_connection(host, port)
    while True:
        due = await queue.get()
        if due is None:
            writer.close()
            return
        code = await one(reader, writer)
        status[code] = status.get(code, 0) + 1
        if 200 <= code < 300:
            slots[min(int(due * 10), len(slots) - 1)] += 1

async def main():
    queue = asyncio.Queue()
    start = time.monotonic()
    workers = [asyncio.create_task(worker(queue, start)) for _ in range(conns)]
    await asyncio.sleep(0.5)  # connections open before the clock starts
    start = time.monotonic()
    n = int(rate * dur)
    for i in range(n):
        due = i / rate
        delay = start + due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.01:
            late[0] += 1
        queue.put_nowait(due)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    print(json.dumps({"offered": n, "seconds": dur, "status": status, "late": late[0], "slots": slots}))

asyncio.run(main())
