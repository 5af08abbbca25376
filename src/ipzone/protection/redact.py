"""Hiding personal data in a typical case before it goes to the public portal.

The office marks what to hide, one term a line, optionally with its replacement::

    张三 => 张某
    13912345678
    太原市小店区某路 8 号

A term without a replacement becomes ``＊＊＊``. Terms are replaced longest first, so a name
inside a longer marked address is not half-hidden. Whatever the office marks, mobile phone
numbers, 18-character 居民身份证 numbers and e-mail addresses are always masked. The parties'
names can be hidden too (:func:`alias`: 山西某某科技有限公司 → 某有限公司, 张三 → 某某).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "＊＊＊"
ARROW = re.compile(r"\s*(?:=>|→)\s*")
AUTOMATIC = (
    ("手机号码", re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")),
    ("身份证号码", re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")),
    ("电子邮箱", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
)


@dataclass(frozen=True)
class Term:
    text: str
    replacement: str = MASK


# Kinds of organisation kept in an alias, longest first (某有限公司 says more than 某某).
ORG_SUFFIXES = (
    "有限责任公司", "股份有限公司", "有限公司", "公司", "研究院", "研究所", "合作社", "经营部", "批发部", "商行", "商店",
    "超市", "大学", "学院", "中心", "厂", "店",
)


def alias(name: str) -> str:
    """What a party is called once its name is hidden: 某 + its kind of organisation, else 某某."""
    name = name.strip()
    for suffix in ORG_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return "某" + suffix
    return "某某"


def parse_terms(marked: str) -> list[Term]:
    """The office's marks: one term a line, ``term => replacement`` optional; blank lines ignored."""
    out: dict[str, Term] = {}
    for line in (marked or "").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = ARROW.split(line, maxsplit=1)
        text = parts[0].strip()
        if text:
            out[text] = Term(text, parts[1].strip() if len(parts) == 2 and parts[1].strip() else MASK)
    return list(out.values())


def redact(text: str, marked: str | list[Term]) -> str:
    """``text`` with every marked term replaced and personal numbers masked."""
    terms = parse_terms(marked) if isinstance(marked, str) else list(marked)
    terms.sort(key=lambda t: -len(t.text))
    if terms:
        pattern = re.compile("|".join(re.escape(t.text) for t in terms))
        by_text = {t.text: t.replacement for t in terms}
        text = pattern.sub(lambda m: by_text[m.group(0)], text)
    for _, pattern in AUTOMATIC:
        text = pattern.sub(MASK, text)
    return text


def leaks(text: str, marked: str | list[Term]) -> list[str]:
    """What should have been hidden and still shows in ``text`` (empty when it is clean)."""
    terms = parse_terms(marked) if isinstance(marked, str) else list(marked)
    found = [t.text for t in terms if t.text in text and t.text not in {u.replacement for u in terms}]
    found += [label for label, pattern in AUTOMATIC if pattern.search(text)]
    return found
