"""Run moto's server (DynamoDB, SES, SSM, ...) on loopback, one request at a time.

Used by `cargo xtask dev|test`:

    python tools/moto_server.py --host 127.0.0.1 --port 5000

moto's own server is threaded and has no per-item locking: two concurrent
conditional deletes of one DynamoDB item have been seen to both succeed there.
Serving one request at a time makes every single-item operation atomic, as it is
on DynamoDB, so the product's concurrency tests prove its own atomicity rather
than moto's races. (Single-threaded werkzeug also speaks HTTP/1.0, so an idle
keep-alive connection can never block other clients.)
"""

import argparse
import signal
import sys

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    # Exit cleanly (status 0) when the xtask stops us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

    app = DomainDispatcherApplication(create_backend_app)
    run_simple(
        args.host,
        args.port,
        app,
        threaded=False,
        processes=1,
        use_reloader=False,
        use_debugger=False,
        request_handler=MotoRequestHandler,
    )


if __name__ == "__main__":
    main()
