"""The programme the plan sets out, as plain Python: its task list, schedule, assessment and filings.

- :mod:`ipzone.programme.plan`: the plan's 15 tasks, their sub-tasks and the safeguards, with the
  lead and supporting departments (``plan.toml``, seeded from the plan's text);
- :mod:`ipzone.programme.schedule`: quarters, report due dates, on time / late / overdue;
- :mod:`ipzone.programme.assessment`: a department's yearly score from declared criteria
  (``assessment.toml``);
- :mod:`ipzone.programme.filings`: the operation and service filings (tasks 7–10, 13–15) declared as
  tables in the data contract's terms, and :mod:`ipzone.programme.workbook` to read and write them.

Nothing here knows about Django; the platform (``ipzone.web.programme``, ``ipzone.web.operation``)
stores and shows what these modules describe and decide.
"""
