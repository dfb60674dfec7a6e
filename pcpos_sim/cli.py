"""``pcpos-sim``: a simulated Sadad card reader on a loopback port (and a pty)."""

from __future__ import annotations

import argparse
import logging
import sys
import threading

from .reader import FAULTS, SimReader
from .server import PtyServer, SimServer


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pcpos-sim", description=__doc__)
    parser.add_argument("--port", type=int, default=8888, help="TCP port (0: any free port)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--control-port", type=int, default=None,
                        help="line-based control port for faults at run time (0: any)")
    parser.add_argument("--pty", action="store_true", help="also serve on a pty (POSIX)")
    parser.add_argument("--decline", action="store_true", help="decline every sale")
    parser.add_argument("--pin-delay", type=float, default=2.0, metavar="S",
                        help="seconds the customer takes at the reader (default 2)")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME[:TIMES]",
                        help=f"inject a fault: {', '.join(FAULTS)}")
    parser.add_argument("--terminal-id", default="C0000301")
    parser.add_argument("--merchant-id", default="000000000000152")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    reader = SimReader(terminal_id=args.terminal_id, merchant_id=args.merchant_id,
                       mode="decline" if args.decline else "approve",
                       pin_delay_s=args.pin_delay)
    try:
        for spec in args.fault:
            name, _, times = spec.partition(":")
            reader.set_fault(name, int(times or 1))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    server = SimServer(reader, args.host, args.port, control_port=args.control_port).start()
    print(f"listening on {server.host}:{server.port}", flush=True)
    if server.control_port is not None:
        print(f"control on {server.host}:{server.control_port}", flush=True)
    pty_server = None
    if args.pty:
        pty_reader = SimReader(terminal_id=args.terminal_id, merchant_id=args.merchant_id,
                               mode=reader.mode, pin_delay_s=args.pin_delay)
        pty_server = PtyServer(pty_reader).start()
        print(f"pty {pty_server.path}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if pty_server is not None:
            pty_server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
