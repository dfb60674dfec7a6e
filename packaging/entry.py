"""The bundle's entry point: ``pos-client`` (console) and, on Windows, ``pos-client-window``."""

import sys

from pos_client.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
