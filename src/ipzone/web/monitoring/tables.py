from ipzone.web.core.tables import ObjectTable
from ipzone.web.monitoring.models import ZoneYear


class ZoneYearTable(ObjectTable):
    model = ZoneYear
    columns = ("year", "population", "gdp", "rd_expenditure", "budget_expenditure", "ip_budget", "ip_staff")
