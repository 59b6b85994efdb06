"""Django's makemessages without fuzzy matching: a guessed translation of a similar string
("Plan file" → "Kế hoạch") is worse than an empty one, which the catalogue test catches."""

from django.core.management.commands import makemessages

from cchc.console import BaseCommand


class Command(BaseCommand, makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
