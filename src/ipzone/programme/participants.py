"""The participants of publicity and training events (task 4), declared in the data contract's terms.

Like the filings (``ipzone.programme.filings``) this is not a table of the contract: it is the list
of units and people at one of the contract's ``events`` (a training's attendance is its talents'
training record). Declared with the contract's ``Table`` and ``Column`` it gets the template, the
cell parsers and their Chinese and English messages, and the key check for free.

An event is named by the contract event's natural key: its day, its name and, for two events of the
same day and name, which one (场次, 1 unless said). A participant is matched on the event, its kind,
its name and its certificate number (empty for most units): two people of the same name at one
event are told apart by their certificates.
"""

from __future__ import annotations

from ipzone.contract import CODE, DATE, ENUM, INT, TEXT, USCC, Column, Reference, Table

UNIT, PERSON = "单位", "个人"
KINDS = (UNIT, PERSON)

EVENT_COLUMNS = ("event_held_on", "event_name", "event_occurrence")

PARTICIPANTS = Table(
    "event_participants",
    "活动参与者",
    (
        Column("event_held_on", "活动日期", DATE, key=True, note="宣传培训活动表（events）中该活动的日期"),
        Column("event_name", "活动名称", TEXT, key=True, note="宣传培训活动表（events）中该活动的名称"),
        Column("event_occurrence", "活动场次", INT, required=False, key=True, default=1, note="同一日期、同一名称的第几场，默认 1"),
        Column("kind", "参与者类型", ENUM, key=True, choices=KINDS),
        Column("name", "姓名或单位名称", TEXT, key=True),
        Column("uscc", "单位统一社会信用代码", USCC, required=False, note="须为主体表（entities）中的单位"),
        Column("person_id", "人员编号", CODE, required=False, note="须为人才表（talents）中的人员；单位不填"),
        Column("organisation", "所在单位", TEXT, required=False, default=""),
        Column("hours", "培训学时", INT, required=False, note="整学时"),
        Column("certificate_no", "结业证书编号", CODE, required=False, key=True, default="", note="同名的两人以证书编号区分"),
    ),
    references=(Reference("uscc", (("entities", "uscc"),)), Reference("person_id", (("talents", "person_id"),))),
    description="任务4：宣传培训活动的参与单位和人员",
)

TABLES = (PARTICIPANTS,)
WHAT = ("活动参与者表", "the event participants table")  # how messages name them
