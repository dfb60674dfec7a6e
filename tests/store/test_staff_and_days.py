"""Users and PINs, business days with their Z, shifts, and voids within the day."""

from __future__ import annotations

import datetime as dt

import pytest
from store_support import Clock, build_sale, household_item

from pos_client.domain.errors import AuthError, InvalidInput, RuleViolation
from pos_client.store import Store, TillState


def test_a_pin_is_stored_only_as_a_salted_scrypt_hash(store: Store) -> None:
    store.add_user("علی", "cashier", "1234")
    store.add_user("سارا", "cashier", "5678")
    hashes = [r[0] for r in store._c.conn.execute("SELECT pin_hash FROM users")]
    assert all(h.startswith("scrypt$") and "1234" not in h.split("$")[-1] for h in hashes)
    assert len({h.split("$")[4] for h in hashes}) == 2  # one salt each


def test_the_right_pin_returns_the_user_and_login_finds_them_by_pin(store: Store) -> None:
    store.add_user("علی", "cashier", "۱۲۳۴")  # Persian digits typed on the keypad
    assert store.verify_pin("علی", "1234").role == "cashier"
    assert store.login("1234").name == "علی"
    with pytest.raises(AuthError):
        store.login("0000")


def test_five_wrong_pins_lock_the_user_until_a_manager_unlocks(
        store: Store, manager: str) -> None:
    store.add_user("علی", "cashier", "1234")
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthError, match=f"{left} more tries"):
            store.verify_pin("علی", "0000")
    with pytest.raises(AuthError) as locked:
        store.verify_pin("علی", "0000")
    assert locked.value.code == "user_locked"
    with pytest.raises(AuthError, match="locked"):
        store.verify_pin("علی", "1234")  # even the right PIN, until unlocked
    with pytest.raises(AuthError, match="manager"):
        store.unlock_user("علی", "علی")
    assert store.unlock_user("علی", manager).locked is False
    assert store.verify_pin("علی", "1234").failed_attempts == 0
    assert [a[2] for a in store.audit_log()][:1] == ["unlock_user"]


def test_a_short_or_shared_pin_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput, match="4 to 12 digits"):
        store.add_user("علی", "cashier", "12")
    store.add_user("علی", "cashier", "1234")
    with pytest.raises(InvalidInput, match="Another user has this PIN"):
        store.add_user("سارا", "manager", "1234")
    assert [u.name for u in store.users()] == ["علی"]


def test_closing_the_day_gives_the_next_z_and_nothing_sells_until_the_day_has_passed(
        store: Store, clock: Clock, manager: str) -> None:
    day = store.open_day()
    assert day is not None
    assert day.business_date == dt.date(2026, 1, 10) and day.status == "open"
    store.record_sale(build_sale(clock))
    closed = store.close_day(day.business_date, manager)
    assert (closed.status, closed.z_no, closed.closed_by) == ("closed", 1, manager)
    # still the 10th in Tehran: the business date is never ahead of it
    assert store.sales_date() == dt.date(2026, 1, 10)
    assert store.till_state("رضایی") is TillState.DAY_CLOSED
    assert store.open_day() is None
    for attempt in (lambda: store.record_sale(build_sale(clock)),
                    lambda: store.record_sale(build_sale(clock, coupon=False)),
                    lambda: store.open_shift("رضایی", 0)):
        with pytest.raises(RuleViolation) as late:
            attempt()
        assert late.value.code == "day_closed" and "00:00 Tehran" in late.value.en
    with pytest.raises(RuleViolation):
        store.close_day(day.business_date, manager)
    with pytest.raises(RuleViolation) as ahead:  # tomorrow cannot be closed (nor opened)
        store.close_day(day.business_date + dt.timedelta(days=1), manager)
    assert ahead.value.code == "day_ahead"
    clock.advance(days=1)
    assert store.till_state("رضایی") is TillState.NEEDS_SHIFT
    assert store.open_shift("رضایی", 0).business_date == dt.date(2026, 1, 11)
    assert store.till_state("رضایی") is TillState.SELLING
    opened = store.open_day()
    assert opened is not None
    assert store.close_day(opened.business_date, manager).z_no == 2
    assert store.verify_journal() is None


