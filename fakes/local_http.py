"""What every local fake of a Google service shares: an HTTP server on 127.0.0.1, in a thread, for a `with` block."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalHttpFake:
    """Serves `handler` (given this fake as `api`) while the block runs; `url` is the root to point clients at."""

    handler: type[BaseHTTPRequestHandler]
    server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer

    def __enter__(self):
        handler = type("Handler", (self.handler,), {"api": self})
        self.server = self.server_class(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"
