"""Protection (plan tasks 11–12) as plain Python: the rules reports, the CLI and the platform share.

- :mod:`ipzone.protection.cases` — the contract's ``cases`` rows as typed records;
- :mod:`ipzone.protection.infringers` — repeat, malicious and group infringers in a window;
- :mod:`ipzone.protection.credit` — credit-graded supervision (信用分级分类监管) from a rules file;
- :mod:`ipzone.protection.listings` — the office's list of abnormal and malicious filings;
- :mod:`ipzone.protection.workflow` — the case workflow's stages, transitions and deadlines;
- :mod:`ipzone.protection.redact` — hiding personal data in a typical case before it is published.

No web framework here: the platform (``ipzone.web.protection``) calls these functions.
"""
