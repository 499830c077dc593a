#!/usr/bin/env python3
"""Edit-to-reload latency of `safesite serve`, on the synthetic corpora of
bench/make_corpus.py. A benchmark, run on demand (bench/run.sh calls it);
never a test.

For each corpus: start `safesite serve` on a free port, listen to its live-reload
stream as a browser does, then EDITS times: append a paragraph to one page, and time
from the write to the `reload` event (what the reader waits for), and read the
server's own rebuild time from its "Rebuilt ... in N ms" line. Prints one Markdown
table row per corpus: pages, median and worst edit-to-reload (ms), median rebuild (ms),
and how the edits were rebuilt.

    bench/serve_latency.py BINARY CORPUS_SCRIPT WORKDIR PAGES...
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

EDITS = int(os.environ.get("EDITS", "10"))
# Longer than the search index refresh of the biggest corpus, so edits do not queue.
GAP = float(os.environ.get("GAP", "3"))


def events(port):
    """Yields (event, data) from the server's live-reload stream."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__safesite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    buf = b""
    name = None
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            line = line.rstrip(b"\r").decode("utf-8", "replace")
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line == "" and name:
                yield name, time.monotonic()
                name = None


def measure(binary, corpus, pages):
    proc = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", corpus],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = []
    port = None
    for line in proc.stdout:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    stream = events(port)
    received = []
    threading.Thread(target=lambda: received.extend(stream), daemon=True).start()
    time.sleep(GAP)
    page = os.path.join(corpus, "content", "section-0", "page-0.md")
    latencies = []
    for i in range(EDITS):
        seen = len(received)
        with open(page, "a", encoding="utf-8") as f:
            f.write(f"\nEdited paragraph {i} for the latency benchmark.\n")
        start = time.monotonic()
        deadline = start + 30
        while time.monotonic() < deadline:
            fresh = [t for (n, t) in received[seen:] if n == "reload"]
            if fresh:
                latencies.append((fresh[0] - start) * 1000)
                break
            time.sleep(0.001)
        time.sleep(GAP)
    proc.terminate()
    proc.wait()
    rebuilt = [l for l in lines if l.startswith("Rebuilt ")]
    times = [int(m.group(1)) for l in rebuilt if (m := re.search(r" in (\d+) ms", l))]
    how = sorted({m.group(1) for l in rebuilt if (m := re.search(r"\(([^)]*)\) in", l))})
    return latencies, times, how


def main():
    binary, script, work, *sizes = sys.argv[1:]
    print("| pages | edit to reload, median (ms) | worst (ms) | rebuild, median (ms) | rebuilt |")
    print("| ---: | ---: | ---: | ---: | --- |")
    for n in sizes:
        corpus = os.path.join(work, f"serve{n}")
        subprocess.run([sys.executable, script, "--pages", n, "--out", corpus],
                       check=True, stdout=subprocess.DEVNULL)
        latencies, times, how = measure(binary, corpus, n)
        if not latencies:
            print(f"| {n} | no reload seen | | | |")
            continue
        print(f"| {n} | {statistics.median(latencies):.0f} | {max(latencies):.0f} | "
              f"{statistics.median(times) if times else '?'} | {', '.join(how)} |")


if __name__ == "__main__":
    main()
