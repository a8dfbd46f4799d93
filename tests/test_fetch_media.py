"""`fetch-media`: the old site's uploads and hot-linked images brought into content/.

Two local HTTP servers on 127.0.0.1 play the old WordPress site and a
photo-sharing host (FETCH_MEDIA_HOSTS points the real names at them). After
fetch-media and a publish build, every image is local: Chromium asks no other
host for anything and the real Apache, with the generated headers, reports no
CSP violation.
"""

from __future__ import annotations

import contextlib
import io
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import copy_project, invoke
from sitetools.fetch_media import addresses_in, check_file, find_references, plan

OLD = "http://votrecoachweb.com"
HOSTS = {"votrecoachweb.com", "www.votrecoachweb.com"}
THIRD = "photos.example.net"


def image_bytes(width: int, height: int, kind: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 60, 30)).save(buffer, kind)
    return buffer.getvalue()


# --- pure core ----------------------------------------------------------------------------


def test_addresses_are_found_in_html_markdown_srcset_and_shortcodes():
    text = (
        '<img src="/wp-content/uploads/a.jpg" srcset="/wp-content/uploads/a-300x200.jpg 300w, '
        '/wp-content/uploads/a.jpg 900w">\n![Photo](https://photos.example.net/p/1.png)\n'
        '[caption]<a href="/wp-content/uploads/b.pdf">PDF</a>[/caption] [Lien](/contact/)\n'
        "Voir http://votrecoachweb.com/wp-content/uploads/c.docx."
    )
    assert addresses_in(text) == [
        ("/wp-content/uploads/a.jpg", True),
        ("/wp-content/uploads/a-300x200.jpg", True),
        ("/wp-content/uploads/a.jpg", True),
        ("https://photos.example.net/p/1.png", True),
        ("/wp-content/uploads/b.pdf", False),
        ("https://photos.example.net/p/1.png", False),
        ("/contact/", False),
        ("https://photos.example.net/p/1.png", False),
        ("http://votrecoachweb.com/wp-content/uploads/c.docx", False),
    ]


def test_plan_fetches_each_missing_file_once_from_its_mapped_host():
    references = find_references(
        {
            "pages/a.md": '<img src="http://votrecoachweb.com/wp-content/uploads/2017/10/p.jpeg">'
            '<a href="/wp-content/uploads/2017/10/tarifs.pdf">t</a> [x](/services/)',
            "pages/b.md": "![B](https://i0.wp.com/votrecoachweb.com/wp-content/uploads/2017/10/"
            "p.jpeg?resize=300%2C200) ![C](https://photos.example.net/c.jpg) "
            "![D](/wp-content/uploads/deja.png) [E](https://ailleurs.example.org/doc.pdf)",
        }
    )
    result = plan(
        references,
        lambda name: name == "wp-content/uploads/deja.png",
        OLD,
        HOSTS,
        {"votrecoachweb.com": "http://127.0.0.1:9"},
    )
    assert [(d.path, d.url, d.pages) for d in result.fetch] == [
        (
            "images/external/photos.example.net/c.jpg",
            "https://photos.example.net/c.jpg",
            ("pages/b.md",),
        ),
        (
            "wp-content/uploads/2017/10/p.jpeg",
            "http://127.0.0.1:9/wp-content/uploads/2017/10/p.jpeg",
            ("pages/a.md", "pages/b.md"),
        ),
        (
            "wp-content/uploads/2017/10/tarifs.pdf",
            "http://127.0.0.1:9/wp-content/uploads/2017/10/tarifs.pdf",
            ("pages/a.md",),
        ),
    ]
    assert result.present == ["wp-content/uploads/deja.png"]


