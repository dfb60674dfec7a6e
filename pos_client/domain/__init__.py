"""The programme's rules and the terminal's pure values: money, identities,
barcodes, the round's rules, the basket and its split, dates and the clock,
receipts. Nothing here touches a file, the network, a device or Qt."""

from . import messages as messages  # the layer's messages, registered before any raise
