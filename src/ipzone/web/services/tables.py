from ipzone.web.core.tables import ObjectTable
from ipzone.web.services.models import Agency, Event, Talent


class AgencyTable(ObjectTable):
    model = Agency
    columns = ("name", "uscc", "services", "joined_on", "left_on")


class TalentTable(ObjectTable):
    model = Talent
    columns = ("person_id", "name", "employer_uscc", "patent_attorney", "title", "joined_on", "left_on")


class EventTable(ObjectTable):
    model = Event
    columns = ("name", "held_on", "kind", "theme", "participants")
