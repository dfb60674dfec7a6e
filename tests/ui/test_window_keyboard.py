"""The sale screen from the keyboard alone: every key goes to whatever has focus.

Dialogs open with the keyboard in their field (not on OK), so typing lands and Enter
accepts what was typed; ↑/↓ select a basket line in Persian as in English, the selection
is visibly highlighted, and F4/F8 act on it; a wrong code after a valid one forgets the
previous household.
"""

from __future__ import annotations

from pathlib import Path

from central_support import Central
from keyboard import CTRL, KEY, Keyboard, Screen
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from window_driver import Driver, MakeTerminal

from pos_client.domain.money import format_amount, to_persian_digits


def sign_in(kb: Keyboard, screen: Screen, pin: str = "1111", cash: str = "0") -> None:
    screen.wait_focus("pinInput")
    kb.type_enter(pin)
    screen.qtbot.waitUntil(lambda: screen.focus_name() in ("openingCashInput", "scanInput"),
                           timeout=15_000)
    if screen.focus_name() == "openingCashInput":
        kb.type_enter(cash)
    screen.wait_focus("scanInput")


def scan(kb: Keyboard, screen: Screen, gtin: str) -> None:
    screen.scanned(lambda: kb.type_enter(gtin))


def start(terminal: Driver) -> tuple[Keyboard, Screen]:
    kb, screen = Keyboard(terminal.qtbot), Screen(terminal.qtbot, terminal.window)
    sign_in(kb, screen)
    return kb, screen


def test_f9_takes_the_typed_cash_and_gives_the_change(terminal: Driver,
                                                      central: Central) -> None:
    kb, screen = start(terminal)
    scan(kb, screen, central.products(eligible=False)[0]["gtin"])
    due = terminal.window.sale.split.remainder_rials
    kb.press(KEY.Key_F9)
    screen.wait_dialog("tenderDialog")
    assert screen.focus_name() == "tenderedInput"
    kb.type_enter(str(due + 550_000))
    screen.wait_message("ثبت شد")
    sale = terminal.window.sale.outcome.sale
    cash = next(p for p in sale.payments if p.kind == "cash")
    assert (cash.tendered_rials, cash.change_rials) == (due + 550_000, 550_000)
    assert format_amount(550_000) in screen.message()


def test_a_kg_item_takes_the_typed_weight(terminal: Driver, central: Central) -> None:
    kb, screen = start(terminal)
    scan(kb, screen, central.products(unit="kg")[0]["gtin"])
    screen.wait_dialog("qtyDialog")
    assert screen.focus_name() == "qtyInput"
    kb.type_enter("1.250")
    screen.wait_closed("qtyDialog")
    assert terminal.window.sale.basket.lines[0].qty_milli == 1250
    assert screen.cart_rows()[0][3] == "۱٫۲۵۰"


def test_f4_f3_f5_and_f10_open_with_the_keyboard_in_their_field(terminal: Driver,
                                                                 central: Central) -> None:
    kb, screen = start(terminal)
    kb.press(KEY.Key_F2)
    kb.type_enter(central.buyer()["national_code"])
    screen.wait_message("شناسایی شد")
    piece = central.products(eligible=True, unit="piece")[0]
    scan(kb, screen, piece["gtin"])

    kb.press(KEY.Key_F4)
    screen.wait_dialog("qtyDialog")
    assert screen.focus_name() == "qtyInput"
    kb.type_enter("3")
    screen.wait_closed("qtyDialog")
    assert terminal.window.sale.basket.lines[0].qty_milli == 3000

    kb.press(KEY.Key_F3)
    screen.wait_dialog("searchDialog")
    assert screen.focus_name() == "searchInput"
    other = central.products(eligible=False)[0]
    kb.type(other["name_fa"][:4])
    screen.qtbot.waitUntil(lambda: screen.widget("searchResults").count() > 0, timeout=15_000)
    kb.enter()
    screen.wait_rows(2)

    kb.press(KEY.Key_F5)
    screen.wait_dialog("couponDialog")
    assert screen.focus_name() == "couponInput"
    kb.type_enter("100000")
    screen.wait_closed("couponDialog")
    assert terminal.window.sale.split.coupon_rials == 100_000

    kb.press(KEY.Key_F10)
    screen.wait_dialog("cardDialog")
    assert screen.focus_name() == "cardReferenceInput"
    kb.type_enter("482913")
    screen.wait_message("ثبت شد")
    sale = terminal.window.sale.outcome.sale
    card = next(p for p in sale.payments if p.kind == "card")
    assert card.reference == "482913" and sale.coupon_rials == 100_000