def test_the_z_defaults_to_the_oldest_open_day_with_trade(
        store: Store, clock: Clock, manager: str) -> None:
    clock.moment = dt.datetime(2026, 1, 10, 17, 0, tzinfo=dt.UTC)  # 20:30 in Tehran
    store.record_sale(build_sale(clock))
    clock.advance(hours=4)  # 00:30 on the 11th in Tehran: a login opens the new day
    assert store.open_day().business_date == dt.date(2026, 1, 11)  # type: ignore[union-attr]
    assert store.z_default_day() == dt.date(2026, 1, 10)
    store.close_day(store.z_default_day(), manager)
    assert store.z_default_day() == dt.date(2026, 1, 11)  # no trade left open: today


def test_a_shift_opens_once_per_cashier_with_its_opening_cash(store: Store) -> None:
    shift = store.open_shift("علی", 2_000_000)
    assert store.open_shift("علی", 5) == shift == store.current_shift("علی")
    closed = store.close_shift(shift.id, 2_500_000)
    assert closed.counted_cash_rials == 2_500_000 and store.current_shift("علی") is None
    assert store.shifts_for_day(shift.business_date) == [closed]


def test_a_void_gives_the_coupon_back_and_is_queued_for_the_service(
        store: Store, clock: Clock, manager: str) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    store.mark_sale_result(sale.txn_id, "approved", "7F3K9Q",
                           household=household_item(balance=35_550_000, version=2))
    void = store.void_sale(sale.txn_id, manager, "اشتباه صندوقدار")
    assert void.status == "pending" and void.coupon_rials == 4_450_000
    assert store.household_by_key("H-000123").balance_rials == 40_000_000  # type: ignore[union-attr]
    (upload,) = store.due_uploads()
    assert upload.kind == "void" and upload.payload == {
        "void_id": void.void_id, "txn_id": sale.txn_id, "created_at": "2026-01-10T08:15:00Z",
        "reason": "اشتباه صندوقدار"}
    # a page from the service before the void is sent still shows the coupon back
    store.apply_household_page([household_item(balance=35_550_000, version=3)], 3)
    assert store.household_by_key("H-000123").balance_rials == 40_000_000  # type: ignore[union-attr]
    store.mark_void_result(void.void_id, "voided",
                           household=household_item(balance=40_000_000, version=4))
    assert store.voids_for_day(sale.business_date)[0].status == "voided"
    assert store.verify_journal() is None


def test_a_sale_is_never_voided_twice(store: Store, clock: Clock, manager: str) -> None:
    sale = store.record_sale(build_sale(clock))
    store.void_sale(sale.txn_id, manager, "wrong item")
    with pytest.raises(RuleViolation, match="already voided"):
        store.void_sale(sale.txn_id, manager, "again")


def test_another_days_sale_or_a_closed_days_sale_is_not_voided(
        store: Store, clock: Clock, manager: str) -> None:
    yesterday = store.record_sale(build_sale(clock))
    clock.advance(days=1)
    with pytest.raises(RuleViolation, match="current business day"):
        store.void_sale(yesterday.txn_id, manager, "late")
    today = store.record_sale(build_sale(clock))
    store.close_day(today.business_date, manager)
    with pytest.raises(RuleViolation) as closed:
        store.void_sale(today.txn_id, manager, "after Z")
    assert closed.value.code == "day_closed"


def test_only_a_manager_voids(store: Store, clock: Clock) -> None:
    store.add_user("علی", "cashier", "1234")
    sale = store.record_sale(build_sale(clock))
    with pytest.raises(AuthError):
        store.void_sale(sale.txn_id, "علی", "mine")


def test_voiding_a_sale_without_coupon_stays_local(
        store: Store, clock: Clock, manager: str) -> None:
    sale = store.record_sale(build_sale(clock, coupon=False))
    assert store.void_sale(sale.txn_id, manager, "x").status == "local"
    assert store.due_uploads() == []


def test_a_rejected_void_lets_the_sale_stand_and_takes_the_coupon_again(
        store: Store, clock: Clock, manager: str) -> None:
    store.apply_household_page([household_item(balance=40_000_000)], 1)
    sale = store.record_sale(build_sale(clock))
    store.mark_sale_result(sale.txn_id, "approved", "A")
    void = store.void_sale(sale.txn_id, manager, "x")
    store.mark_void_result(void.void_id, "rejected", error={"code": "day_closed"})
    assert store.household_by_key("H-000123").balance_rials == 35_550_000  # type: ignore[union-attr]
    assert store.offline_exposure("H-000123").household_unsent_rials == 0
