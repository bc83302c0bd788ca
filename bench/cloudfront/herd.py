"""N simultaneous GETs of one URL (threads released together by a barrier); prints the status counts."""
import http.client
import sys
import threading
from collections import Counter

host, port, path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
vhost = sys.argv[5] if len(sys.argv) > 5 else host
barrier = threading.Barrier(n)
statuses = Counter()
lock = threading.Lock()


def one():
    try:
        c = http.client.HTTPConnection(host, port, timeout=60)
        c.connect()
        barrier.wait(timeout=30)
        c.request("GET", path, headers={"Host": vhost})
        r = c.getresponse()
        r.read()
        s = r.status
    except Exception as e:  # noqa: BLE001 - counted, not raised
        s = type(e).__name__
    with lock:
        statuses[s] += 1


threads = [threading.Thread(target=one) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(" ".join(f"{k}:{v}" for k, v in sorted(statuses.items(), key=str)))
