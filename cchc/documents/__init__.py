"""Document output shared by every app: Excel tables today (`excel.py`); the Word writer of the
reports lands beside it. Nothing here knows a plan, a dossier or an indicator."""