def test_the_manager_pin_dialogs_open_with_the_keyboard_in_the_pin(terminal: Driver) -> None:
    kb, screen = start(terminal)
    kb.press(KEY.Key_O, CTRL)
    screen.wait_dialog("drawerDialog")
    assert screen.focus_name() == "managerPinInput"
    kb.type_enter("9999")
    screen.wait_closed("drawerDialog")
    kb.press(KEY.Key_M, CTRL)
    screen.wait_dialog("managerDialog")
    assert screen.focus_name() == "managerPinInput"
    kb.type_enter("9999")
    screen.qtbot.waitUntil(lambda: screen.widget("managerScreen") is not None, timeout=15_000)
    screen.widget("managerScreen").close()


def _row_colour(screen: Screen, row: int) -> QColor:
    table = screen.cart()
    image = table.viewport().grab().toImage()
    rect = table.visualRect(table.model().index(row, 2))
    return image.pixelColor(rect.center().x(), rect.top() + 3)


def check_arrows_select_and_f8_voids_the_selected_line(terminal: Driver,
                                                       central: Central) -> None:
    kb, screen = start(terminal)
    products = central.products(eligible=False, unit="piece")[:3]
    for product in products:
        scan(kb, screen, product["gtin"])
    screen.wait_rows(3)
    assert screen.selected_rows() == [2]
    kb.press(KEY.Key_Up)
    kb.press(KEY.Key_Up)
    assert screen.selected_rows() == [0]
    kb.press(KEY.Key_Down)
    assert screen.selected_rows() == [1]
    assert screen.focus_name() == "scanInput"  # the next scan still lands
    selected, other = _row_colour(screen, 1), _row_colour(screen, 0)
    assert abs(selected.lightness() - other.lightness()) > 40, (selected.name(), other.name())
    kb.press(KEY.Key_F4)
    screen.wait_dialog("qtyDialog")
    kb.type_enter("2")
    screen.wait_closed("qtyDialog")
    assert [line.qty_milli for line in terminal.window.sale.basket.lines] == [1000, 2000, 1000]
    kb.press(KEY.Key_F8)
    screen.wait_rows(2)
    names = [line.gtin for line in terminal.window.sale.basket.lines]
    assert names == [products[0]["gtin"], products[2]["gtin"]]


def test_in_persian_the_arrows_select_a_line_and_f8_voids_it(terminal: Driver,
                                                             central: Central) -> None:
    check_arrows_select_and_f8_voids_the_selected_line(terminal, central)


def test_in_english_the_arrows_select_a_line_and_f8_voids_it(make_terminal: MakeTerminal,
                                                             central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language="en")
    check_arrows_select_and_f8_voids_the_selected_line(terminal, central)