@pytest.mark.parametrize(
    ("content_type", "data", "problem"),
    [
        ("image/jpeg", b"\xff\xd8\xff\xe0rest", None),
        ("image/png", b"\x89PNG\r\n\x1a\nrest", None),
        ("image/webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", None),
        ("image/avif", b"\x00\x00\x00\x1cftypavif", None),
        ("application/pdf", b"%PDF-1.7\n", None),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK\x03\x04rest",
            None,
        ),
        ("image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', None),
        ("image/jpeg", b"<!DOCTYPE html><html>", "its first bytes are not one"),
        ("text/html", b"<!DOCTYPE html>", "served as text/html, not an image or document"),
        ("image/png", b"\xff\xd8\xff\xe0", "its first bytes are jpeg one"),
        ("image/svg+xml", b"<svg><script>alert(1)</script></svg>", "SVG with script"),
        ("image/svg+xml", b'<svg onload="x()"></svg>', "SVG with script"),
        ("image/gif", b"GIF89a", None),
        ("image/pjpeg", b"\xff\xd8\xff\xe0", None),
        ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None),
        ("application/vnd.ms-excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None),
        ("application/vnd.oasis.opendocument.text", b"PK\x03\x04", None),
        ("application/zip", b"PK\x03\x04", "refused: served as application/zip, not an image"),
        ("", b"\xff\xd8\xff\xe0", "refused: served as no type, not an image or document"),
        ("application/pdf", b"PK\x03\x04", "served as application/pdf but its first bytes are zip"),
        ("image/svg+xml", b'<svg><a href="javascript:x()">l</a></svg>', "SVG with script"),
        ("image/svg+xml", b"<svg><foreignObject/></svg>", "SVG with script"),
    ],
)
def test_a_file_is_kept_only_if_type_and_first_bytes_agree(content_type, data, problem):
    found = check_file(content_type, data[:64], data)
    assert found is None if problem is None else problem in found


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xdb", "jpeg"),
        (b"GIF87a\x01\x00", "gif"),
        (b"GIF89a\x01\x00", "gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"RIFX\x10\x00\x00\x00WEBPVP8 ", None),  # WEBP after another container
        (b"\x00\x00\x00\x1cftypavis", "avif"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "ole"),
        (b"PK\x03\x04\x14\x00", "zip"),
        (b'\xef\xbb\xbf \n<?xml version="1.0"?><svg xmlns="x"/>', "svg"),
        (b'<?xml version="1.0"?><html/>', None),
        (b"<SVG></SVG>", "svg"),
        (b"<!-- Generator: un logiciel de dessin -->\n<svg xmlns='x'/>", "svg"),
        (b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg/>', "svg"),
        (b"<!-- un commentaire --><html/>", None),
        (b"", None),
    ],
)
def test_first_bytes_tell_the_kind_of_file(head, kind):
    from sitetools.fetch_media import sniff  # noqa: PLC0415

    assert sniff(head) == kind


def test_an_svg_is_searched_for_script_only_when_given_whole():
    svg = b"<svg><script>alert(1)</script></svg>"
    assert check_file("image/svg+xml", svg[:64]) is None
    assert (
        check_file("image/svg+xml", svg[:64], svg) == "refused: SVG with script or event handlers"
    )


def test_page_sources_are_the_pages_not_the_media_or_hidden_folders(tmp_path):
    from sitetools.fetch_media import page_sources  # noqa: PLC0415

    for name in (
        "pages/a.md",
        "pages/b.HTML",
        "_posts/2016-01-01-c.markdown",
        "d.rst",
        "notes.txt",
        "wp-content/uploads/e.html",
        "images/f.md",
        ".git/g.md",
        "pages/photo.jpg",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "dossier.md").mkdir()  # a folder named like a page is no page
    found = [p.relative_to(tmp_path).as_posix() for p in page_sources(tmp_path)]
    assert found == ["_posts/2016-01-01-c.markdown", "d.rst", "pages/a.md", "pages/b.HTML"]


@pytest.mark.parametrize(
    ("url", "fetched"),
    [
        ("http://www.votrecoachweb.com/a.jpg?v=2", "http://127.0.0.1:9/a.jpg?v=2"),
        ("http://votrecoachweb.com/a.jpg", "http://127.0.0.1:9/a.jpg"),
        ("https://photos.example.net/b.jpg", "http://127.0.0.1:8/base/b.jpg"),
        ("https://ailleurs.example.org/c.jpg", "https://ailleurs.example.org/c.jpg"),
    ],
)
def test_fetch_media_hosts_send_a_host_to_another_base_url(url, fetched):
    from sitetools.fetch_media import mapped  # noqa: PLC0415

    host_map = {"votrecoachweb.com": "http://127.0.0.1:9", THIRD: "http://127.0.0.1:8/base/"}
    assert mapped(url, host_map) == fetched


