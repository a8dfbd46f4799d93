"""The regression corpus (tests/corpus/) comes out of the migration as WordPress showed it.

Runs bench/fidelity.py's measurement once over the whole corpus (one build,
one Nu run, one Chromium) and fails on anything a visitor would see as broken.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import fidelity  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def report(browser):
    # The session's Chromium: playwright's sync API cannot start a second one meanwhile.
    return fidelity.measure(fidelity.CORPUS, browser=browser)


def test_the_corpus_has_the_shapes_of_real_exports():
    files = sorted(fidelity.CORPUS.glob("*.md"))
    fronts = [fidelity.split_export(f.read_text("utf-8"))[0] for f in files]
    assert len(files) >= 40
    assert sum("\nguid:" in "\n" + f for f in fronts) >= 20  # exporter 2.x
    assert sum("\npost_title:" in "\n" + f for f in fronts) >= 10  # exporter 1.x
    assert {f.name[:2] for f in files} == {"fr", "en", "it", "de"}


def test_nu_and_axe_ran(report):
    assert report.skipped == []


def test_no_traceback_no_error(report):
    assert "Traceback" not in report.log
    assert {r.name: r.errors for r in report.files if r.errors} == {}


def test_every_file_is_on_a_page(report):
    assert [r.name for r in report.files if not r.page] == []


def test_no_markup_debris_and_no_style_left(report):
    assert {r.name: r.debris for r in report.files if r.debris} == {}
    assert {r.name: r.style for r in report.files if r.style} == {}


def test_no_broken_structure(report):
    assert {r.name: r.structure for r in report.files if r.structure} == {}


def test_words_are_lost_only_with_a_warning_saying_so(report):
    unannounced = {r.name: r.lost for r in report.files if r.lost and not r.announced_loss}
    assert unannounced == {}
    lost = {r.name: sorted(set(r.lost)) for r in report.files if r.lost}
    assert lost == {"en-v2-hidden-spam.md": ["cheap", "replica", "watches"]}


def test_no_nu_error_nor_axe_violation_in_migrated_markup(report):
    assert {r.name: r.nu for r in report.files if r.nu} == {}
    assert {r.name: r.axe for r in report.files if r.axe} == {}


def test_shortcode_warnings_name_real_shortcodes_only(report):
    found = sorted(
        (r.name, w) for r in report.files for w in r.warnings if "shortcode" in w or "gallery" in w
    )
    assert found == [
        (
            "de-v2-divi-sections.md",
            "page-builder shortcodes removed, their content kept (layout not migrated): "
            "[et_pb_section], [et_pb_row], [et_pb_column], [et_pb_text]",
        ),
        (
            "de-v2-pagebuilder-shortcodes.md",
            "page-builder shortcodes removed, their content kept (layout not migrated): "
            "[vc_row], [vc_column], [vc_column_text], [su_button]",
        ),
        (
            "de-v2-stray-closers.md",
            "closing shortcode [/et_pb_column] without an opening one removed",
        ),
        (
            "de-v2-stray-closers.md",
            "closing shortcode [/et_pb_text] without an opening one removed",
        ),
        (
            "de-v2-stray-closers.md",
            "closing shortcode [/su_highlight] without an opening one removed",
        ),
        (
            "en-v1-nested-shortcodes.md",
            "page-builder shortcodes removed, their content kept (layout not migrated): "
            "[one_half], [one_half_last], [su_note]",
        ),
        (
            "fr-v2-shortcodes-forms.md",
            "form shortcode [contact-form-7] removed: the site has no forms",
        ),
        (
            "fr-v2-shortcodes-forms.md",
            "form shortcode [wysija_form] removed: the site has no forms",
        ),
        (
            "it-v2-caption-e-galleria.md",
            "gallery without images in the export removed (attachments 304,305)",
        ),
    ]


def test_the_bench_prints_a_line_per_file_and_totals(report, capsys):
    fidelity.print_report(report)
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith(("fr-", "en-", "it-", "de-")) for line in lines) == len(report.files)
    total = next(line for line in lines if line.startswith("total:"))
    assert f"total: {len(report.files)} files, words kept" in total
    assert "files with debris 0" in total and "Nu errors 0, axe violations 0" in total