def test_a_wrong_code_after_a_valid_one_forgets_the_household(terminal: Driver,
                                                              central: Central) -> None:
    buyer = central.buyer()
    before = central.admin.household(buyer["key"])
    kb, screen = start(terminal)
    kb.press(KEY.Key_F2)
    kb.type_enter(buyer["national_code"])
    screen.wait_message("شناسایی شد")
    scan(kb, screen, central.products(eligible=True, unit="piece")[0]["gtin"])
    assert terminal.window.sale.split.coupon_rials > 0
    kb.press(KEY.Key_F2)
    kb.type_enter("1234567890")
    screen.wait_message("کد ملی نامعتبر است")
    assert terminal.window.sale.household is None
    assert screen.label("couponLabel") == format_amount(0)
    assert screen.label("spendableLabel") == "—"
    assert buyer["national_code"][-4:] not in screen.label("maskedLabel")
    assert to_persian_digits(buyer["national_code"][-4:]) not in screen.label("maskedLabel")
    kb.press(KEY.Key_F12)
    screen.wait_dialog("tenderDialog")
    kb.enter()
    screen.wait_message("ثبت شد")
    sale = terminal.window.sale.outcome.sale
    assert sale.coupon_rials == 0 and sale.household_key in (None, "")
    assert central.admin.household(buyer["key"])["balance_rials"] == before["balance_rials"]


