"""The policy file, as a schema: every key, its type, and the rules between keys.

A policy is one TOML file (format: docs/policies.md). pydantic checks it; unknown keys are
refused (a typo must not pass silently), and every message is given in Chinese and English by
``files.py``. Amounts are 万元, like every amount in the data contract.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ipzone.policies import conditions

ITEM_KINDS = ("patent", "pledge")
BENEFICIARIES = {  # beneficiary → the item kind it belongs to
    "first_patentee": "patent",
    "pledgor": "pledge",
    "guarantor": "pledge",
    "insurer": "pledge",
}
PAYMENT_KINDS = ("fixed", "rate", "fee_share")
BASES = ("pledge_amount",)
ONCE_SCOPES = ("all_policies", "this_policy", "none")
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"


def _rule(zh: str, en: str) -> PydanticCustomError:
    """A rule between keys, carrying its Chinese text for files.py."""
    return PydanticCustomError("policy_rule", en, {"zh": zh})


def _decimal(value):
    # TOML floats are binary: 0.02 must become Decimal("0.02"), not 0.0200000000000000004…
    if isinstance(value, bool):
        return value  # refused by the Decimal type below
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


Money = Annotated[Decimal, BeforeValidator(_decimal), Field(ge=0, max_digits=14, decimal_places=4)]
Fraction = Annotated[Decimal, BeforeValidator(_decimal), Field(gt=0, le=1, max_digits=10, decimal_places=6)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Eligibility(Strict):
    item: Literal["patent", "pledge"]
    beneficiary: Literal["first_patentee", "pledgor", "guarantor", "insurer"]
    scope: list[str] = Field(min_length=1)
    require: list[str] = []

    @model_validator(mode="after")
    def _fits(self):
        if BENEFICIARIES[self.beneficiary] != self.item:
            raise _rule(
                f"享受对象 {self.beneficiary} 不适用于 {self.item} 类项目",
                f"beneficiary {self.beneficiary!r} does not fit items of kind {self.item!r}",
            )
        known = conditions.names(self.item)
        for where in ("scope", "require"):
            for name in getattr(self, where):
                if name not in known:
                    raise _rule(
                        f"{where} 中的条件「{name}」不适用于 {self.item} 类项目（可用：{'、'.join(known)}）",
                        f"condition {name!r} in {where} does not apply to {self.item} items (known: {', '.join(known)})",
                    )
        both = set(self.scope) & set(self.require)
        if both:
            raise _rule(f"条件 {sorted(both)} 同时出现在 scope 和 require 中", f"conditions {sorted(both)} are in both scope and require")
        return self


class Payment(Strict):
    kind: Literal["fixed", "rate", "fee_share"]
    amount: Money | None = None  # fixed: 万元 per item
    rate: Fraction | None = None  # rate: share of the basis
    share: Fraction | None = None  # fee_share: share of the fee
    fee_rate: Fraction | None = None  # fee_share: the fee as a share of the basis (the data has no fee)
    basis: Literal["pledge_amount"] | None = None

    @model_validator(mode="after")
    def _complete(self):
        need = {"fixed": ("amount",), "rate": ("rate", "basis"), "fee_share": ("share", "fee_rate", "basis")}[self.kind]
        missing = [k for k in need if getattr(self, k) is None]
        if missing:
            raise _rule(f"支付方式 {self.kind} 需要 {'、'.join(missing)}", f"payment kind {self.kind!r} needs {', '.join(missing)}")
        extra = [k for k in ("amount", "rate", "share", "fee_rate", "basis") if k not in need and getattr(self, k) is not None]
        if extra:
            raise _rule(f"支付方式 {self.kind} 不使用 {'、'.join(extra)}", f"payment kind {self.kind!r} does not use {', '.join(extra)}")
        return self


class Caps(Strict):
    per_item: Money | None = None
    per_entity_year: Money | None = None
    budget: Money | dict[str, Money] | None = None  # 万元 per year; or {"2023" = …, "2024" = …}

    @model_validator(mode="after")
    def _years(self):
        if isinstance(self.budget, dict):
            for key in self.budget:
                if not (key.isdigit() and len(key) == 4):
                    raise _rule(f"budget 中「{key}」不是年份", f"{key!r} in budget is not a year")
        return self

    def budget_for(self, year: int) -> Decimal | None:
        if isinstance(self.budget, dict):
            return self.budget.get(str(year))
        return self.budget


class Exclusions(Strict):
    once: Literal["all_policies", "this_policy", "none"] = "all_policies"
    hold: list[str] = ["infringement", "credit"]

    @field_validator("hold")
    @classmethod
    def _known_holds(cls, value: list[str]) -> list[str]:
        from ipzone.policies import holds

        unknown = [h for h in value if h not in holds.RULES]
        if unknown:
            raise _rule(
                f"hold 中有未知的暂缓规则 {unknown}（可用：{'、'.join(holds.RULES)}）",
                f"unknown hold rules {unknown} (known: {', '.join(holds.RULES)})",
            )
        return value


class Policy(Strict):
    name: Annotated[str, Field(pattern=NAME_PATTERN)]
    version: Annotated[int, Field(ge=1)]
    title: Annotated[str, Field(min_length=1)]
    basis: Annotated[str, Field(min_length=1)]  # 文号 and the article of the plan
    sample: bool = False
    enabled: bool = True
    stopped: str | None = None  # why a disabled policy stopped
    valid_from: dt.date
    valid_to: dt.date | None = None
    serves: list[str] = []  # indicator codes the policy serves
    description: str = ""
    eligibility: Eligibility
    payment: Payment
    caps: Caps = Caps()
    exclusions: Exclusions = Exclusions()

    @field_validator("valid_to")
    @classmethod
    def _after_start(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("valid_from")
        if value is not None and start is not None and value < start:
            raise _rule(f"valid_to {value} 早于 valid_from {start}", f"valid_to {value} is before valid_from {start}")
        return value

    @field_validator("serves")
    @classmethod
    def _known_indicators(cls, value: list[str]) -> list[str]:
        from ipzone.indicators.catalog import BY_CODE

        unknown = [c for c in value if c not in BY_CODE]
        if unknown:
            raise _rule(f"serves 中有未知的指标代码 {unknown}", f"unknown indicator codes in serves: {unknown}")
        return value

    @model_validator(mode="after")
    def _consistent(self):
        if self.payment.basis == "pledge_amount" and self.eligibility.item != "pledge":
            raise _rule("pledge_amount 只能用于质押类项目", "basis pledge_amount applies to pledge items only")
        return self

    def applies_in(self, year: int) -> bool:
        """The valid period overlaps calendar year ``year``."""
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return self.valid_from <= end and (self.valid_to is None or self.valid_to >= start)

    def period_text(self) -> str:
        return f"{self.valid_from.isoformat()} 至 {self.valid_to.isoformat() if self.valid_to else '长期'}"
