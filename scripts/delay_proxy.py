#!/usr/bin/env python3
"""A TCP proxy for benchmarks: 127.0.0.1:LISTEN forwards to HOST:PORT,
holding every chunk DELAY_MS milliseconds before passing it on, each way,
so a round trip through it costs 2 x DELAY_MS more, as on a network.

Usage: delay_proxy.py LISTEN HOST PORT DELAY_MS (runs until killed).
Used by scripts/bench-team.sh (FACTDESK_TEAM_DELAY_MS) to show what a team
desk's round trips cost; loopback's own are a few microseconds.
"""
import asyncio
import sys


async def pipe(reader, writer, delay):
    try:
        while data := await reader.read(65536):
            await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main(listen, host, port, delay):
    async def handle(reader, writer):
        upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        await asyncio.gather(pipe(reader, upstream_writer, delay), pipe(upstream_reader, writer, delay))

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    listen, host, port, delay_ms = sys.argv[1:5]
    asyncio.run(main(int(listen), host, int(port), float(delay_ms) / 1000))