def test_plan_says_why_a_missing_file_cannot_be_fetched():
    references = find_references(
        {
            "pages/a.md": "![Logo](/images/logo.png) ![Photo](/wp-content/uploads/p.jpg)"
            " ![Logo encore](/images/logo.png)",
        }
    )
    result = plan(references, lambda name: False, None, HOSTS, {})
    assert result.fetch == []
    assert result.unknown == [
        ("/images/logo.png", "content/images/logo.png is missing and has no other address"),
        ("/wp-content/uploads/p.jpg", "no old site address (set WORDPRESS_OLD_URL)"),
    ]


def test_plan_lists_a_file_already_there_once_whatever_its_addresses():
    references = find_references(
        {
            "pages/a.md": '<img src="/wp-content/uploads/p.jpg"> ![P](/wp-content/uploads/p.jpg)',
            "pages/b.md": "![P](http://votrecoachweb.com/wp-content/uploads/p.jpg)",
        }
    )
    result = plan(references, lambda name: name == "wp-content/uploads/p.jpg", OLD, HOSTS, {})
    assert result.fetch == []
    assert result.present == ["wp-content/uploads/p.jpg"]


def test_plan_fetches_images_linked_or_shown_and_only_this_sites_documents():
    references = find_references(
        {
            "pages/a.md": '<a href="https://photos.example.net/grande.jpg">photo</a>'
            ' <img src="https://photos.example.net/sans-extension">'
            ' <a href="https://photos.example.net/autre-page">page</a>'
            " [PDF](https://ailleurs.example.org/doc.pdf)"
            " [Contact](/contact/)",
        }
    )
    result = plan(references, lambda name: False, OLD, HOSTS, {})
    assert [(d.path, d.url) for d in result.fetch] == [
        (
            "images/external/photos.example.net/grande.jpg",
            "https://photos.example.net/grande.jpg",
        ),
        (
            "images/external/photos.example.net/sans-extension",
            "https://photos.example.net/sans-extension",
        ),
    ]
    assert result.unknown == []


def test_the_closing_table_counts_each_result_and_names_each_failure():
    from rich.console import Console  # noqa: PLC0415

    from sitetools.fetch_media import Download, Outcome, Plan, report  # noqa: PLC0415

    def download(path: str) -> Download:
        return Download(path, f"http://127.0.0.1:9/{path}", f"http://old.example/{path}", ("p.md",))

    resized = Outcome(download("wp-content/uploads/a-300x200.jpg"), "failed", "HTTP 404")
    outcomes = [
        Outcome(download("wp-content/uploads/b.jpg"), "downloaded", "b.jpg", 1024 * 1024),
        Outcome(download("wp-content/uploads/c.pdf"), "downloaded", "c.pdf", 512 * 1024),
        Outcome(download("wp-content/uploads/d.png"), "already there"),
        Outcome(download("wp-content/uploads/e.png"), "failed", "timed out after 30 s"),
        resized,
    ]
    the_plan = Plan(present=["wp-content/uploads/f.gif"], unknown=[("/images/g.png", "pourquoi")])
    out = io.StringIO()
    report(the_plan, outcomes, Console(file=out, width=200), [resized])
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    assert lines[:3] == [
        "failed: timed out after 30 s: http://old.example/wp-content/uploads/e.png "
        "(content/wp-content/uploads/e.png, named in p.md)",
        "failed: HTTP 404: http://old.example/wp-content/uploads/a-300x200.jpg "
        "(content/wp-content/uploads/a-300x200.jpg, named in p.md; "
        "the build shows its original instead)",
        "not fetchable: /images/g.png: pourquoi",
    ]
    rows = [table_row(out.getvalue(), label) for label in ("downloaded", "already there")]
    assert rows == [["downloaded", "2", "1.5 MB"], ["already there", "2"]]
    assert table_row(out.getvalue(), "failed")[:2] == ["failed", "2"]
    assert lines[-1] == (
        "Pages keep showing a failed image as a link to its old address; "
        "run the command again once the old site answers."
    )


