"""Minified HTML and CSS for the publish build, through minify-html (pure functions)."""

from __future__ import annotations

import minify_html


def minify_page(html: str) -> str:
    # Closing tags, <html>/<head> and the doctype are kept: the result stays
    # valid for the Nu Html Checker and easy to parse for tests and tools.
    return minify_html.minify(
        html,
        keep_closing_tags=True,
        keep_html_and_head_opening_tags=True,
        minify_css=True,
        minify_js=True,
    )


def minify_stylesheet(css: str) -> str:
    # minify-html minifies CSS inside <style>; wrap, minify, unwrap.
    wrapped = minify_html.minify(f"<style>{css}</style>", minify_css=True)
    return wrapped.removeprefix("<style>").removesuffix("</style>")
