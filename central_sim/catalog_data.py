"""The programme's goods groups and the templates the seed builds its APL from."""

from __future__ import annotations

from typing import NamedTuple


class Group(NamedTuple):
    code: str
    name_fa: str
    name_en: str


GROUPS: tuple[Group, ...] = (
    Group("rice", "برنج", "Rice"),
    Group("oil", "روغن خوراکی", "Cooking oil"),
    Group("sugar", "شکر", "Sugar"),
    Group("chicken", "مرغ", "Chicken"),
    Group("red_meat", "گوشت قرمز", "Red meat"),
    Group("eggs", "تخم‌مرغ", "Eggs"),
    Group("legumes", "حبوبات", "Legumes"),
    Group("pasta", "ماکارونی", "Pasta"),
    Group("milk", "شیر", "Milk"),
    Group("yogurt", "ماست", "Yogurt"),
    Group("cheese", "پنیر", "Cheese"),
)


class Template(NamedTuple):
    """Products of one group: every brand in every size (or cut, for goods sold by kg)."""

    group: str
    unit: str
    kind_fa: str
    kind_en: str
    brands: tuple[tuple[str, str], ...]
    sizes: tuple[tuple[str, str, int], ...]  # (fa, en, price in rials)


TEMPLATES: tuple[Template, ...] = (
    Template("rice", "piece", "برنج", "rice",
             (("طارم", "Tarom"), ("هاشمی", "Hashemi"), ("فجر", "Fajr"), ("شیرودی", "Shiroudi"),
              ("دم‌سیاه", "Domsiah"), ("خاطره", "Khatereh"), ("پاکستانی", "Pakistani basmati")),
             (("۱ کیلو", "1 kg", 1_300_000), ("۲٫۵ کیلو", "2.5 kg", 3_200_000),
              ("۵ کیلو", "5 kg", 6_300_000), ("۱۰ کیلو", "10 kg", 12_000_000))),
    Template("oil", "piece", "روغن", "oil",
             (("لادن", "Ladan"), ("بهار", "Bahar"), ("فامیلا", "Famila"), ("طبیعت", "Tabiat"),
              ("اویلا", "Oila"), ("غنچه", "Ghoncheh"), ("سمن", "Saman")),
             (("مایع ۸۱۰ گرمی", "liquid 810 g", 1_150_000), ("مایع ۱٫۵ لیتری", "liquid 1.5 l", 2_050_000),
              ("جامد ۲ کیلو", "solid 2 kg", 2_900_000), ("سرخ‌کردنی ۴ لیتری", "frying 4 l", 5_100_000))),
    Template("sugar", "piece", "شکر", "sugar",
             (("شیرین", "Shirin"), ("نقش", "Naghsh"), ("گلستان", "Golestan"), ("کامور", "Kamvar"),
              ("اصفهان", "Isfahan"), ("قند نوین", "Ghand Novin"), ("دزفول", "Dezful")),
             (("۹۰۰ گرمی", "900 g", 620_000), ("۲ کیلو", "2 kg", 1_300_000),
              ("۵ کیلو", "5 kg", 3_150_000), ("قند ۱ کیلو", "sugar cubes 1 kg", 780_000))),
    Template("chicken", "kg", "مرغ", "chicken",
             (("سیمرغ", "Simorgh"), ("زیاران", "Ziaran"), ("مهیا", "Mahya"), ("تلاونگ", "Telavang"),
              ("کوروش", "Kourosh"), ("آرین", "Arian"), ("بهارستان", "Baharestan")),
             (("کامل", "whole", 1_050_000), ("سینه", "breast", 1_650_000),
              ("ران", "thigh", 1_250_000), ("بال", "wings", 900_000))),
    Template("red_meat", "kg", "گوشت", "meat",
             (("گوساله", "veal"), ("گوسفندی", "lamb"), ("گوساله منجمد", "frozen veal"),
              ("گوسفندی منجمد", "frozen lamb"), ("بوقلمون", "turkey"), ("شترمرغ", "ostrich"),
              ("گاو", "beef")),
             (("ران", "leg", 8_500_000), ("سردست", "shoulder", 7_800_000),
              ("چرخ‌کرده", "minced", 7_200_000), ("راسته", "loin", 9_600_000))),
    Template("eggs", "piece", "تخم‌مرغ", "eggs",
             (("تلاونگ", "Telavang"), ("سیمرغ", "Simorgh"), ("طلا", "Tala"), ("ماکیان", "Makian"),
              ("بهروز", "Behrouz"), ("نیکا", "Nika"), ("پرتو", "Partow")),
             (("۶ عددی", "6 pack", 420_000), ("۱۰ عددی", "10 pack", 690_000),
              ("۱۵ عددی", "15 pack", 1_020_000), ("شانه ۳۰ عددی", "tray of 30", 1_990_000))),
    Template("legumes", "piece", "حبوبات", "legumes",
             (("عدس", "lentils"), ("لوبیا قرمز", "red beans"), ("لوبیا چیتی", "pinto beans"),
              ("نخود", "chickpeas"), ("لپه", "split peas"), ("ماش", "mung beans"),
              ("لوبیا سفید", "white beans")),
             (("۴۵۰ گرمی", "450 g", 520_000), ("۹۰۰ گرمی", "900 g", 990_000),
              ("۲ کیلو", "2 kg", 2_100_000), ("فله ۵ کیلو", "bulk 5 kg", 5_000_000))),
    Template("pasta", "piece", "ماکارونی", "pasta",
             (("زر ماکارون", "Zar"), ("تک ماکارون", "Tak"), ("مانا", "Mana"), ("الیکا", "Elika"),
              ("سمیرا", "Samira"), ("ترخینه", "Tarkhineh"), ("شهدین", "Shahdin")),
             (("فرمی ۵۰۰ گرمی", "shaped 500 g", 380_000), ("رشته‌ای ۵۰۰ گرمی", "spaghetti 500 g", 360_000),
              ("رشته‌ای ۷۰۰ گرمی", "spaghetti 700 g", 490_000), ("لازانیا", "lasagne 500 g", 560_000))),
    Template("milk", "piece", "شیر", "milk",
             (("پگاه", "Pegah"), ("کاله", "Kalleh"), ("دامداران", "Damdaran"), ("میهن", "Mihan"),
              ("رامک", "Ramak"), ("هراز", "Haraz"), ("مهرگان", "Mehregan")),
             (("۱ لیتری", "1 l", 330_000), ("۲۰۰ سی‌سی", "200 ml", 90_000),
              ("کم‌چرب ۱ لیتری", "low-fat 1 l", 320_000), ("خشک ۴۰۰ گرمی", "powder 400 g", 1_450_000))),
    Template("yogurt", "piece", "ماست", "yogurt",
             (("پگاه", "Pegah"), ("کاله", "Kalleh"), ("دامداران", "Damdaran"), ("میهن", "Mihan"),
              ("رامک", "Ramak"), ("هراز", "Haraz"), ("صباح", "Sabah")),
             (("۵۰۰ گرمی", "500 g", 290_000), ("۹۰۰ گرمی", "900 g", 480_000),
              ("۲ کیلو", "2 kg", 1_020_000), ("پرچرب ۱٫۵ کیلو", "full-fat 1.5 kg", 830_000))),
    Template("cheese", "piece", "پنیر", "cheese",
             (("پگاه", "Pegah"), ("کاله", "Kalleh"), ("دامداران", "Damdaran"), ("میهن", "Mihan"),
              ("رامک", "Ramak"), ("هراز", "Haraz"), ("تبریز", "Tabriz")),
             (("سفید ۴۰۰ گرمی", "white 400 g", 520_000), ("لیقوان ۴۰۰ گرمی", "Lighvan 400 g", 780_000),
              ("خامه‌ای ۱۰۰ گرمی", "cream 100 g", 160_000), ("پیتزا ۵۰۰ گرمی", "pizza 500 g", 980_000))),
)

# A few goods that are not on the APL: they share the basket but are paid by other means.
OTHER_PRODUCTS: tuple[tuple[str, str, int], ...] = (
    ("چای ۴۵۰ گرمی", "Tea 450 g", 2_400_000),
    ("مایع ظرفشویی", "Dish soap 1 l", 650_000),
    ("دستمال کاغذی", "Tissues 200", 480_000),
    ("نان تست", "Toast bread", 350_000),
    ("رب گوجه‌فرنگی", "Tomato paste 800 g", 720_000),
    ("آب معدنی ۱٫۵ لیتری", "Mineral water 1.5 l", 110_000),
)
