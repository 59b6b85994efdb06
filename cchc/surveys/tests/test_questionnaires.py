import pytest

from cchc.audit.models import AuditEvent
from cchc.surveys.models import Item, Questionnaire
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_sipas_questionnaire_has_the_five_elements_and_typed_items():
    version = Questionnaire.objects.get(code="sipas-5").current()
    titles = [e.title for e in version.elements.all()]
    assert titles == [
        "Tiếp cận dịch vụ",
        "Thủ tục hành chính",
        "Sự phục vụ của công chức",
        "Kết quả giải quyết thủ tục hành chính",
        "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
    ]
    kinds = set(Item.objects.filter(element__version=version).values_list("kind", flat=True))
    assert kinds == {"assessment", "satisfaction", "expectation"}
    assert version.scale[0] == "Rất không hài lòng" and version.scale[4] == "Rất hài lòng"


def test_the_per_dossier_rating_is_a_second_template_with_twelve_criteria():
    version = Questionnaire.objects.get(code="ho-so-12").current()
    assert Item.objects.filter(element__version=version).count() == 12


def test_the_administrator_rewords_an_item_and_the_change_is_recorded(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin_login(client, admin)
    item = Item.objects.filter(element__version__questionnaire__code="sipas-5").first()
    response = client.post(
        f"/admin/surveys/item/{item.pk}/change/",
        {
            "element": item.element_id,
            "code": item.code,
            "text": "Câu mới",
            "kind": item.kind,
            "order": 9,
        },
    )
    assert response.status_code == 302, response.content[:500]
    item.refresh_from_db()
    assert (item.text, item.order) == ("Câu mới", 9)
    event = AuditEvent.objects.filter(action="item.update").latest("pk")
    assert event.after["text"] == "Câu mới"


def test_copying_a_version_keeps_the_wording_and_is_not_in_use_until_published(client):
    admin = UserFactory(username="root2", is_staff=True, is_superuser=True)
    admin_login(client, admin)
    version = Questionnaire.objects.get(code="sipas-5").current()
    reply = client.post(
        "/admin/surveys/questionnaireversion/",
        {"action": "copy_as_new_version", "_selected_action": [version.pk]},
    )
    assert reply.status_code == 302
    copy = version.questionnaire.versions.get(number=version.number + 1)
    assert not copy.published
    assert version.questionnaire.current() == version
    old = list(Item.objects.filter(element__version=version).values_list("code", "text"))
    new = list(Item.objects.filter(element__version=copy).values_list("code", "text"))
    assert old == new
    assert AuditEvent.objects.filter(action="questionnaireversion.create").exists()
