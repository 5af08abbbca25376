"""Reports: the annual monitoring report, periodic bulletins and the protection-status report.

Builders (``annual``, ``bulletin``, ``protection``) gather the content from the indicator engine
(values, progress, the records behind them) into a plain content model (``model``); writers lay
it out as Word (GB/T 9704), PDF (LibreOffice from the Word file) or Excel. No Django here: the
command line (``cli``) and the platform (``ipzone.web.reports``) both call these functions.

    from ipzone.reports import Facts, annual, output
    doc = annual.build(Facts(engine), 2023, source)
    output.write(doc, Path("2023.docx"))
"""

from ipzone.reports.facts import Facts
from ipzone.reports.model import Document

__all__ = ["Document", "Facts"]
