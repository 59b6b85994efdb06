"""Changes an administrator makes to the official working-day calendar.

The public holidays themselves (Tết and the Hùng Kings' festival by the lunar calendar, the
fixed holidays, the days the government swaps) come from the `holidays` package; a row here
adds what the package does not know yet or what a province decides for itself: a
compensatory day off, a Saturday worked in exchange, a local holiday.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.formats import day


class DayKind(models.TextChoices):
    DAY_OFF = "off", _("Day off")
    WORKING_DAY = "work", _("Working day")


class CalendarOverride(models.Model):
    """One day declared off or declared worked, for the whole country or for one unit and the
    units below it.

    Invariant: at most one override per day and unit (and one country-wide per day); when
    several apply to a unit, the one set on the unit closest to it wins.
    """

    day = models.DateField(_("day"), db_index=True)
    kind = models.CharField(_("the day is"), max_length=4, choices=DayKind.choices)
    name = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_("For example: compensatory day off for New Year; Saturday worked instead."),
    )
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        verbose_name=_("unit"),
        help_text=_(
            "Leave empty for the whole country; otherwise it applies to the unit and "
            "every unit below it."
        ),
    )
    decision = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("The notice or decision.")
    )

    class Meta:
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["day", "unit"], name="calendar_override_unique"),
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(unit__isnull=True),
                name="calendar_override_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{day(self.day)} {self.get_kind_display()}: {self.name}"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        from .calendar import clear_cache

        clear_cache()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from .calendar import clear_cache

        clear_cache()
        return result
