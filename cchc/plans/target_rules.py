"""What a target's comparator, figure, unit and date must agree on (the model, its forms, the
importer's review and the hand-entered figures all check with these)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .choices import QUALITATIVE, Comparator, TargetUnit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def target_value_errors(comparator: str, value, unit: str) -> dict[str, StrOrPromise]:
    """Check that a comparator and value make sense for the unit a target is measured in."""
    errors: dict[str, StrOrPromise] = {}
    if value is None:
        return errors
    if value < 0:
        errors["value"] = _("A target value cannot be negative.")
    elif unit == TargetUnit.PERCENT and value > 100:
        errors["value"] = _("A percentage cannot exceed 100.")
    elif unit in {TargetUnit.RANK, TargetUnit.COUNT} and value != int(value):
        errors["value"] = _("A rank or a count must be a whole number.")
    elif unit == TargetUnit.RANK and value < 1:
        errors["value"] = _("A rank starts at 1.")
    if comparator == Comparator.TOP and unit != TargetUnit.RANK:
        errors["comparator"] = _("'Within the top' only applies to a rank.")
    if unit == TargetUnit.RANK and comparator not in {Comparator.TOP, Comparator.AT_MOST}:
        errors["comparator"] = _("A rank target is 'within the top' or 'at most'.")
    return errors


def target_shape_errors(comparator: str, value, unit: str, by_date) -> dict[str, StrOrPromise]:
    """What a comparator asks for: a figure and its unit ("≥ 90 %"), 100 % ("100%"), a date
    ("trước ngày"), or nothing ("đạt / không đạt")."""
    errors: dict[str, StrOrPromise] = {}
    if comparator == Comparator.BEFORE and by_date is None:
        errors["by_date"] = _("Enter the date the target must be reached by.")
    elif comparator != Comparator.BEFORE and by_date is not None:
        errors["by_date"] = _("A date only goes with “done before the date”.")
    if comparator in QUALITATIVE:
        if value is not None:
            errors["value"] = _("A target stated in words has no figure: leave the value empty.")
    elif comparator == Comparator.ALL:
        if (value is not None and value != 100) or unit not in ("", TargetUnit.PERCENT):
            errors["value"] = _("“All of it (100%)” is 100 percent: leave the value empty.")
    else:
        if value is None:
            errors["value"] = _(
                "Enter the figure, or choose “achieved / not achieved” or “done before the "
                "date” for a target stated in words."
            )
        if not unit:
            errors["unit"] = _("Choose what the figure is measured in.")
    return errors
