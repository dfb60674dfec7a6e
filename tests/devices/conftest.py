from __future__ import annotations

import sys
from pathlib import Path

# the helpers next to these tests (samples, fake_printer) import as plain modules
sys.path.insert(0, str(Path(__file__).parent))
