"""Run moto's server (DynamoDB, SES, SSM, ...) on loopback, one request at a time.

Used by `cargo xtask dev|test`:

    python tools/moto_server.py --host 127.0.0.1 --port 5000

moto's own server is threaded and has no per-item locking: two concurrent
conditional deletes of one DynamoDB item have been seen to both succeed there.
Serving one request at a time makes every single-item operation atomic, as it is
on DynamoDB, so the product's concurrency tests prove its own atomicity rather
than moto's races. (Single-threaded werkzeug also speaks HTTP/1.0, so an idle
keep-alive connection can never block other clients.)

One addition for the tests: `GET /_bp/ses/sent?to=<address>` lists the emails moto's SES
accepted for that address (JSON: source, to, subject, body; moto keeps only the HTML part
when both are sent). moto's own `/moto-api/data.json` has them too, but it serialises every
model of every service, which grows to megabytes and seconds over a test run.
"""

import argparse
import json
import signal
import sys
from urllib.parse import parse_qs

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple


def sent_emails(to: str) -> list:
    """Emails moto's SES accepted for `to`, oldest first, across accounts and regions."""
    from moto.ses.models import ses_backends

    found = []
    for account in ses_backends.values():
        for backend in account.values():
            for message in backend.sent_messages:
                destinations = getattr(message, "destinations", None) or {}
                addresses = [
                    a
                    for key in ("ToAddresses", "CcAddresses", "BccAddresses")
                    for a in destinations.get(key, [])
                ]
                if to in addresses:
                    found.append(
                        {
                            "source": getattr(message, "source", ""),
                            "to": destinations.get("ToAddresses", []),
                            "subject": getattr(message, "subject", ""),
                            "body": getattr(message, "body", ""),
                        }
                    )
    return found


def with_test_routes(app):
    """Answers `/_bp/ses/sent` itself; everything else goes to moto."""

    def wrapped(environ, start_response):
        if environ.get("PATH_INFO") == "/_bp/ses/sent":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            to = (query.get("to") or [""])[0]
            body = json.dumps({"data": sent_emails(to)}).encode()
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return app(environ, start_response)

    return wrapped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    # Exit cleanly (status 0) when the xtask stops us.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

    app = with_test_routes(DomainDispatcherApplication(create_backend_app))
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
