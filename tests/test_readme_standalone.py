"""The README stands alone: no pointer to files outside the repository, every
configuration key the code reads, and every widget object name the window builds."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from pos_client.settings import config

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_points_at_nothing_outside_the_repository() -> None:
    assert "../" not in README and "shared/" not in README
    for link in re.findall(r"\]\(([^)#]+)\)", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link


def test_the_readme_lists_every_configuration_key() -> None:
    block = README.split("## Configuration", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    keys: dict[str, set[str]] = {}
    section = ""
    for line in block.splitlines():
        head = re.match(r"\[(\w+)\]", line)
        if head:
            section = head.group(1)
        elif re.match(r"\w+ =", line):
            keys.setdefault(section, set()).add(line.split("=")[0].strip())
    for name, kind in config.SECTIONS.items():
        if name == "card_reader":  # the same keys as [scanner], said so beside it
            continue
        wanted = {f.name for f in dataclasses.fields(kind)}
        assert wanted <= keys.get(name, set()), (name, wanted - keys.get(name, set()))
    assert "[card_reader]" in block


def test_the_readme_lists_every_widget_object_name_as_built() -> None:
    names = README.split("## Widget object names", 1)[1].split("\n## ", 1)[0]
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (ROOT / "pos_client" / "ui").glob("*.py"))
    built = set(re.findall(r'setObjectName\("(\w+)"\)', source))
    built |= set(re.findall(r'\b(?:label|button|line_edit)\("([a-z]\w+)"', source))
    built |= set(re.findall(r'"([a-z]\w*(?:Input|Button|Dialog|Table))"', source))
    missing = sorted(n for n in built if f"`{n}`" not in names)
    assert not missing, missing


def test_the_key_table_says_that_enter_in_the_cash_dialog_completes_the_sale() -> None:
    f9 = next(line for line in README.splitlines() if "| F9 |" in line)
    assert "completes the sale" in f9.split("| F9 |", 1)[1]
