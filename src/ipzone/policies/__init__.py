"""Policies as code: the zone's rewards and subsidies declared as files, computed from the data.

A policy is one TOML file (``schema.py``; samples in ``samples/``). Its eligibility is a list of
named conditions over the indicator engine's facts (``conditions.py``, ``facts.py``), so an
entitlement and an indicator can never disagree; ``compute.py`` applies the payment rule, the
exclusions (paid once, held entities) and the caps. No web framework here: the platform
(``ipzone.web.policies``) and the command line (``ipzone policy …``) both call these functions.

    from ipzone.indicators import Engine
    from ipzone.policies import compute, samples
    eng = Engine(dataset)
    outcome = compute(eng, samples()[1], 2023)
"""

from ipzone.policies.entitlements import Entitlement, Excluded, Item, Outcome, compute, compute_all
from ipzone.policies.explain import explain_item
from ipzone.policies.files import PolicyError, load_file, load_folder, load_text, sample_texts, samples, select
from ipzone.policies.payments import PaidItem, once_key
from ipzone.policies.report import PolicySpending, from_outcomes, spending_section
from ipzone.policies.schema import Policy

__all__ = [
    "Entitlement", "Excluded", "Item", "Outcome", "PaidItem", "Policy", "PolicyError", "PolicySpending",
    "compute", "compute_all", "explain_item", "from_outcomes", "load_file", "load_folder", "load_text",
    "once_key", "sample_texts", "samples", "select", "spending_section",
]
