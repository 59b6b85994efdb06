"""The admin's note above a refused form is in Vietnamese (decision 0159): a commune's posts
saved without their kind were refused under "Please correct the errors below."."""

import pytest
from django.urls import reverse

from cchc.org.choices import UnitKind
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory


@pytest.mark.parametrize("posts", [1, 2])
def test_a_refused_unit_form_says_what_to_do_in_vietnamese(client, world, posts):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    data = {
        "code": "xa-moi",
        "name": "Xã Mới",
        "kind": UnitKind.COMMUNE,
        "parent": world.province.pk,
        "settings": "{}",
        "posts-TOTAL_FORMS": str(posts),
        "posts-INITIAL_FORMS": "0",
        "predecessions-TOTAL_FORMS": "0",
        "predecessions-INITIAL_FORMS": "0",
    }
    for i in range(posts):
        data[f"posts-{i}-name"] = f"Chức danh {i}"  # the kind left empty, as a newcomer does
        data[f"posts-{i}-order"] = "0"
    html = client.post(reverse("admin:org_unit_add"), data).content.decode()
    assert "Hãy sửa các lỗi được chỉ ra dưới đây." in html
    assert "Please correct" not in html
