"""The counter's use-cases: what the cashier and the manager do, one facade
(``Counter``) over the store, the sync engine and the devices."""

from .facade import Counter, CounterEvent, CounterStatus, StoreError

__all__ = ["Counter", "CounterEvent", "CounterStatus", "StoreError"]
