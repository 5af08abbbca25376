from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.entities import filtersets, tables
from ipzone.web.entities.models import Entity, EntityYear, Qualification
from ipzone.web.finance.tables import PledgeTable
from ipzone.web.marks.tables import TrademarkTable
from ipzone.web.patents.tables import AwardTable, PatentTable
from ipzone.web.protection.tables import InspectionTable


@register_model_view(Entity, "list")
class EntityListView(generic.ObjectListView):
    queryset = Entity.objects.all()
    filterset = filtersets.EntityFilterSet
    table = tables.EntityTable


@register_model_view(Entity)
class EntityView(generic.ObjectView):
    queryset = Entity.objects.all()
    related = (
        generic.Related("企业资质", tables.QualificationTable, "entity"),
        generic.Related("年度经济数据", tables.EntityYearTable, "entity"),
        generic.Related("专利（为权利人之一）", PatentTable, "owners__entity"),
        generic.Related("质押登记（出质人）", PledgeTable, "pledgor"),
        generic.Related("商标", TrademarkTable, "owner"),
        generic.Related("获奖", AwardTable, "entity"),
        generic.Related("检查记录（信用分级分类监管）", InspectionTable, "entity"),
    )

    def get_extra_context(self, obj) -> dict:
        """The entity's own 企业知识产权指数 for each plan year so far (in-zone entities only)."""
        from ipzone.web import metrics

        if not obj.in_zone:
            return {"ip_index_note": "区外主体不计入企业知识产权指数"}
        from ipzone.web.protection.grading import entity_credit

        credit = {"credit": entity_credit(self.request.user, obj.uscc)}  # this year's grade, reasons, next inspection
        years = list(range(metrics.FIRST_YEAR, metrics.default_year() + 1))
        try:
            return {"ip_index": metrics.entity_ip_index(obj.uscc, years), **credit}
        except metrics.Unavailable as e:
            return {"ip_index_note": f"企业知识产权指数暂不可用：{e.zh}", **credit}



@register_model_view(EntityYear, "list")
class EntityYearListView(generic.ObjectListView):
    queryset = EntityYear.objects.all()
    filterset = filtersets.EntityYearFilterSet
    table = tables.EntityYearTable


@register_model_view(EntityYear)
class EntityYearView(generic.ObjectView):
    queryset = EntityYear.objects.all()



@register_model_view(Qualification, "list")
class QualificationListView(generic.ObjectListView):
    queryset = Qualification.objects.all()
    filterset = filtersets.QualificationFilterSet
    table = tables.QualificationTable


@register_model_view(Qualification)
class QualificationView(generic.ObjectView):
    queryset = Qualification.objects.all()

