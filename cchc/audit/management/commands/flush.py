"""Django's `flush`, with the audit guard lifted for its run.

`flush` empties every table on purpose (test teardown of committing tests, `cchc demo --reset`
on PostgreSQL): SQLite empties with DELETE and PostgreSQL with TRUNCATE, both refused by the
audit table's triggers (cchc/audit/guard.py). The guard is taken off for this one command and
put back afterwards, even when the flush fails. Nothing else lifts it. Its refusals read in
Vietnamese like every command of ours (cchc/console.py).
"""

from __future__ import annotations

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS, connections

from cchc.audit import guard
from cchc.console import BaseCommand


class Command(BaseCommand, DjangoFlush):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        with guard.lifted(connection):
            return super().handle(**options)