def test_cash_far_above_the_amount_due_asks_once_before_completing(
        terminal: Driver, central: Central) -> None:
    kb, screen = start(terminal)
    product = central.products(eligible=False, unit="piece")[0]
    scan(kb, screen, product["gtin"])
    kb.press(KEY.Key_F4)  # enough pieces for the wrong change to matter: over 5,000,000
    kb.type_enter(str(600_000 // product["price_rials"] + 1))
    screen.wait_closed("qtyDialog")
    due = terminal.window.sale.split.remainder_rials
    kb.press(KEY.Key_F9)
    screen.wait_dialog("tenderDialog")
    kb.type_enter(str(due * 10))  # an extra zero
    screen.qtbot.waitUntil(lambda: "Enter" in screen.label("tenderDialogError"), timeout=5_000)
    assert format_amount(due * 9) in screen.label("tenderDialogError")
    assert terminal.window.sale.outcome is None and screen.widget("tenderDialog") is not None
    kb.press(KEY.Key_Backspace)  # corrected: the amount the customer really handed over
    kb.enter()
    screen.wait_message("ثبت شد")
    cash = terminal.window.sale.outcome.sale.payments[0]
    assert cash.tendered_rials == due
    scan(kb, screen, product["gtin"])
    kb.press(KEY.Key_F4)
    kb.type_enter(str(600_000 // product["price_rials"] + 1))
    screen.wait_closed("qtyDialog")
    kb.press(KEY.Key_F9)
    screen.wait_dialog("tenderDialog")
    kb.type_enter(str(due * 10))
    screen.qtbot.waitUntil(lambda: "Enter" in screen.label("tenderDialogError"), timeout=5_000)
    kb.enter()  # asked once: the second Enter takes it
    screen.wait_message("ثبت شد")
    assert terminal.window.sale.outcome.sale.payments[0].change_rials == due * 9


def test_persian_amounts_read_in_persian_digits_grouped_as_they_are_typed(
        terminal: Driver, central: Central) -> None:
    kb, screen = Keyboard(terminal.qtbot), Screen(terminal.qtbot, terminal.window)
    screen.wait_focus("pinInput")
    kb.type_enter("1111")
    screen.wait_focus("openingCashInput")
    kb.type("2500000")
    assert screen.text("openingCashInput") == "۲٬۵۰۰٬۰۰۰"
    kb.enter()
    screen.wait_focus("scanInput")
    assert terminal.counter.store.current_shift("رضایی").opening_cash_rials == 2_500_000
    scan(kb, screen, central.products(eligible=False, unit="piece")[0]["gtin"])
    tendered = terminal.window.sale.split.remainder_rials + 500_000
    kb.press(KEY.Key_F9)
    screen.wait_dialog("tenderDialog")
    kb.type(str(tendered) + "0")
    assert screen.text("tenderedInput") == grouped_fa(tendered * 10)
    kb.press(KEY.Key_Backspace)
    assert screen.text("tenderedInput") == grouped_fa(tendered)
    kb.enter()
    screen.wait_message("ثبت شد")
    assert terminal.window.sale.outcome.sale.payments[0].tendered_rials == tendered


def grouped_fa(value: int) -> str:
    return to_persian_digits(f"{value:,}".replace(",", "٬"))


def test_english_amounts_are_grouped_with_commas(make_terminal: MakeTerminal,
                                                 central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language="en")
    kb, screen = start(terminal)
    scan(kb, screen, central.products(eligible=False, unit="piece")[0]["gtin"])
    kb.press(KEY.Key_F9)
    screen.wait_dialog("tenderDialog")
    kb.type("3000000")
    assert screen.text("tenderedInput") == "3,000,000"


def test_a_masked_identity_is_isolated_and_in_persian_digits(terminal: Driver,
                                                             central: Central) -> None:
    buyer = central.buyer()
    kb, screen = start(terminal)
    kb.press(KEY.Key_F2)
    kb.type_enter(buyer["national_code"])
    screen.wait_message("شناسایی شد")
    shown = "\u2066******" + to_persian_digits(buyer["national_code"][-4:]) + "\u2069"
    assert shown in screen.message()
    assert screen.label("maskedLabel") == shown
    assert screen.text("customerInput") == shown
    kb.press(KEY.Key_F2)
    kb.enter()  # Enter on the identity shown: the same household, not an invalid code
    screen.wait_focus("scanInput")
    assert terminal.window.sale.household is not None
    holder = next(h for h in central.ids["households"] if h["cards"]
                  and h["status"] == "active" and h["can_buy_today"])
    kb.type_enter(f";{holder['cards'][0]}=29031010000000000000?")
    screen.qtbot.waitUntil(lambda: terminal.window.sale.household is not None
                           and terminal.window.sale.household.kind == "card", timeout=15_000)
    masked = terminal.window.sale.household.masked
    assert "\u2066" + to_persian_digits(masked) + "\u2069" in screen.wait_message("شناسایی شد")
    assert holder["cards"][0][-4:] not in screen.message()


def test_the_completion_message_says_each_thing_once(terminal: Driver,
                                                     central: Central) -> None:
    kb, screen = start(terminal)
    kb.press(KEY.Key_F2)
    kb.type_enter(central.buyer()["national_code"])
    screen.wait_message("شناسایی شد")
    scan(kb, screen, central.products(eligible=True, unit="piece")[0]["gtin"])
    kb.press(KEY.Key_F12)
    screen.wait_dialog("tenderDialog")
    kb.enter()
    message = screen.wait_message("ثبت شد")
    receipt = terminal.window.sale.outcome.sale.receipt_no
    assert message.count("ثبت") == 1 and message.count("فروش") == 1, message
    assert "کالابرگ تأیید شد" in message and to_persian_digits(receipt) in message


def test_a_store_only_product_reads_in_english_in_an_english_window(
        make_terminal: MakeTerminal, central: Central) -> None:
    terminal = make_terminal(central.url, central.token, central.ids["products"],
                             language="en")
    kb, screen = start(terminal)
    own = next(p for p in central.products(eligible=False, unit="piece")
               if p["group"] is None and p["name_en"] and p["gtin"] not in
               {c["gtin"] for c in central.products(eligible=True)})
    scan(kb, screen, own["gtin"])
    assert screen.cart_rows()[0][2] == own["name_en"]
    assert own["name_en"] in screen.message()


def test_f1_and_the_readme_list_every_key_the_window_answers_to(terminal: Driver) -> None:
    kb, screen = start(terminal)
    kb.press(KEY.Key_F1)
    help_dialog = screen.wait_dialog("helpDialog")
    shown = {label.text() for label in help_dialog.findChildren(QLabel)}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for key in terminal.window.shortcuts:
        listed = "↑ ↓" if key in ("Up", "Down") else key.replace("Escape", "Esc")
        assert listed in shown, key
        assert f"| {listed.replace('↑ ↓', '↑/↓')} |" in readme, key
    kb.press(KEY.Key_Escape)
    screen.wait_closed("helpDialog")
