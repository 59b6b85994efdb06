"""The campaign form: input validation only (the rules are in actions.save_campaign)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from cchc.formats.inputs import DayField

from .choices import Channel
from .models import Campaign, QuestionnaireVersion


class DeviceForm(forms.Form):
    """The name of a kiosk device to issue: what the unit calls the tablet (decision 0175)."""

    name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Nhập tên thiết bị.",
            "max_length": "Tên thiết bị dài tối đa %(limit_value)d ký tự (đã nhập %(show_value)d).",
        },
    )


class CampaignForm(forms.ModelForm):
    """A campaign's questionnaire version, period, aggregation, margin and channels, and the
    number of answers wanted from the organising unit itself."""

    channels = forms.MultipleChoiceField(
        label="Kênh nhận ý kiến",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một kênh nhận ý kiến."},
    )
    target = forms.IntegerField(
        label="Số phiếu cần thu của đơn vị tổ chức",
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text="Để trống nếu không đặt; chỉ tiêu của các đơn vị trực thuộc đặt ở trang đợt.",
    )

    class Meta:
        model = Campaign
        fields = ["name", "version", "starts_on", "ends_on", "aggregation", "margin", "channels"]
        field_classes = {"starts_on": DayField, "ends_on": DayField}
        # the margin written and read as Vietnamese write it, 0,05 (a number box showed 0.05
        # and refused the comma; decision 0172)
        localized_fields = ["margin"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = QuestionnaireVersion.objects.filter(
            published=True
        ).select_related("questionnaire")
        self.fields["version"].empty_label = "— Chọn phiếu khảo sát —"
        self.fields["margin"].validators += [
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("0.2")),
        ]
        self.fields["margin"].widget.attrs.update(inputmode="decimal", autocomplete="off")
        for field in self.fields.values():
            css = "form-check-input" if field is self.fields["channels"] else "form-control"
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
        return data
