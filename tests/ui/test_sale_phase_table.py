"""The sale screen's phase table and the decisions read from it (``ui.phase``, Qt-free),
and the window's pages (``ui.pages``)."""

from __future__ import annotations

import itertools

import pytest

from pos_client.ui.pages import Page, takes_key, takes_scans
from pos_client.ui.phase import (
    TRANSITIONS,
    AnswerGoes,
    IllegalMove,
    Phase,
    advance,
    after_payment_choice,
    refusal,
    waiting_go_to,
    where_answer_goes,
)


@pytest.mark.parametrize(("old", "new"), list(itertools.product(Phase, Phase)))
def test_only_the_tables_moves_are_allowed(old: Phase, new: Phase) -> None:
    if (old, new) in TRANSITIONS:
        assert advance(old, new) is new
    else:
        with pytest.raises(IllegalMove):
            advance(old, new)


def test_a_recorded_sale_is_left_only_by_a_new_sale_and_never_skips_recording() -> None:
    assert {new for old, new in TRANSITIONS if old is Phase.DONE} == {Phase.EDITING}
    assert {old for old, new in TRANSITIONS if new is Phase.DONE} == {Phase.COMPLETING}


def test_a_product_found_while_recording_waits_and_then_goes_where_the_sale_went() -> None:
    assert where_answer_goes(Phase.EDITING) is AnswerGoes.THIS_SALE
    assert where_answer_goes(Phase.PAYING) is AnswerGoes.THIS_SALE
    assert where_answer_goes(Phase.COMPLETING) is AnswerGoes.WAIT
    assert where_answer_goes(Phase.DONE) is AnswerGoes.NEXT_SALE
    assert waiting_go_to(Phase.DONE) is AnswerGoes.NEXT_SALE  # recorded: the next sale
    assert waiting_go_to(Phase.PAYING) is AnswerGoes.THIS_SALE  # not recorded: this one


def test_the_basket_is_frozen_while_recording_and_once_recorded() -> None:
    assert [refusal(p) for p in Phase] == [None, None, "still_working", "sale_locked"]
    assert after_payment_choice(Phase.EDITING, True) is Phase.PAYING
    assert after_payment_choice(Phase.PAYING, False) is Phase.EDITING
    assert after_payment_choice(Phase.COMPLETING, False) is Phase.COMPLETING
    assert after_payment_choice(Phase.DONE, False) is Phase.DONE


def test_scans_and_keys_belong_to_the_sale_page() -> None:
    assert [int(p) for p in Page] == [0, 1, 2]  # the stack's order
    assert takes_scans(Page.SALE, dialog_open=False)
    assert not takes_scans(Page.SALE, dialog_open=True)
    assert not takes_scans(Page.LOGIN, dialog_open=False)
    assert takes_key(Page.LOGIN, "F1") and not takes_key(Page.SHIFT, "F12")
    assert takes_key(Page.SALE, "F12")