def test_plugin_folders_named_relative_to_the_project_go_first_on_the_import_path(monkeypatch):
    from sitetools.fetch_media import ROOT, plugins_on_path  # noqa: PLC0415

    monkeypatch.setattr(sys, "path", list(sys.path))
    plugins_on_path({"PLUGIN_PATHS": ["greffons-a", "/opt/greffons-b"]})
    assert sys.path[:2] == [str(ROOT / "greffons-a"), "/opt/greffons-b"]
    plugins_on_path({"PLUGIN_PATHS": ["greffons-a"]})
    assert sys.path.count(str(ROOT / "greffons-a")) == 1  # never added twice


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 KB"),
        (1536, "2 KB"),
        (1024 * 1024 - 1, "1024 KB"),
        (1024 * 1024, "1.0 MB"),
        (1520434, "1.4 MB"),  # 1.449999 MiB
        (1520436, "1.5 MB"),  # 1.450001 MiB
    ],
)
def test_sizes_read_in_kilobytes_then_megabytes(size, shown):
    from sitetools.fetch_media import readable  # noqa: PLC0415

    assert readable(size) == shown


# --- local hosts ----------------------------------------------------------------------------


class Host:
    """A tiny HTTP host on 127.0.0.1: path -> (status, content type, body, delay in s)."""

    def __init__(self, routes: dict[str, tuple[int, str, bytes, float]]) -> None:
        self.routes = routes
        self.requests: list[str] = []
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                host.requests.append(self.path)
                status, content_type, body, delay = host.routes.get(
                    urlsplit(self.path).path, (404, "text/html", b"<h1>Not found</h1>", 0)
                )
                time.sleep(delay)
                with contextlib.suppress(OSError):  # the client gave up: fine
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.server
def test_fetch_keeps_checked_files_and_says_why_each_other_failed(tmp_path):
    from sitetools.fetch_media import Download, fetch  # noqa: PLC0415

    png = image_bytes(40, 30, "PNG")
    host = Host(
        {
            "/a.jpg": (200, "image/jpeg", image_bytes(40, 30), 0),
            "/sans-nom": (200, "image/png", png, 0),
            "/grand.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(1536 * 1024), 0),
            "/page.jpg": (200, "text/html; charset=utf-8", b"<!DOCTYPE html>", 0),
        }
    )
    content, partial = tmp_path / "content", tmp_path / "cache" / "partial"
    (content / "images").mkdir(parents=True)
    (content / "images" / "deja.jpg").write_bytes(b"mine")

    def download(path: str, address: str) -> Download:
        return Download(path, address, address, ("pages/a.md",))

    downloads = [
        download("images/a.jpg", host.url + "/a.jpg"),
        download("images/sans-nom", host.url + "/sans-nom"),
        download("images/grand.jpg", host.url + "/grand.jpg"),
        download("images/page.jpg", host.url + "/page.jpg"),
        download("images/absent.jpg", host.url + "/absent.jpg"),
        download("images/deja.jpg", host.url + "/deja.jpg"),
    ]
    done = []
    try:
        outcomes = fetch(
            downloads, content, partial, workers=2, max_bytes=1024 * 1024, done=done.append
        )
    finally:
        host.close()
    assert [(o.download.path, o.result, o.detail) for o in outcomes] == [
        ("images/a.jpg", "downloaded", "images/a.jpg"),
        ("images/absent.jpg", "failed", "HTTP 404"),
        ("images/deja.jpg", "already there", ""),
        ("images/grand.jpg", "failed", "too large: 1.5 MB"),
        ("images/page.jpg", "failed", "refused: served as text/html, not an image or document"),
        ("images/sans-nom", "downloaded", "images/sans-nom.png"),
    ]
    assert sorted(o.download.path for o in done) == sorted(d.path for d in downloads)
    assert outcomes[5].size == len(png)
    assert (content / "images" / "sans-nom.png").read_bytes() == png
    assert (content / "images" / "deja.jpg").read_bytes() == b"mine"
    assert not (content / "images" / "grand.jpg").exists()
    assert "/deja.jpg" not in host.requests
    assert not partial.exists()


@pytest.mark.server
def test_a_file_of_exactly_the_size_limit_is_kept(tmp_path):
    from sitetools.fetch_media import Download, fetch  # noqa: PLC0415

    png = image_bytes(40, 30, "PNG")
    host = Host({"/juste.png": (200, "image/png", png, 0)})
    address = host.url + "/juste.png"
    try:
        (outcome,) = fetch(
            [Download("images/juste.png", address, address, ("pages/a.md",))],
            tmp_path / "content",
            tmp_path / "partial",
            max_bytes=len(png),
        )
    finally:
        host.close()
    assert (outcome.result, outcome.size) == ("downloaded", len(png))
    assert (tmp_path / "content" / "images" / "juste.png").read_bytes() == png


