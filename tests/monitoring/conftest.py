"""The helpers of tests/sync (selling) and tests/devices (a fake network printer) import
as plain modules here, as they do next to their own tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))
sys.path.insert(0, str(Path(__file__).parent.parent / "devices"))
