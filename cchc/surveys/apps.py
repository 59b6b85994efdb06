from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "cchc.surveys"
    label = "surveys"
    verbose_name = _("Khảo sát hài lòng")

    def ready(self) -> None:
        from cchc.audit.history import register

        from . import measures, menu  # noqa: F401

        measures.install()

        register(
            actions={
                "survey.device_issue": _("Cấp thiết bị kiosk"),
                "survey.device_revoke": _("Thu hồi thiết bị kiosk"),
                "survey.campaign_create": _("Tạo đợt khảo sát"),
                "survey.campaign_edit": _("Sửa đợt khảo sát"),
                "survey.campaign_close": _("Đóng đợt khảo sát"),
                "survey.targets_set": _("Đặt chỉ tiêu số phiếu khảo sát"),
            }
        )
