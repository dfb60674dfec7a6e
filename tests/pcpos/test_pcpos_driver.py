"""The Sadad driver against pcpos-sim on a loopback port and on a pty, with every fault.

Each fault must end in exactly one of: paid once, not paid, or unknown; and an unknown
is settled by the search by order id.
"""

from __future__ import annotations

import threading

import pytest
from pcpos_support import terminal_for

from pcpos_sim import FAULTS, PtyServer, SimReader, SimServer
from pos_client.devices.card_terminal import CardOutcome, open_card_terminal
from pos_client.devices.card_terminal.kinds.sadad import SadadTerminal
from pos_client.settings.config import CardTerminalSettings

FULL_CARD = "6219863510313864"
CARD_HEX = FULL_CARD.encode("utf-16-le").hex()


def _no_full_card(result: object) -> None:
    text = repr(result) + " ".join(getattr(result, "frames", ()))
    assert FULL_CARD not in text and CARD_HEX not in text


def test_an_approved_sale_carries_the_readers_record(sim: SimServer,
                                                     terminal: SadadTerminal) -> None:
    result = terminal.sale(25_000, "order-1")
    assert result.outcome is CardOutcome.APPROVED
    assert result.masked_card == "621986******3864"
    assert result.rrn and result.trace and result.approval_code
    assert (result.terminal_id, result.merchant_id) == ("C0000301", "000000000000152")
    assert result.reader_time.count("/") == 2
    assert [c.order_id for c in sim.reader.charges()] == ["order-1"]
    assert result.frames[0].startswith("> ") and len(result.frames) >= 6
    _no_full_card(result)


def test_a_declined_sale_charges_nothing(sim: SimServer, terminal: SadadTerminal) -> None:
    sim.reader.set_mode("decline")
    result = terminal.sale(25_000, "order-2")
    assert result.outcome is CardOutcome.DECLINED and result.response_code == "51"
    assert sim.reader.charges() == []
    assert terminal.lookup("order-2").outcome is CardOutcome.DECLINED


def test_lookup_finds_an_approved_sale_and_nothing_for_an_unknown_order(
        sim: SimServer, terminal: SadadTerminal) -> None:
    paid = terminal.sale(7_000, "order-3")
    found = terminal.lookup("order-3")
    assert found.outcome is CardOutcome.APPROVED
    assert (found.rrn, found.trace, found.amount_rials) == (paid.rrn, paid.trace, 7_000)
    assert terminal.lookup("never-sent").outcome is CardOutcome.NOT_SENT


def test_the_reader_names_itself(terminal: SadadTerminal) -> None:
    identity = terminal.test()
    assert (identity.terminal_id, identity.merchant_id) == ("C0000301", "000000000000152")


def test_no_reader_is_not_sent() -> None:
    server = SimServer(SimReader())
    port = server.port
    server.stop()  # nothing listens there now
    terminal = SadadTerminal(CardTerminalSettings(kind="sadad", host="127.0.0.1", port=port,
                                                  timeout_s=1.0, response_timeout_s=3.0))
    assert terminal.sale(1_000, "order-x").outcome is CardOutcome.NOT_SENT


# fault -> (outcome of the sale, outcome of the search afterwards, charged once?)
EXPECTED = {
    "nack": (CardOutcome.APPROVED, CardOutcome.APPROVED, True),  # retried
    "silence_ack": (CardOutcome.APPROVED, CardOutcome.APPROVED, True),
    "bad_lrc_ack": (CardOutcome.APPROVED, CardOutcome.APPROVED, True),
    "bad_lrc": (CardOutcome.UNKNOWN, CardOutcome.APPROVED, True),
    "eot": (CardOutcome.CANCELLED, CardOutcome.NOT_SENT, False),
    "silence": (CardOutcome.UNKNOWN, CardOutcome.NOT_SENT, False),
    "drop_charged": (CardOutcome.UNKNOWN, CardOutcome.APPROVED, True),
    "drop_uncharged": (CardOutcome.UNKNOWN, CardOutcome.NOT_SENT, False),
}


def test_every_fault_has_an_expectation() -> None:
    assert set(EXPECTED) == set(FAULTS)


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_each_fault_ends_paid_once_not_paid_or_unknown_settled_by_search(
        fault: str, sim: SimServer) -> None:
    terminal = terminal_for(sim, response_timeout_s=2.0)
    sim.reader.set_fault(fault)
    result = terminal.sale(12_000, f"order-{fault}")
    sale_outcome, searched, charged = EXPECTED[fault]
    assert result.outcome is sale_outcome
    _no_full_card(result)
    found = terminal.lookup(f"order-{fault}")
    assert found.outcome is searched
    assert len(sim.reader.charges()) == (1 if charged else 0)


def test_three_nacks_are_not_sent_and_nothing_is_charged(sim: SimServer,
                                                         terminal: SadadTerminal) -> None:
    sim.reader.set_fault("nack", 3)
    assert terminal.sale(5_000, "order-n").outcome is CardOutcome.NOT_SENT
    assert sim.reader.requests_seen == 0 and sim.reader.charges() == []


def test_cancel_while_the_customer_is_at_the_reader_sends_eot(sim: SimServer) -> None:
    sim.reader.pin_delay_s = 60
    terminal = terminal_for(sim, response_timeout_s=60)
    results = []
    worker = threading.Thread(target=lambda: results.append(terminal.sale(9_000, "order-c")))
    worker.start()
    assert sim.reader.waiting_pin.wait(10)
    assert terminal.cancel()
    worker.join(20)
    assert results[0].outcome is CardOutcome.CANCELLED
    assert sim.reader.charges() == []
    assert terminal.cancel() is False  # nothing running any more


def test_the_customer_entering_the_pin_ends_the_wait(sim: SimServer) -> None:
    sim.reader.pin_delay_s = 60
    terminal = terminal_for(sim, response_timeout_s=60)
    results = []
    worker = threading.Thread(target=lambda: results.append(terminal.sale(9_000, "order-p")))
    worker.start()
    assert sim.reader.waiting_pin.wait(10)
    sim.reader.enter_pin()
    worker.join(20)
    assert results[0].outcome is CardOutcome.APPROVED


def test_over_a_pty_as_a_serial_line() -> None:
    server = PtyServer(SimReader()).start()
    try:
        terminal = open_card_terminal(CardTerminalSettings(
            kind="sadad", url=server.path, timeout_s=1.0, response_timeout_s=3.0))
        assert terminal is not None
        result = terminal.sale(4_000, "order-serial")
        assert result.outcome is CardOutcome.APPROVED
        assert terminal.lookup("order-serial").outcome is CardOutcome.APPROVED
        server.reader.set_fault("drop_charged")
        assert terminal.sale(4_000, "order-serial-2").outcome is CardOutcome.UNKNOWN
        assert terminal.lookup("order-serial-2").outcome is CardOutcome.APPROVED
        assert len(server.reader.charges()) == 2
    finally:
        server.stop()


def test_unknown_kinds_are_refused_with_the_key_name() -> None:
    from pos_client.domain.errors import ConfigError
    with pytest.raises(ConfigError) as caught:
        open_card_terminal(CardTerminalSettings(kind="nobank", host="127.0.0.1"))
    assert caught.value.detail == "card_terminal.kind"
    assert open_card_terminal(CardTerminalSettings()) is None
