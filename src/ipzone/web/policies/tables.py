from ipzone.web.core.tables import ObjectTable
from ipzone.web.policies.models import Entitlement, Payment, Policy


class PolicyTable(ObjectTable):
    model = Policy
    columns = ("name", "title")


class EntitlementTable(ObjectTable):
    model = Entitlement
    columns = ("name", "uscc", "computation__version__policy__title", "computation__year", "amount_text", "status_label")
    select_related = ("computation__version__policy",)

    @property
    def headers(self) -> list[str]:
        return ["名称", "统一社会信用代码", "政策", "年度", "金额（万元）", "状态"]

    @property
    def orderable(self) -> list[str]:
        return ["name", "uscc", "amount"]


class PaymentTable(ObjectTable):
    model = Payment
    columns = ("item_no", "policy", "year", "uscc", "amount_text", "paid_on", "reference")
    link = "-"

    @property
    def headers(self) -> list[str]:
        return ["编号", "政策", "年度", "统一社会信用代码", "金额（万元）", "支付日期", "支付凭证号"]
