"""See docs/architecture.md."""

from __future__ import annotations

from . import messages as messages  # the layer's messages, registered before any raise
