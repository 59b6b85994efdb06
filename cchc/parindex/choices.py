from django.db import models
from django.utils.translation import gettext_lazy as _


class NodeKind(models.TextChoices):
    AREA = "area", _("Area")
    CRITERION = "criterion", _("Criterion")
    SUB = "sub", _("Sub-criterion")


class AreaRole(models.TextChoices):
    """What an area is for: scored by appraisal, the sociological survey, or bonus/penalty."""

    SCORED = "scored", _("Scored by appraisal")
    SURVEY = "survey", _("Sociological survey")
    BONUS = "bonus", _("Bonus and penalty points")


class Rule(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    PROPORTIONAL = "proportional", _("Proportional to a measured figure")
    TIERS = "tiers", _("Tiers")
    JUDGEMENT = "judgement", _("By judgement")


class Stage(models.TextChoices):
    """Where a unit's assessment of a year stands; each stage follows the one before."""

    SELF = "self", _("Self-assessment")
    SUBMITTED = "submitted", _("Submitted, being appraised")
    EXPLAINING = "explaining", _("Explanation round")
    FINAL = "final", _("Final score published")