@pytest.mark.server
def test_a_host_that_does_not_answer_is_named_unreachable(tmp_path):
    from conftest import free_port  # noqa: PLC0415
    from sitetools.fetch_media import Download, fetch  # noqa: PLC0415

    address = f"http://127.0.0.1:{free_port()}/a.jpg"
    (outcome,) = fetch(
        [Download("images/a.jpg", address, address, ("pages/a.md",))],
        tmp_path / "content",
        tmp_path / "partial",
        timeout=5,
    )
    assert outcome.result == "failed"
    assert outcome.detail.startswith("unreachable: ")
    assert not (tmp_path / "content" / "images").exists()


UPLOAD = "/wp-content/uploads/2017/10/"
PHOTO = image_bytes(1200, 800)
PAGE = f"""---
id: 40
title: Nos ateliers
date: 2017-10-02T10:00:00+01:00
author: bertrand
layout: page
guid: http://votrecoachweb.com/?page_id=40
---
<img src="http://votrecoachweb.com{UPLOAD}atelier-300x200.jpeg" alt="Atelier" width="300" \
height="200" srcset="http://votrecoachweb.com{UPLOAD}atelier-300x200.jpeg 300w, \
http://votrecoachweb.com{UPLOAD}atelier.jpeg 1200w" sizes="(max-width: 300px) 100vw, 300px" />

<img src="https://i0.wp.com/votrecoachweb.com{UPLOAD}equipe.png?resize=600%2C400" alt="Équipe">

<img src="https://{THIRD}/albums/salle.jpg" alt="La salle">

<img src="https://{THIRD}/albums/disparue.jpg" alt="Disparue">

<img src="https://{THIRD}/albums/lente.jpg" alt="Lente">

<img src="https://{THIRD}/albums/pas-une-image.jpg" alt="Pas une image">

<img src="https://{THIRD}/albums/enorme.jpg" alt="Énorme">

Le programme : <a href="{UPLOAD}programme.pdf">programme en PDF</a>.
"""


