"""The receipt printer's state, as one type (no Pillow, no python-escpos: the health check
and the metrics read it without loading the printer's code).

The values are the tails of the printer's error codes (``printer_paper_out``) and the
``state`` labels of the ``pos_client_printer_status`` metric: they never change.
"""

from __future__ import annotations

from enum import StrEnum


class PrinterState(StrEnum):
    READY = "ready"
    PAPER_LOW = "paper_low"  # still prints
    UNKNOWN = "unknown"  # does not answer the status query: printing is tried anyway
    NOT_CONFIGURED = "not_configured"  # [printer] kind = none
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    DISCONNECTED = "disconnected"
    ERROR = "error"

    @property
    def needs_a_person(self) -> bool:
        """Printing stops until someone fixes the printer."""
        return self not in (PrinterState.READY, PrinterState.PAPER_LOW, PrinterState.UNKNOWN,
                            PrinterState.NOT_CONFIGURED)

    @classmethod
    def of_code(cls, code: str | None) -> PrinterState:
        """``printer_paper_out`` -> ``PAPER_OUT``; any other code is ``ERROR``."""
        code = code or ""
        try:
            return cls(code.removeprefix("printer_")) if code.startswith("printer_") \
                else cls.ERROR
        except ValueError:
            return cls.ERROR
