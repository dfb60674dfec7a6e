"""``central-sim``: serve the reference central service on a port, seeding a new database."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from central_sim.server import DEFAULT_HOUSEHOLDS, build_server, identities_path_for, open_service


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="central-sim", description=__doc__)
    parser.add_argument("--port", type=int, required=True, help="TCP port (0: any free port)")
    parser.add_argument("--db", type=Path, required=True, help="SQLite file, seeded when new")
    parser.add_argument("--seed", type=int, default=DEFAULT_HOUSEHOLDS, metavar="N",
                        help=f"households to create in a new database (default {DEFAULT_HOUSEHOLDS})")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--identities", type=Path, help="clear identities JSON "
                        "(default: <db>.identities.json)")
    parser.add_argument("--admin-token", help="the admin token (default: drawn by the seed)")
    parser.add_argument("--today", help="pin the business date (YYYY-MM-DD), for demos and tests")
    parser.add_argument("--cert", help="TLS certificate (PEM); needs --key")
    parser.add_argument("--key", help="TLS private key (PEM)")
    parser.add_argument("--seed-only", action="store_true", help="seed and exit")
    parser.add_argument("--no-snapshot", action="store_true", help="serve the paged household "
                        "feed only, without the household snapshot (docs/central-sim.md)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if args.seed < 0:
        parser.error("--seed must be 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    ids_path = args.identities or identities_path_for(args.db)
    service, summary = open_service(args.db, seed=args.seed, today=args.today,
                                    identities_path=ids_path, admin_token=args.admin_token)
    if summary is not None:
        print(f"seeded {summary['households_count']} households in {summary['seconds']} s",
              flush=True)
        for terminal in summary["terminals"]:
            print(f"terminal {terminal['terminal_id']} token {terminal['token']}", flush=True)
        print(f"admin token {summary['admin_token']}", flush=True)
    print(f"identities {ids_path}", flush=True)
    if args.seed_only:
        service.close()
        return 0
    service.household_snapshot = not args.no_snapshot
    ssl_context = (args.cert, args.key) if args.cert else None
    server = build_server(service, args.host, args.port, ssl_context, quiet=not args.verbose)
    scheme = "https" if ssl_context else "http"
    print(f"listening on {scheme}://{args.host}:{server.server_port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