def old_site_routes() -> dict:
    return {
        UPLOAD + "atelier-300x200.jpeg": (404, "text/html", b"gone", 0),  # resized copy lost
        UPLOAD + "atelier.jpeg": (200, "image/jpeg", PHOTO, 0),
        UPLOAD + "equipe.png": (200, "image/png", image_bytes(600, 400, "PNG"), 0),
        UPLOAD + "programme.pdf": (200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", 0),
    }


def third_party_routes() -> dict:
    return {
        "/albums/salle.jpg": (200, "image/jpeg", image_bytes(800, 600), 0),
        "/albums/lente.jpg": (200, "image/jpeg", image_bytes(80, 60), 3),
        "/albums/pas-une-image.jpg": (200, "image/jpeg", b"<!DOCTYPE html><title>x</title>", 0),
        "/albums/enorme.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(3 * 1024 * 1024), 0),
    }


def make_project(target: Path, old: Host, third: Host, **settings) -> Path:
    """A copy of the project whose settings send the real names to the local hosts."""
    copy_project(target)
    hosts = {"votrecoachweb.com": old.url, THIRD: third.url}
    lines = [f"FETCH_MEDIA_HOSTS = {hosts!r}", *(f"{k} = {v!r}" for k, v in settings.items())]
    with open(target / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write("\n# test hosts\n" + "\n".join(lines) + "\n")
    return target


@pytest.fixture(scope="module")
def hosts():
    old, third = Host(old_site_routes()), Host(third_party_routes())
    yield old, third
    old.close()
    third.close()


@pytest.fixture(scope="module")
def fetched(tmp_path_factory, hosts):
    """A project whose page references all kinds of media, after one fetch-media."""
    old, third = hosts
    project = make_project(
        tmp_path_factory.mktemp("fetch") / "project",
        old,
        third,
        FETCH_MEDIA_TIMEOUT=1.5,
        FETCH_MEDIA_MAX_BYTES=2 * 1024 * 1024,
    )
    (project / "content" / "pages" / "ateliers.md").write_text(PAGE, encoding="utf-8")
    run = invoke(project, "fetch-media")
    return project, run


def table_row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if f" {label} " in line)
    return [cell.strip() for cell in line.strip("│┃| \n").split("│") if cell.strip()]


@pytest.mark.server
def test_fetch_media_brings_the_files_and_reports_each_failure(fetched):
    project, run = fetched
    output = run.stdout + run.stderr
    assert run.returncode == 1, output  # some files failed
    content = project / "content"
    assert (content / "wp-content/uploads/2017/10/atelier.jpeg").read_bytes() == PHOTO
    assert (content / "wp-content/uploads/2017/10/equipe.png").is_file()
    assert (content / "wp-content/uploads/2017/10/programme.pdf").read_bytes().startswith(b"%PDF")
    assert (content / "images/external/photos.example.net/albums/salle.jpg").is_file()
    for missing in ("disparue", "lente", "pas-une-image", "enorme"):
        assert not (content / f"images/external/photos.example.net/albums/{missing}.jpg").exists()
    assert table_row(output, "downloaded")[:2] == ["downloaded", "4"]
    assert table_row(output, "already there")[:2] == ["already there", "0"]
    assert table_row(output, "failed")[:2] == ["failed", "5"]  # 2 x 404, a timeout, 2 refused
    flat = " ".join(output.split())
    assert (
        "failed: HTTP 404: http://votrecoachweb.com/wp-content/uploads/2017/10/atelier-300x200.jpeg"
        " (content/wp-content/uploads/2017/10/atelier-300x200.jpeg, named in pages/ateliers.md;"
        " the build shows its original instead)" in flat
    )
    assert "failed: HTTP 404: https://photos.example.net/albums/disparue.jpg" in flat
    assert "timed out after 1.5 s" in flat
    assert "refused: served as image/jpeg but its first bytes are not one" in flat
    assert "too large: 3.0 MB" in flat
    assert (
        not list(content.rglob("*.part")) and not (project / "cache/fetch-media-partial").exists()
    )


@pytest.mark.server
def test_a_second_run_downloads_nothing(fetched, hosts):
    project, _ = fetched
    old, third = hosts
    before = len(old.requests) + len(third.requests)
    run = invoke(project, "fetch-media")
    output = run.stdout + run.stderr
    assert table_row(output, "downloaded")[:2] == ["downloaded", "0"]
    assert table_row(output, "already there")[:2] == ["already there", "4"]
    # only the five failures are asked again (the old site may answer now)
    assert len(old.requests) + len(third.requests) - before == 5


@pytest.mark.server
def test_dry_run_lists_what_it_would_fetch_and_fetches_nothing(tmp_path, hosts):
    old, third = hosts
    project = make_project(tmp_path / "project", old, third)
    (project / "content" / "pages" / "ateliers.md").write_text(PAGE, encoding="utf-8")
    before = len(old.requests) + len(third.requests)
    run = invoke(project, "fetch-media", "--dry-run")
    assert run.returncode == 0, run.stderr
    output = " ".join((run.stdout + run.stderr).split())
    assert (
        f"would fetch {old.url}{UPLOAD}atelier.jpeg -> content/wp-content/uploads/2017/10/"
        "atelier.jpeg" in output
    )
    assert "fetch-media --dry-run: 9 to fetch, 0 already there, 0 not fetchable" in output
    assert len(old.requests) + len(third.requests) == before
    assert not (project / "content" / "wp-content").exists()


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_a_run_stopped_midway_resumes_and_finishes(tmp_path, stop):
    slow = {f"/wp-content/uploads/2018/01/photo-{n:02d}.png": n for n in range(12)}
    old = Host(
        {path: (200, "image/png", image_bytes(40 + n, 30, "PNG"), 0.3) for path, n in slow.items()}
    )
    third = Host({})
    try:
        project = make_project(tmp_path / "project", old, third, FETCH_MEDIA_WORKERS=2)
        body = "\n\n".join(f"![Photo {n}]({path})" for path, n in slow.items())
        page = "---\ntitle: Galerie\ndate: 2018-01-01\n---\n" + body + "\n"
        (project / "content" / "pages" / "galerie.md").write_text(page, encoding="utf-8")
        uploads = project / "content" / "wp-content" / "uploads" / "2018" / "01"
        # Ctrl-C as a terminal delivers it, even when the suite itself runs in the
        # background, where the shell starts it with SIGINT ignored (inherited by
        # children); a handled signal is reset to the default in the child.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "invoke", "fetch-media"],
                cwd=project,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        finally:
            signal.signal(signal.SIGINT, previous)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(uploads.glob("*.png"))) < 3:
            time.sleep(0.05)
        process.send_signal(stop)  # SIGKILL: no chance to clean up
        stopped = process.communicate(timeout=20)[0].decode()
        if stop == signal.SIGINT:
            assert process.returncode == 130, stopped
            assert "interrupted; the files already downloaded are kept" in stopped
            assert "Traceback" not in stopped
        done_before = len(list(uploads.glob("*.png")))
        assert 3 <= done_before < 12
        run = invoke(project, "fetch-media")
        assert run.returncode == 0, run.stdout + run.stderr
        output = run.stdout + run.stderr
        assert table_row(output, "downloaded")[:2] == ["downloaded", str(12 - done_before)]
        assert table_row(output, "already there")[:2] == ["already there", str(done_before)]
        for path, n in slow.items():
            with Image.open(project / "content" / path.lstrip("/")) as image:
                assert image.size == (40 + n, 30)
    finally:
        old.close()
        third.close()


