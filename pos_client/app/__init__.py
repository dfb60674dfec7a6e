"""The wiring: the ``pos-client`` command line, its report commands and the demo."""
