"""The payment list as .xlsx: one sheet per payee (with the bank details the claim gave), one per
item. The item sheet has the columns ``ipzone policy … --payments FILE`` reads, so the list the
office paid from is also the record the command line excludes paid items with.

Every cell is text or a number; text a spreadsheet would take for a formula is neutralised
(``ipzone.web.errorbook.neutralise``): names and bank details come from users.
"""

from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter

from ipzone.web.errorbook import neutralise

PAYEE_HEADERS = ("序号", "政策", "年度", "统一社会信用代码", "名称", "金额（万元）", "金额（元）", "开户名称", "开户银行", "银行账号", "联系人", "联系电话", "项目数")
ITEM_HEADERS = ("政策", "年度", "类型", "编号", "统一社会信用代码", "名称", "金额", "支付日期")  # 金额 in 万元
KIND_ZH = {"patent": "专利", "pledge": "质押"}


def payment_list(computation, entitlements) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wan = wb.add_format({"num_format": "0.0000"})
    yuan = wb.add_format({"num_format": "0.00"})
    policy = computation.version.policy.name
    year = computation.year

    ws = wb.add_worksheet("支付清单")
    for j, h in enumerate(PAYEE_HEADERS):
        ws.write_string(0, j, h, head)
    items = []
    for i, e in enumerate(entitlements, start=1):
        row = [str(i), policy, str(year), e.uscc or "", e.name]
        for j, v in enumerate(row):
            ws.write_string(i, j, neutralise(v))
        ws.write_number(i, 5, float(e.amount), wan)
        ws.write_number(i, 6, float(e.amount * Decimal(10000)), yuan)
        for j, v in enumerate((e.bank_account_name, e.bank_name, e.bank_account, e.contact_name, e.contact_phone), start=7):
            ws.write_string(i, j, neutralise(v))
        its = list(e.items.all())
        ws.write_number(i, 12, len(its))
        items += [(e, it) for it in its]
    for j, w in enumerate((6, 24, 6, 20, 30, 12, 12, 30, 30, 24, 10, 16, 8)):
        ws.set_column(j, j, w)
    ws.freeze_panes(1, 0)

    ws = wb.add_worksheet("支付明细")
    for j, h in enumerate(ITEM_HEADERS):
        ws.write_string(0, j, h, head)
    for i, (e, it) in enumerate(items, start=1):
        for j, v in enumerate((policy, str(year), KIND_ZH[it.kind], it.item_no, e.uscc or "", e.name)):
            ws.write_string(i, j, neutralise(v))
        ws.write_number(i, 6, float(it.amount), wan)
        ws.write_string(i, 7, "")
    for j, w in enumerate((24, 6, 6, 18, 20, 30, 12, 12)):
        ws.set_column(j, j, w)
    ws.freeze_panes(1, 0)
    wb.close()
    return buf.getvalue()
