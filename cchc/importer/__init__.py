"""Plan importer: Word / PDF / text plan documents → the structured plan dict of
`specs/plan-import.md`.

The single entry point for callers (the CLI, the upload view, the saving step) is
`cchc.importer.parse.parse_file`; it raises `PlanImportError` with a Vietnamese message for a
file that cannot be read as a plan.
"""
