from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    SIPAS = "sipas", _("Khảo sát mức độ hài lòng (kiểu SIPAS, 5 yếu tố)")
    DOSSIER = "dossier", _("Đánh giá theo hồ sơ (12 tiêu chí)")


class ItemKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Đánh giá")
    SATISFACTION = "satisfaction", _("Hài lòng")
    EXPECTATION = "expectation", _("Mong đợi")


class Aggregation(models.TextChoices):
    ELEMENTS = "elements", _("Trung bình các yếu tố (mỗi yếu tố là trung bình các câu)")
    ITEMS = "items", _("Trung bình tất cả các câu")
    POOLED = "pooled", _("Gộp mọi câu trả lời hợp lệ")


class Channel(models.TextChoices):
    QR = "qr", _("Mã QR / đường dẫn")
    DOSSIER = "dossier", _("Đường dẫn theo hồ sơ")
    KIOSK = "kiosk", _("Máy kiosk")


DEFAULT_SCALE = [
    "Rất không hài lòng",
    "Không hài lòng",
    "Bình thường",
    "Hài lòng",
    "Rất hài lòng",
]
# the values that count as "satisfied" or "very satisfied" on the five-point scale
SATISFIED_FROM = 4
