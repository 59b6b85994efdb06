"""Document output shared by every app: Excel tables (`excel.py`) and Word reports in the
Decree 30 layout (`word.py`, from the shipped template or a unit's uploaded `ReportTemplate`).
Nothing here knows a plan, a dossier or an indicator."""
