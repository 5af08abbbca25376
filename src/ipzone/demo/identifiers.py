"""Valid identifiers for fictional organisations and patents.

统一社会信用代码 (GB 32100-2015): 登记管理部门 + 机构类别 (``91`` an enterprise, ``12`` a public
institution, ``51`` a social organisation, ``31`` a law firm, ``92`` an individual business), the
6-digit administrative division, the 9-character organisation code (8 characters + its own GB 11714
check character; ``MA…`` for codes issued since the reform of 2015) and the check character from
``ipzone.codes``. Every organisation takes a distinct serial, and a serial maps to an
organisation code by a permutation, so codes never repeat and do not look sequential.
"""

from __future__ import annotations

import numpy as np

from ipzone.codes import appno_check_digit, uscc_check_character

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the characters a USCC may hold
_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_NEW_SPACE = len(ALPHABET) ** 5


def gb11714_check(body: str) -> str:
    """Check character of an 8-character organisation code body (GB 11714-1997)."""
    total = sum(w * (int(c) if c.isdigit() else ord(c) - 55) for w, c in zip(_GB11714_WEIGHTS, body, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def org_code(serial: int, new_style: bool) -> str:
    if new_style:
        k = (serial * 7919 + 104_729) % _NEW_SPACE
        chars = []
        for _ in range(5):
            k, r = divmod(k, len(ALPHABET))
            chars.append(ALPHABET[r])
        body = "MA0" + "".join(chars)
    else:
        body = f"{(serial * 7919 + 31_415_926) % 100_000_000:08d}"
    return body + gb11714_check(body)


def uscc(prefix: str, division: str, serial: int, new_style: bool) -> str:
    first17 = prefix + division + org_code(serial, new_style)
    return first17 + uscc_check_character(first17)


# The same codes for many organisations at once: the arithmetic of org_code and of the
# GB 32100 check character (stdnum.cn.uscc, which ``uscc`` calls) in numpy. The tests check that
# both ways give the same codes.
_VALUE = np.zeros(128, np.int64)  # ASCII → value in the USCC alphabet
for _i, _c in enumerate(ALPHABET):
    _VALUE[ord(_c)] = _i
_USCC_WEIGHTS = np.array((1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28))


def _chars(a: np.ndarray, width: int) -> np.ndarray:
    """(n, width) ASCII codes of a fixed-width bytes array."""
    return np.frombuffer(np.ascontiguousarray(a).tobytes(), np.uint8).reshape(-1, width).astype(np.int64)


def uscc_many(prefix: np.ndarray, division: np.ndarray, serial: np.ndarray, new_style: np.ndarray) -> np.ndarray:
    """``uscc`` for arrays: prefixes (S2), divisions (S6), serials, new_style flags → S18."""
    n = len(serial)
    body = np.empty((n, 8), np.int64)  # ASCII codes of the 8-character organisation code body
    old = (serial * 7919 + 31_415_926) % 100_000_000
    for k in range(8):
        body[:, 7 - k] = ord("0") + old // 10**k % 10
    new = (serial * 7919 + 104_729) % _NEW_SPACE
    letters = np.frombuffer(ALPHABET.encode(), np.uint8).astype(np.int64)
    for k in range(5):
        body[new_style, 3 + k] = letters[(new // len(ALPHABET) ** k % len(ALPHABET))[new_style]]
    body[new_style, 0:3] = (ord("M"), ord("A"), ord("0"))
    value = np.where(body >= ord("A"), body - 55, body - ord("0"))
    c = 11 - (value @ np.array(_GB11714_WEIGHTS)) % 11
    check = np.where(c == 10, ord("X"), np.where(c == 11, ord("0"), ord("0") + c))
    first17 = np.concatenate([_chars(prefix.astype("S2"), 2), _chars(division.astype("S6"), 6), body, check[:, None]], axis=1)
    total = _VALUE[first17] @ _USCC_WEIGHTS
    last = np.frombuffer(ALPHABET.encode(), np.uint8)[(31 - total % 31) % 31].astype(np.int64)
    out = np.concatenate([first17, last[:, None]], axis=1).astype(np.uint8)
    return np.frombuffer(out.tobytes(), dtype="S18")


class Serials:
    """Hands out distinct organisation serials across every table of a run."""

    def __init__(self) -> None:
        self.next = 0

    def take(self, n: int) -> range:
        r = range(self.next, self.next + n)
        self.next += n
        return r


def appno(year: int, digit: str, serial: int) -> str:
    digits = f"{year}{digit}{serial:07d}"
    return f"{digits}.{appno_check_digit(digits)}"
