"""The procedures' publication page on an installation whose catalogue is not loaded yet says
where it is loaded (decision 0159), not only that it is empty."""

from django.urls import reverse


def test_an_empty_catalogue_points_to_where_it_is_loaded(world, login):
    html = login(world.people.focal).get(reverse("dossiers:publication")).content.decode()
    assert "Danh mục chưa có thủ tục nào." in html
    assert "“Nhập số liệu hồ sơ TTHC”" in html and "“Danh mục thủ tục hành chính”" in html
    assert f'href="{reverse("basics:guide", args=["nhap-ho-so"])}"' in html
