#!/usr/bin/env python3
"""Sends every payload of the WAF corpus to each target as a query argument and as a form body,
and prints a detection table: true positives (attacks answered 403) and false positives (benign
values answered 403) per target. Usage: detect.py CORPUS_DIR NAME=HOST:PORT ..."""
import http.client
import sys
import urllib.parse
from pathlib import Path

ATTACKS = ["sqli.txt", "xss.txt", "other-attacks.txt", "heldout-attacks.txt"]
BENIGN = ["benign.txt", "heldout-benign.txt"]
HEADERS = {"Host": "shop.example.com", "Accept": "text/html,*/*;q=0.8", "Accept-Language": "en-GB,en;q=0.7",
           "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}


def lines(path):
    return [l for l in path.read_text(encoding="utf-8").split("\n") if l.strip() and not l.startswith("#")]


def status(target, placement, value):
    host, port = target.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        q = urllib.parse.quote_plus(value)
        if placement == "query":
            conn.request("GET", "/search?q=" + q, headers=HEADERS)
        else:
            conn.request("POST", "/form", body="q=" + q,
                         headers={**HEADERS, "Content-Type": "application/x-www-form-urlencoded"})
        return conn.getresponse().status
    except (OSError, http.client.HTTPException):
        return -1
    finally:
        conn.close()


def main():
    corpus = Path(sys.argv[1])
    targets = dict(a.split("=", 1) for a in sys.argv[2:])
    names = list(targets)
    counts = {}  # (target, file, placement) -> (blocked, total, other statuses)
    missed = {n: [] for n in names}
    false_pos = {n: [] for n in names}
    for f in ATTACKS + BENIGN:
        for placement in ("query", "body"):
            for name, addr in targets.items():
                blocked = odd = 0
                values = lines(corpus / f)
                for v in values:
                    s = status(addr, placement, v)
                    blocked += s == 403
                    if f in ATTACKS and s != 403:
                        missed[name].append("%s (%s)" % (v, placement))
                    if f in BENIGN and s == 403:
                        false_pos[name].append("%s (%s)" % (v, placement))
                    odd += s not in (200, 403)
                counts[(name, f, placement)] = (blocked, len(values), odd)
    print("%-22s %-6s" % ("corpus file", "in") + "".join("%16s" % n for n in names))
    for f in ATTACKS + BENIGN:
        for placement in ("query", "body"):
            cells = []
            for n in names:
                b, t, odd = counts[(n, f, placement)]
                cells.append("%16s" % ("%d/%d%s" % (b, t, " (%d?)" % odd if odd else "")))
            print("%-22s %-6s" % (f, placement) + "".join(cells))
    print()
    for n in names:
        tp = sum(counts[(n, f, p)][0] for f in ATTACKS for p in ("query", "body"))
        ta = sum(counts[(n, f, p)][1] for f in ATTACKS for p in ("query", "body"))
        fp = sum(counts[(n, f, p)][0] for f in BENIGN for p in ("query", "body"))
        tb = sum(counts[(n, f, p)][1] for f in BENIGN for p in ("query", "body"))
        print("%-16s true positives %4d/%-4d (%5.1f%%)   false positives %3d/%-3d (%4.1f%%)"
              % (n, tp, ta, 100.0 * tp / ta, fp, tb, 100.0 * fp / tb))
    for n in names:
        print()
        print("%s missed:          %s" % (n, " | ".join(missed[n]) or "-"))
        print("%s false positives: %s" % (n, " | ".join(false_pos[n]) or "-"))


if __name__ == "__main__":
    main()
