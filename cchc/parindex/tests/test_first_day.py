"""A commune's PAR Index page before the province has loaded the year's criteria (decision
0159): it says who loads them and where the guide is, not only that there are none."""

from django.urls import reverse


def test_the_commune_is_told_who_loads_the_criteria_set(world, login):
    html = (
        login(world.people.focal)
        .get(reverse("parindex:assessment", args=["xa-a", 2026]))
        .content.decode()
    )
    assert "Chưa có bộ tiêu chí Chỉ số CCHC năm 2026" in html
    assert "cán bộ thẩm định hoặc quản trị viên cấp tỉnh" in html
    assert f'href="{reverse("basics:guide", args=["chi-so-par"])}"' in html
