from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    """Reform areas; the codes are a contract (specs/plan-import.md)."""

    DIRECTION = "direction", _("Direction and management of reform")
    INSTITUTIONS = "institutions", _("Institutional reform")
    PROCEDURES = "procedures", _("Administrative procedure reform")
    ORGANISATION = "organisation", _("Reform of the state administrative apparatus")
    CIVIL_SERVICE = "civil_service", _("Civil service reform")
    PUBLIC_FINANCE = "public_finance", _("Public finance reform")
    DIGITAL_GOVERNMENT = "digital_government", _("E-government and digital government")
    IMPACT = "impact", _("Impact of reform on people, organisations and development")
    QUALITY_MANAGEMENT = "quality_management", _("ISO 9001 quality management")
    OTHER = "other", _("Other tasks")


# The order areas take when a plan does not set its own (Resolution 76/NQ-CP's order).
AREA_ORDER = [code for code, _label in Area.choices]


class PlanKind(models.TextChoices):
    ANNUAL = "annual", _("Annual reform plan")
    INDEX_IMPROVEMENT = "index_improvement", _("Index improvement plan (PAR Index, SIPAS)")
    OTHER = "other", _("Other plan")


class PlanStatus(models.TextChoices):
    """A plan's life (docs/decisions/0050): draft → submitted → issued (in force) → closed,
    reopened to issued with a reason. Only an issued or closed plan's tasks are work."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


# Statuses whose tasks are work: occurrences, reminders, figures, "Việc của tôi" (tracking's
# `Occurrence.objects.live()`). A closed plan keeps its year's record; a draft is nobody's work.
WORKING_STATUSES = (PlanStatus.ISSUED, PlanStatus.CLOSED)


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("Amendment being prepared")
    ISSUED = "issued", _("Amendment issued")
    DISCARDED = "discarded", _("Amendment discarded")


class Verdict(models.TextChoices):
    PASS = "pass", _("Satisfactory")
    REVISE = "revise", _("Needs revision")


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    REGULAR = "regular", _("Regularly")


class Comparator(models.TextChoices):
    """How a target is judged. The first four compare a figure; the last three are the
    targets plans write in words (decision 0070): done or not ("đạt/không đạt"), all of it
    ("100%", the figure set to 100 %) and done before a date ("trước ngày")."""

    AT_LEAST = ">=", _("at least")
    AT_MOST = "<=", _("at most")
    EQUAL = "=", _("equal to")
    TOP = "top", _("within the top")
    ACHIEVED = "achieved", _("achieved / not achieved")
    ALL = "all", _("all of it (100%)")
    BEFORE = "before", _("done before the date")


# Comparators of targets stated in words: no figure to compare (decision 0070).
QUALITATIVE = (Comparator.ACHIEVED, Comparator.BEFORE)


class TargetUnit(models.TextChoices):
    PERCENT = "%", _("percent")
    POINTS = "points", _("points")
    COUNT = "count", _("count")
    RANK = "rank", _("rank")


class PartyRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATOR = "coordinator", _("Coordinator")


class ReportKind(models.TextChoices):
    Q1 = "q1", _("First quarter")
    H1 = "h1", _("Six months")
    M9 = "m9", _("Nine months")
    YEAR = "year", _("Year")
    OTHER = "other", _("Other")


class TaskState(models.TextChoices):
    """Whether a task is still to be done. A cancelled task keeps its reports and history but
    is no longer due: it leaves due lists, reminders and figures (tracking's `live()`)."""

    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Cancelled")
