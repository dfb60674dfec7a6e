"""Wrong PINs are counted over a window of time, whoever signs in between; only a
manager's PIN unlocks; wrong PINs where a manager's was asked are audited."""

from __future__ import annotations

import pytest
from store_support import Clock

from pos_client.domain.errors import AuthError
from pos_client.store import Store
from pos_client.store.users import MAX_FAILED_ATTEMPTS, PIN_WINDOW


def _actions(store: Store) -> list[str]:
    return [action for _at, _who, action, _d in store.audit_log(1000)]


def test_a_right_pin_between_wrong_ones_does_not_reset_the_count(
        store: Store, manager: str) -> None:
    store.add_user("علی", "cashier", "1234")
    codes = []
    for _ in range(6):  # four guesses, one's own PIN, again: once 23 got through
        for _guess in range(4):
            with pytest.raises(AuthError) as wrong:
                store.login(f"{5000 + len(codes):04d}")
            codes.append(wrong.value.code)
        if codes[-1] == "login_locked":
            break
        assert store.login("1234").name == "علی"
    assert codes.index("login_locked") == MAX_FAILED_ATTEMPTS - 1
    with pytest.raises(AuthError) as still:
        store.login("1234")  # a cashier's right PIN does not unlock
    assert still.value.code == "login_locked"
    assert store.login("9876").name == manager  # a manager's does, audited
    assert store.login("1234").name == "علی"
    assert {"login_locked", "login_refused_while_locked", "unlock_login"} <= set(
        _actions(store))


def test_wrong_pins_older_than_the_window_stop_counting(store: Store, clock: Clock) -> None:
    store.add_user("علی", "cashier", "1234")
    for guess in ("0001", "0002", "0003", "0004"):
        with pytest.raises(AuthError):
            store.login(guess)
    clock.advance(seconds=PIN_WINDOW.total_seconds() + 1)
    with pytest.raises(AuthError) as wrong:
        store.login("0005")
    assert wrong.value.code == "pin_wrong"  # one in the window now, not five
    assert store.login("1234").name == "علی"


def test_wrong_pins_in_a_managers_pin_dialog_are_audited_and_counted(
        store: Store, manager: str) -> None:
    store.add_user("علی", "cashier", "1234")
    with pytest.raises(AuthError):
        store.manager_login("0000", "void")
    with pytest.raises(AuthError) as cashier:
        store.manager_login("1234", "void")  # the cashier's own PIN is no manager's
    assert cashier.value.code == "manager_required"
    wrong = [d for _at, who, action, d in store.audit_log() if action == "manager_pin_wrong"]
    assert [(d["purpose"], d.get("pin_of"), d["failures"]) for d in reversed(wrong)] == [
        ("void", None, 1), ("void", "علی", 2)]
    assert store.manager_login("9876", "void").name == manager
    for guess in ("0001", "0002", "0003"):
        with pytest.raises(AuthError):
            store.manager_login(guess)
    with pytest.raises(AuthError) as locked:
        store.login("1234")
    assert locked.value.code == "login_locked"
