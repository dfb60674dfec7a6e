"""Card-terminal drivers, one module per ``[card_terminal] kind``."""
