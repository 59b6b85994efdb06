"""The Vietnamese guide served by the site, and the help link of every page."""

from __future__ import annotations

from django.urls import reverse


def test_the_guide_index_lists_the_guide_files(client, settings):
    page = client.get(reverse("basics:guide_index")).content.decode()
    assert reverse("basics:guide", args=["theo-doi-thuc-hien"]) in page
    assert reverse("basics:guide", args=["tim-kiem-va-tro-giup"]) in page


def test_a_guide_page_is_markdown_rendered_as_html(client):
    page = client.get(reverse("basics:guide", args=["theo-doi-thuc-hien"])).content.decode()
    assert "<h1" in page and "Ý kiến chỉ đạo" in page
    assert "## " not in page


def test_links_between_guide_files_become_pages(client, tmp_path, settings):
    (tmp_path / "a.md").write_text("# Trang A\n\nXem [trang B](b.md#muc).\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Trang B\n", encoding="utf-8")
    settings.GUIDE_DIR = tmp_path
    page = client.get(reverse("basics:guide", args=["a"])).content.decode()
    assert f'href="{reverse("basics:guide", args=["b"])}#muc"' in page


def test_unknown_or_crafted_page_names_are_404(client):
    assert client.get(reverse("basics:guide", args=["khong-co"])).status_code == 404
    assert client.get("/huong-dan/..%2F..%2FREADME/").status_code == 404
    assert client.post(reverse("basics:guide_index")).status_code == 405


def test_every_page_has_a_help_link_to_its_section(follow, world, login):
    client = login(world.people.official)
    task_page = client.get(reverse("tracking:task", args=[follow.office.pk])).content.decode()
    assert f'href="{reverse("basics:guide", args=["theo-doi-thuc-hien"])}"' in task_page
    plans = client.get(reverse("plans:list")).content.decode()
    assert f'href="{reverse("basics:guide", args=["nhap-ke-hoach"])}"' in plans
    notices = client.get(reverse("notifications:list")).content.decode()
    assert "help-link" in notices


def test_the_guide_is_read_from_inside_the_installed_package():
    # An installed wheel has no docs/ folder: the default guide folder is package data.
    import tomllib
    from fnmatch import fnmatch
    from pathlib import Path

    import cchc
    from cchc import settings as defaults

    package = Path(cchc.__file__).resolve().parent
    folder = Path(defaults.GUIDE_DIR).resolve()
    assert folder.is_relative_to(package)
    assert (folder / "vong-doi-ke-hoach.md").is_file()
    # and pyproject ships every page of it in the wheel
    config = tomllib.loads((package.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["cchc.basics"]
    pages = sorted(folder.glob("*.md"))
    assert pages
    basics = package / "basics"
    for page in pages:
        name = page.relative_to(basics).as_posix()
        assert any(fnmatch(name, pattern) for pattern in patterns), name


def test_no_guide_page_is_left_outside_the_package():
    # docs/huong-dan only points to the packaged guide: a page written there would not be served.
    from pathlib import Path

    import cchc

    docs = Path(cchc.__file__).resolve().parent.parent / "docs" / "huong-dan"
    assert [p.name for p in docs.glob("*.md")] == ["README.md"]


def test_every_link_of_the_guide_opens_a_page_of_the_site(client):
    # The guide is read on the site: a link to a file of the repository (docs/...) is a 404
    # there, and a link named after a file shows the user "nhap-ho-so.md".
    import re

    from cchc.basics import guide

    for entry in guide.pages():
        html = guide.page(entry.slug).html
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html):
            assert not text.endswith(".md"), (entry.slug, text)
            if href.startswith(("http://", "https://", "mailto:", "#")):
                continue
            assert href.startswith("/"), (entry.slug, href)
            path = href.split("#")[0]
            assert client.get(path).status_code == 200, (entry.slug, href)


def test_a_wide_table_of_the_guide_scrolls_in_its_own_box(client):
    page = client.get(reverse("basics:guide", args=["nhap-ho-so"])).content.decode()
    assert page.count("<table") == page.count('<div class="table-responsive"><table')
    assert "<table" in page
