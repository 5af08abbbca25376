"""The protection work of the demo platform (``ipzone demo-platform``), on top of the loaded demo zone.

Dates are relative to today, so the demo always shows cases in time, due soon and overdue:

- nine proceedings in every state: two online requests of the demo enterprise waiting (one past
  the 7-day acceptance limit), one under investigation, one closed after mediation, one rejected,
  one withdrawn; an office 行政裁决 overdue in 裁决; an enforcement case sent to the court
  (行政与司法衔接); a mediation the court entrusted to the office;
- the office's list of abnormal filings: two in-zone entities (their grades fall);
- typical cases: one published on the portal with the parties' names hidden, one draft;
- inspections (检查记录): the demo enterprise inspected at random 200 days ago; the zone's repeat
  infringer (grade D, every 3 months) inspected 120 days ago and told to rectify, then a return
  visit (which does not reset the clock): overdue; another in-zone respondent and the firm listed
  for malicious trademarks inspected recently.

Run once per database: nothing is added when a proceeding exists already.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from ipzone.protection import workflow as wf
from ipzone.web.core import roles
from ipzone.web.protection import casework
from ipzone.web.protection.models import COURT, OFFICE, Case, FilingListing, Inspection, Proceeding, TypicalCase

PDF = b"%PDF-1.4\n% ipzone demo\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _pdf(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


def _case_no(pattern: str, year: int) -> str:
    k = 901
    while Case.objects.filter(case_no=pattern.format(y=year, k=k)).exists():
        k += 1
    return pattern.format(y=year, k=k)


def _request(user, uscc: str, holder: str, on: dt.date, **fields) -> Proceeding:
    p = Proceeding(holder=holder, holder_uscc=uscc, contact_name="李经理", contact_phone="13903511234", **fields)
    return casework.submit(p, user, [_pdf("维权援助申请书.pdf"), _pdf("商标注册证.pdf")], on=on)


@transaction.atomic
def seed(today: dt.date | None = None) -> dict[str, int]:
    """Add the demo's proceedings, listings and typical cases; returns what was added."""
    if Proceeding.objects.exists():
        return {}
    from ipzone.web.entities.models import Entity

    User = get_user_model()
    office = User.objects.filter(username="demo-office").first() or User.objects.filter(groups__name=roles.OFFICE).first()
    enterprise = User.objects.filter(username="demo-enterprise").first()
    if office is None or enterprise is None:
        return {}
    uscc = roles.uscc_of(enterprise)
    holder = Entity.objects.get(uscc=uscc).name
    t = today or casework.today()
    d = lambda n: t - dt.timedelta(days=n)  # noqa: E731  n days ago
    year = t.year

    # Online requests of the demo enterprise.
    _request(enterprise, uscc, holder, d(2), kind="维权援助", right_kind="商标", respondent="晋泽市某某日用品商行",
             facts="该商行销售假冒我司注册商标的产品，已公证购买。", claims="请求协助制止侵权并调解赔偿。", amount=5)
    _request(enterprise, uscc, holder, d(12), kind="纠纷调解", right_kind="专利", respondent="太原某某机械有限公司",
             facts="对方产品落入我司实用新型专利保护范围。", claims="请求调解，停止制造并赔偿。")
    p = _request(enterprise, uscc, holder, d(40), kind="维权援助", right_kind="专利", respondent="晋中某某科技有限公司",
                 facts="对方在展会上展出涉嫌侵犯我司发明专利的设备。", claims="请求维权援助，出具侵权判定咨询意见。")
    casework.accept(p, office, case_no=_case_no("晋泽维援〔{y}〕{k}号", year), on=d(37), handler=office)
    casework.move(p, office, to=wf.INVESTIGATION, on=d(20), note="已调取展会现场证据")
    p = _request(enterprise, uscc, holder, d(70), kind="纠纷调解", right_kind="商标", respondent="山西某某食品有限公司",
                 facts="对方包装与我司注册商标近似。", claims="请求调解，停止使用近似标识。")
    casework.accept(p, office, case_no=_case_no("晋泽知调〔{y}〕{k}号", year), on=d(66), handler=office)
    casework.move(p, office, to=wf.MEDIATION, on=d(60))
    casework.close(p, office, on=d(45), outcome="调解成功", amount=3, note="双方达成调解协议，对方更换包装并赔偿 3 万元。")
    p = _request(enterprise, uscc, holder, d(30), kind="维权援助", right_kind="著作权", respondent="某网店",
                 facts="网店盗用我司产品图片。", claims="请求协助维权。")
    casework.reject(p, office, on=d(27), note="不属于本办公室受理范围，已告知向网络平台投诉并可向著作权行政管理部门举报。")
    p = _request(enterprise, uscc, holder, d(9), kind="纠纷调解", right_kind="专利", respondent="某某五金店",
                 facts="销售涉嫌侵权的产品。", claims="请求调解。")
    casework.withdraw(p, enterprise, note="双方已自行和解", on=d(5))

    # Cases the office registers or receives.
    p = Proceeding(source=OFFICE, kind="行政裁决", right_kind="专利", holder="山西晋创新材料科技有限公司（示范）",
                   respondent="太原某某新材料有限公司", facts="专利侵权纠纷行政裁决请求。", claims="请求责令停止侵权。")
    casework.register(p, office, case_no=_case_no("晋泽知裁字〔{y}〕{k}号", year), on=d(110), handler=office)
    casework.move(p, office, to=wf.INVESTIGATION, on=d(100))
    casework.move(p, office, to=wf.ADJUDICATION, on=d(70), note="口头审理已完成")  # 45 days: overdue, and the case (90) too
    p = Proceeding(source=OFFICE, kind="行政执法", right_kind="商标", holder="某知名品牌（示范）", respondent="晋泽市某某批发部",
                   facts="市场检查发现大量假冒注册商标商品，货值较大。", claims="")
    casework.register(p, office, case_no=_case_no("晋泽市监知罚〔{y}〕{k}号", year), on=d(50), handler=office)
    casework.move(p, office, to=wf.INVESTIGATION, on=d(45))
    casework.move(p, office, to=wf.TRANSFERRED, on=d(20), note="涉嫌假冒注册商标罪，移送公安机关",
                  transfer={"body_kind": "公安机关", "body": "晋泽市公安局经济犯罪侦查支队", "reference": f"晋泽市监移〔{year}〕3号"})
    p = Proceeding(source=COURT, kind="纠纷调解", right_kind="专利", holder="山西某某装备有限公司", respondent="河北某某机械有限公司",
                   facts="法院诉前委托调解的专利侵权纠纷。", claims="请求调解。")
    casework.register(p, office, case_no=_case_no("晋泽知调〔{y}〕{k}号", year), on=d(15), handler=office,
                      transfer={"body_kind": "人民法院", "body": "太原市中级人民法院", "reference": f"（{year}）晋01诉前调{901}号"})
    casework.move(p, office, to=wf.MEDIATION, on=d(10))
    added = {"proceedings": Proceeding.objects.count()}

    # The office's list of abnormal filings: two zone companies that have no other record.
    from ipzone.web.patents.models import Award

    busy = set(Case.objects.exclude(respondent_uscc=None).values_list("respondent_uscc", flat=True)) | set(Award.objects.values_list("entity_id", flat=True))
    firms = [e for e in Entity.objects.filter(in_zone=True, kind="企业").exclude(uscc=uscc).order_by("uscc")[:200] if e.uscc not in busy][:2]
    if len(firms) == 2:
        FilingListing.objects.create(uscc=firms[0].uscc, name=firms[0].name, kind="非正常专利申请", listed_on=d(200), count=4,
                                     reference=f"国知办函运字〔{year}〕{901}号（示范）", note="示范数据")
        FilingListing.objects.create(uscc=firms[1].uscc, name=firms[1].name, kind="恶意商标注册", listed_on=d(150),
                                     reference=f"商标局通报〔{year}〕{901}号（示范）", note="示范数据")
    added["listings"] = FilingListing.objects.count()

    # Typical cases: one published, one draft.
    cases = list(Case.objects.filter(outcome="侵权成立", typical=True, closed_on__isnull=False).order_by("-closed_on", "case_no")[:2])
    for n, case in enumerate(cases):
        tc = TypicalCase.objects.create(
            case=case,
            title=f"{case.holder}诉{case.respondent}{case.right_kind}侵权案",
            summary=(f"{case.holder}发现{case.respondent}销售涉嫌侵犯其{case.right_kind}权利的商品，经营者张某明（电话 13903519876）"
                     f"对销售行为供认不讳。办公室于 {case.opened_on:%Y年%m月%d日} 受理，经调查认定侵权成立，"
                     f"于 {case.closed_on:%Y年%m月%d日} 结案。"),
            significance="本案体现了园区对销售侵权商品行为的快速查处，执法与维权援助衔接顺畅。",
            hidden_terms="张某明 => 张某",  # the parties' names are hidden too (hide_parties)
        )
        if n == 0:
            tc.published, tc.published_on, tc.published_by = True, d(3), office
            tc.save()
    added["typical_cases"] = TypicalCase.objects.count()

    # Inspections: the demo enterprise, the worst infringers in the zone, the listed firm.
    from django.db.models import Count

    in_zone = set(Entity.objects.filter(in_zone=True).values_list("uscc", flat=True))
    found = (Case.objects.filter(outcome="侵权成立").exclude(respondent_uscc=None).values("respondent_uscc")
             .annotate(n=Count("pk")).order_by("-n", "respondent_uscc"))
    infringers = [r["respondent_uscc"] for r in found if r["respondent_uscc"] in in_zone and r["respondent_uscc"] != uscc][:2]
    visits = [(uscc, d(200), "双随机抽查", "未发现问题", "", "", None)]
    if infringers:
        visits += [
            (infringers[0], d(120), "重点检查", "责令整改", "仓库中发现涉嫌侵权商品 120 件", "责令下架并提交整改报告，到期回访", d(90)),
            (infringers[0], d(85), "回访", "未发现问题", "涉嫌侵权商品已下架", "", None),
        ]
    if len(infringers) > 1:
        visits.append((infringers[1], d(40), "专项检查", "未发现问题", "", "", None))
    if len(firms) == 2:
        visits.append((firms[1].uscc, d(30), "专项检查", "责令整改", "申请的商标与他人驰名商标近似", "撤回相关商标申请", d(0)))
    for n, (who, on, kind, result, findings, follow_up, rectify_by) in enumerate(visits, start=901):
        Inspection.objects.create(
            record_no=f"JC{on:%Y}-{n}", entity_id=who, inspected_on=on, kind=kind, inspectors="张某;李某", result=result,
            findings=findings or None, follow_up=follow_up or None, rectify_by=rectify_by,
        )
    added["inspections"] = Inspection.objects.count()
    return added
