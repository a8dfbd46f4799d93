"""What a build made of the files under content/, and what it left out (pure)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .placement import SOURCE_EXTENSIONS

CONTENT_LISTS = (
    "pages",
    "hidden_pages",
    "draft_pages",
    "articles",
    "hidden_articles",
    "drafts",
    "translations",
    "hidden_translations",
    "draft_translations",
    "drafts_translations",
)


@dataclass
class Inventory:
    built: set[str] = field(default_factory=set)  # relative paths, `/`-separated
    pages: int = 0
    posts: int = 0
    drafts: int = 0  # previewed, or left out of the publish build
    skipped: dict[str, str] = field(default_factory=dict)  # relative path -> reason

    @classmethod
    def of(cls, generators, skipped: dict[str, str]) -> Inventory:
        inventory = cls(skipped=dict(skipped))
        seen: set[int] = set()
        for generator in generators:
            for name in CONTENT_LISTS:
                for item in getattr(generator, name, None) or []:
                    if id(item) not in seen:
                        seen.add(id(item))
                        inventory.add(item)
        inventory.drafts += sum(1 for reason in skipped.values() if reason == "draft")
        return inventory

    def add(self, item) -> None:
        self.built.add(item.relative_source_path.replace(os.sep, "/"))
        if item.metadata.get("draft"):
            self.drafts += 1
        elif type(item).__name__ == "Article":
            self.posts += 1
        else:
            self.pages += 1

    def counts(self, skipped: int) -> dict[str, int]:
        return {"pages": self.pages, "posts": self.posts, "drafts": self.drafts, "skipped": skipped}


@dataclass
class Unbuilt:
    files: dict[str, str] = field(default_factory=dict)  # relative path -> why not built
    types: dict[str, int] = field(default_factory=dict)  # post type folder -> file count

    @property
    def total(self) -> int:
        return len(self.files) + sum(self.types.values())


def source_files(content: Path) -> list[str]:
    """Every file under `content` a page could be made from (hidden folders aside)."""
    found = []
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SOURCE_EXTENSIONS):
                relpath = os.path.relpath(os.path.join(folder, name), content)
                found.append(relpath.replace(os.sep, "/"))
    return sorted(found)


def unbuilt_files(
    sources: list[str], inventory: Inventory, static: tuple[str, ...], types: list[str]
) -> Unbuilt:
    """Why each source file that no page or post came from was left out.

    Drafts are not listed: the build named each one when it left it out.
    """
    unbuilt = Unbuilt()
    for relpath in sources:
        if relpath in inventory.built or inventory.skipped.get(relpath) == "draft":
            continue
        top = relpath.split("/", 1)[0] if "/" in relpath else ""
        if top in types:
            unbuilt.types[top] = unbuilt.types.get(top, 0) + 1
        elif any(relpath.startswith(folder.rstrip("/") + "/") for folder in static):
            unbuilt.files[relpath] = "inside a static folder: copied as is, not made a page"
        else:
            unbuilt.files[relpath] = inventory.skipped.get(relpath) or (
                "not read (see the error above)"
            )
    return unbuilt
