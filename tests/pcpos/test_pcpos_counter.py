"""Card payments at the counter, against central-sim and pcpos-sim, with every fault.

Each fault ends in exactly one of: paid once (and the sale completed), or not paid (and
no sale); an unknown outcome is settled by the search by order id or by the manager's
reading of the slip; the journal holds every step; no full card number reaches the data
directory or the log.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from central_support import Central
from pcpos_support import FAST

from pcpos_sim import FAULTS, SimServer
from pos_client.app.demo import CASHIER, MANAGER, provision
from pos_client.counter import Counter
from pos_client.counter.checkout import PaymentChoice
from pos_client.domain.errors import RuleViolation
from pos_client.settings.config import settings_for

FULL_CARD = "6219863510313864"
MakeCounter = Callable[..., Counter]


@pytest.fixture
def make_counter(central: Central, tmp_path: Path, sim: SimServer) -> Iterator[MakeCounter]:
    made: list[Counter] = []

    def make(**card: Any) -> Counter:
        data = tmp_path / "data"
        settings = settings_for(
            data, central={"url": central.url, "token": central.handle.tokens["T-0001"]},
            card_terminal={"kind": "sadad", "host": sim.host, "port": sim.port, **FAST,
                           **card})
        provision(settings, central.ids["products"], tmp_path / "prices.csv")
        counter = Counter.open(settings, start_sync=False)
        counter.login(CASHIER[1])
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.close()


def _basket(counter: Counter, central: Central) -> list[Any]:
    product = central.products(eligible=False, unit="piece")[0]
    return [counter.line_for(counter.product(product["gtin"]), 2000)]


def _complete_by_card(counter: Counter, lines: list[Any], order_id: str, rrn: str) -> Any:
    return counter.complete(lines, None, coupon_rials=0, payment=PaymentChoice(
        "card", card_reference=rrn, card_order_id=order_id))


def _no_full_card_anywhere(data_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    needles = (FULL_CARD.encode("ascii"), FULL_CARD.encode("utf-16-le"),
               FULL_CARD.encode("utf-16-le").hex().encode("ascii"))
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(n in content for n in needles), path
    assert FULL_CARD not in caplog.text
    assert FULL_CARD.encode("utf-16-le").hex() not in caplog.text


def _journal_kinds(counter: Counter) -> list[str]:
    return [kind for _seq, _at, kind, _ref, _data in counter.store.journal_entries()]


@pytest.mark.parametrize("fault", [None, *FAULTS])
def test_every_fault_ends_paid_once_with_a_sale_or_not_paid_without_one(
        fault: str | None, make_counter: MakeCounter, central: Central, sim: SimServer,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    counter = make_counter(response_timeout_s=2.0)
    lines = _basket(counter, central)
    due = counter.quote(lines, None).remainder_rials
    if fault:
        sim.reader.set_fault(fault)
    key = uuid.uuid4().hex
    card = counter.cards.pay(key, due)
    charged = sim.reader.charges()
    assert card.state in ("approved", "declined", "cancelled", "not_sent")  # never left open
    if card.state == "approved":
        assert [c.order_id for c in charged] == [card.order_id]
        outcome = _complete_by_card(counter, lines, card.order_id, card.rrn)
        assert outcome.sale.paid("card") == due
        assert outcome.sale.payments[-1].reference == card.rrn
        assert counter.store.card_payment(card.order_id).txn_id == outcome.sale.txn_id
        assert _journal_kinds(counter)[-2:] == ["sale", "card_used"]
        texts = " ".join(str(b) for b in outcome.receipt.blocks)
        assert card.rrn in texts.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
        with pytest.raises(RuleViolation):
            counter.cards.pay(key, due)  # never sent twice for one sale
    else:
        assert charged == []
        with pytest.raises(RuleViolation):
            _complete_by_card(counter, lines, card.order_id, "123456")
        assert counter.store.sales_for_day(counter.store.sales_date()) == []
        assert "sale" not in _journal_kinds(counter)
    assert _journal_kinds(counter)[:2] == ["card_pending", "card_result"]
    _no_full_card_anywhere(counter.settings.data_path, caplog)


def test_an_unknown_outcome_waits_for_the_reader_then_the_search_settles_it(
        make_counter: MakeCounter, central: Central, sim: SimServer) -> None:
    counter = make_counter()
    lines = _basket(counter, central)
    due = counter.quote(lines, None).remainder_rials
    sim.reader.set_fault("drop_charged")
    sim.reader.deaf_after_drop = True  # the reader stays deaf for the search as well
    key = uuid.uuid4().hex
    card = counter.cards.pay(key, due)
    assert card.state == "unknown"
    seen = sim.reader.requests_seen
    again = counter.cards.pay(key, due)  # F10 again: the same payment is asked about
    assert (again.order_id, again.state) == (card.order_id, "unknown")
    assert sim.reader.requests_seen == seen  # never sent twice
    with pytest.raises(RuleViolation):
        _complete_by_card(counter, lines, card.order_id, "123456")
    assert [p.order_id for p in counter.cards.unresolved()] == [card.order_id]
    sim.reader.clear_faults()  # the reader answers again
    settled = counter.cards.resolve(card.order_id)
    assert settled.state == "approved" and settled.rrn
    _complete_by_card(counter, lines, card.order_id, settled.rrn)
    assert len(sim.reader.charges()) == 1
    results = [data for _s, _a, kind, ref, data in counter.store.journal_entries()
               if kind == "card_result" and ref == card.order_id]
    assert [(r["state"], r["via"]) for r in results] == [("unknown", "sale"),
                                                         ("approved", "search")]


def test_the_manager_records_the_readers_slip_when_the_search_cannot(
        make_counter: MakeCounter, central: Central, sim: SimServer) -> None:
    counter = make_counter()
    lines = _basket(counter, central)
    due = counter.quote(lines, None).remainder_rials
    sim.reader.set_fault("drop_charged")
    sim.reader.deaf_after_drop = True
    card = counter.cards.pay(uuid.uuid4().hex, due)
    assert card.state == "unknown"
    with pytest.raises(Exception) as wrong:
        counter.cards.record_slip(card.order_id, CASHIER[1], paid=True, rrn="320062600996")
    assert getattr(wrong.value, "code", "") in ("manager_required", "auth_failed",
                                                "pin_wrong") or wrong.type.__name__ == "AuthError"
    settled = counter.cards.record_slip(card.order_id, MANAGER[1], paid=True,
                                        rrn="320062600996")
    assert settled.state == "approved" and settled.settled_by == MANAGER[0]
    outcome = _complete_by_card(counter, lines, card.order_id, settled.rrn)
    notice = counter.cards.refund_notice(outcome.sale)
    assert notice is not None and "320062600996" in notice[1]


def test_a_typed_reference_is_refused_while_a_reader_is_configured(
        make_counter: MakeCounter, central: Central) -> None:
    counter = make_counter()
    lines = _basket(counter, central)
    with pytest.raises(RuleViolation) as caught:
        counter.complete(lines, None, coupon_rials=0,
                         payment=PaymentChoice("card", card_reference="123456"))
    assert caught.value.code == "card_reader_required"


def test_card_terminal_test_command_names_the_reader(make_counter: MakeCounter,
                                                    sim: SimServer, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from pos_client.app.cli import main
    config = tmp_path / "pos.toml"
    config.write_text(f'[terminal]\ndata_dir = "{tmp_path / "cli"}"\n'
                      f'[card_terminal]\nkind = "sadad"\nhost = "{sim.host}"\n'
                      f"port = {sim.port}\ntimeout_s = 1\n", encoding="utf-8")
    assert main(["--config", str(config), "card-terminal", "test"]) == 0
    assert "C0000301" in capsys.readouterr().out
    sim.stop()
    assert main(["--config", str(config), "card-terminal", "test"]) == 1




def test_an_approved_payment_whose_sale_did_not_complete_is_reused_not_resent(
        make_counter: MakeCounter, central: Central, sim: SimServer) -> None:
    counter = make_counter()
    lines = _basket(counter, central)
    due = counter.quote(lines, None).remainder_rials
    key = uuid.uuid4().hex
    card = counter.cards.pay(key, due)
    assert card.state == "approved"
    again = counter.cards.pay(key, due)  # e.g. the completion failed and F10 is pressed again
    assert again.order_id == card.order_id and sim.reader.requests_seen == 1
    with pytest.raises(RuleViolation) as caught:
        counter.cards.pay(key, due + 1000)
    assert caught.value.code == "card_payment_other_amount"
    assert sim.reader.requests_seen == 1


def test_card_terminal_pending_lists_and_searches_unresolved_payments(
        make_counter: MakeCounter, central: Central, sim: SimServer, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from pos_client.app.cli import main
    counter = make_counter()
    sim.reader.set_fault("drop_charged")
    sim.reader.deaf_after_drop = True
    card = counter.cards.pay(uuid.uuid4().hex, 5_000)
    assert card.state == "unknown"
    data_dir = counter.settings.data_path
    counter.close()
    config = tmp_path / "pos.toml"
    config.write_text(f'[terminal]\ndata_dir = "{data_dir}"\n'
                      f'[card_terminal]\nkind = "sadad"\nhost = "{sim.host}"\n'
                      f"port = {sim.port}\ntimeout_s = 1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--config", str(config), "card-terminal", "pending"]) == 1
    assert f"{card.order_id} 5000 unknown" in capsys.readouterr().out
    sim.reader.clear_faults()
    assert main(["--config", str(config), "card-terminal", "pending", "--search"]) == 0
    assert f"{card.order_id} 5000 approved" in capsys.readouterr().out


def test_the_void_slip_of_a_card_paid_sale_says_to_refund_it_on_the_reader(
        make_counter: MakeCounter, central: Central, sim: SimServer) -> None:
    from pos_client.domain.receipt_voids import build_void_slip

    counter = make_counter()
    lines = _basket(counter, central)
    due = counter.quote(lines, None).remainder_rials
    key = uuid.uuid4().hex
    card = counter.cards.pay(key, due)
    assert card.state == "approved"
    sale = _complete_by_card(counter, lines, card.order_id, card.rrn).sale
    refund = counter.void_sale(sale.txn_id, MANAGER[1], "returned")
    assert refund.card_notice is not None
    for language, words in (("fa", "کارتخوان"), ("en", "card reader")):
        texts = build_void_slip(refund, counter.store_info(), language=language).texts()
        said = [t for t in texts if words in t]
        assert said and card.rrn in said[0], texts
