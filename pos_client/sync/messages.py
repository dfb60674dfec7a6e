"""Messages of talking to the central service, by error code.

Keys are the codes scripts and tests see (``code:variant`` when one code has several
sentences); see ``pos_client.errors`` for how they are raised. Persian first.
"""

from __future__ import annotations

from ..errors import Catalogue

MESSAGES = Catalogue("sync", {
})
