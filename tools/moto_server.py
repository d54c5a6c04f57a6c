"""Run moto's server (DynamoDB, SES, SSM, ...) on loopback, one request at a time.

Used by `cargo xtask dev|test`:

    python tools/moto_server.py --host 127.0.0.1 --port 5000

moto's own server is threaded and has no per-item locking: two concurrent
conditional deletes of one DynamoDB item have been seen to both succeed there.
Serving one request at a time makes every single-item operation atomic, as it is
on DynamoDB, so the product's concurrency tests prove its own atomicity rather
than moto's races. (Single-threaded werkzeug also speaks HTTP/1.0, so an idle
keep-alive connection can never block other clients.)

Before it listens, it loads the three services' backends (one read-only request each):
moto builds a service's backend on its first request, and SSM's takes ~1.5 s on an idle
machine (its public parameters), several times that on a busy one, long enough for a
first `GetParameter` to run out of the SDK's 4 s attempt timeout. So "listening" means
every service answers at once.

One addition for the tests: `GET /_bp/ses/sent?to=<address>` lists the emails moto's SES
accepted for that address (JSON: source, to, subject, body; moto keeps only the HTML part
when both are sent). moto's own `/moto-api/data.json` has them too, but it serialises every
model of every service, which grows to megabytes and seconds over a test run.
"""

import argparse
import json
import signal
import sys
import time
from urllib.parse import parse_qs

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple
from werkzeug.test import Client

# One read-only request per service the product uses; each builds that service's backend.
WARM_UP = [
    ("dynamodb", "application/x-amz-json-1.0", "DynamoDB_20120810.ListTables", "{}"),
    (
        "ssm",
        "application/x-amz-json-1.1",
        "AmazonSSM.GetParameter",
        json.dumps({"Name": "/moto-server/warm-up"}),
    ),
    ("ses", "application/x-www-form-urlencoded", None, "Action=ListIdentities&Version=2010-12-01"),
]


def warm_up(app) -> None:
    """Builds each service's backend before the server listens (see the module doc)."""
    client = Client(app)
    for service, content_type, target, body in WARM_UP:
        started = time.monotonic()
        headers = {
            "Content-Type": content_type,
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/"
            f"{service}/aws4_request, SignedHeaders=host, Signature=0",
        }
        if target:
            headers["X-Amz-Target"] = target
        response = client.post("/", headers=headers, data=body)
        # SSM's answer is ParameterNotFound (400): the backend is built all the same.
        print(
            f"warm-up: {service} answered {response.status_code} "
            f"in {time.monotonic() - started:.2f}s",
            flush=True,
        )


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
    warm_up(app)
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
