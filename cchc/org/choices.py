from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    AGENCY = "agency", _("Agency")


class PostKind(models.TextChoices):
    POST = "post", _("Official post")
    OFFICE = "office", _("Office or department")


class Role(models.TextChoices):
    """What a membership lets a person do in its unit and every unit below it."""

    ADMIN = "admin", _("Administrator")
    FOCAL_POINT = "focal_point", _("CCHC focal point")
    LEADER = "leader", _("Leader")
    OFFICIAL = "official", _("Official")
    REVIEWER = "reviewer", _("Upper-level reviewer")
    VIEWER = "viewer", _("Viewer")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merged into")
    SPLIT = "split", _("Split into")
    RENAME = "rename", _("Renamed to")
    TRANSFER = "transfer", _("Transferred to")