# --- the publish build after fetch-media ------------------------------------------------------


@pytest.fixture(scope="module")
def published(fetched):
    from sitetools.build import build  # noqa: PLC0415

    project, _ = fetched
    log = io.StringIO()
    result = build(
        project / "publishconf.py",
        overrides={"SITEURL": "", "FEED_DOMAIN": "", "CACHE_PATH": str(project / "cache")},
        stream=log,
    )
    assert result.ok, log.getvalue()
    return project / "output", log.getvalue()


def local(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


@pytest.mark.server
def test_after_fetch_media_every_image_of_the_publish_build_is_local(published):
    output, log = published
    soup = BeautifulSoup((output / "ateliers/index.html").read_text("utf-8"), "lxml")
    article = soup.find("article")
    images = article.find_all("img")
    assert len(images) == 3  # atelier, équipe, salle; the four that failed are links
    for tag in [*images, *article.find_all("source")]:
        urls = [tag.get("src")] if tag.name == "img" else []
        urls += [entry.split()[0] for entry in tag.get("srcset", "").split(", ") if entry]
        for url in urls:
            assert local(url), url
            assert (output / url.lstrip("/")).is_file(), url
    assert images[0]["src"] == "/wp-content/uploads/2017/10/atelier.jpeg"  # resized copy lost
    assert (images[0]["width"], images[0]["height"]) == ("300", "200")
    links = {a.get_text(): a["href"] for a in article.find_all("a")}
    assert links["Disparue"] == "https://photos.example.net/albums/disparue.jpg"
    assert links["programme en PDF"] == "/wp-content/uploads/2017/10/programme.pdf"
    assert "pages/ateliers.md: warning: image still on photos.example.net" in log


@pytest.mark.server
@pytest.mark.browser
def test_published_page_asks_no_other_host_and_breaks_no_csp_on_apache(browser, published):
    from servers import apache, public_copy  # noqa: PLC0415

    output, _ = published
    with apache(public_copy(output)) as port:
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        requested: list[str] = []
        violations: list[str] = []
        tab.on("request", lambda r: requested.append(r.url))
        tab.on(
            "console", lambda m: "Content Security Policy" in m.text and violations.append(m.text)
        )
        tab.goto(f"http://127.0.0.1:{port}/ateliers/")
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images load too
        tab.wait_for_load_state("networkidle")
        seen = tab.evaluate(
            "() => new Promise(done => { let n = 0; document.addEventListener("
            "'securitypolicyviolation', () => n++); setTimeout(() => done(n), 300); })"
        )
        complete = tab.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        tab.close()
    assert [u for u in requested if urlsplit(u).hostname != "127.0.0.1"] == []
    assert any(u.endswith((".avif", ".webp")) for u in requested)
    assert seen == 0 and violations == []
    assert complete  # no broken image


def test_an_svg_with_a_long_xml_prologue_is_kept(tmp_path):
    from sitetools.fetch_media import keep  # noqa: PLC0415

    prologue = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- ' + b"x" * 200 + b" -->\n"
    scratch = tmp_path / "scratch.svg"
    scratch.write_bytes(prologue + b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    name = keep(scratch, "image/svg+xml", "wp-content/uploads/logo.svg", tmp_path / "content")
    assert name == "wp-content/uploads/logo.svg"
    assert (tmp_path / "content" / name).read_bytes().endswith(b"/>")
