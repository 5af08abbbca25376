from ipzone.web.core.tables import ObjectTable
from ipzone.web.entities.models import Entity, EntityYear, Qualification


class EntityTable(ObjectTable):
    model = Entity
    columns = ("uscc", "name", "kind", "industry_code", "founded", "in_zone")


class EntityYearTable(ObjectTable):
    model = EntityYear
    columns = ("year", "entity__name", "entity_id", "value_added", "revenue", "rd")
    select_related = ("entity",)


class QualificationTable(ObjectTable):
    model = Qualification
    columns = ("kind", "entity__name", "entity_id", "certificate_no", "valid_from", "valid_to")
    select_related = ("entity",)
