"""The evidence view in a real browser: headless Chromium renders it, the test looks at the
pixels the way a reader would (memo left, the followed citation highlighted on the right)."""

from __future__ import annotations

import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from document_files import CHROMIUM_FLAGS, run_tool
from scripted_server import ScriptedServer, completion
from seed_answers import inventive_single_pass

import briefgen
from briefgen.render.evidence import render_evidence_html


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _find_chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium, chromium-browser or google-chrome"),
]

WIDTH, HEIGHT = 1400, 1000
HIGHLIGHT = (0xFF, 0xC4, 0x00)  # --target in evidence.html.j2
SHARED_SCREENSHOT = Path("/tmp/evidence_view.png")


def _chromium(profile: Path, *args: str, timeout: float = 60) -> str:
    """Run headless Chromium once; its stdout. The offline-safe flags keep it from hanging."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        *CHROMIUM_FLAGS,
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
        *args,
    ]
    try:
        return run_tool(command, timeout=timeout, what="Chromium")
    except RuntimeError as exc:
        pytest.fail(f"{exc}: {' '.join(command)}")


@dataclass
class Image:
    width: int
    height: int
    channels: int
    rows: list[bytearray]

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        row, at = self.rows[y], x * self.channels
        return row[at], row[at + 1], row[at + 2]


def decode_png(data: bytes) -> Image:
    """8-bit RGB or RGBA, non-interlaced: what Chromium writes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, bytearray()
    width = height = color_type = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color_type in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    channels = 3 if color_type == 2 else 4
    stride = width * channels
    raw = zlib.decompress(bytes(idat))
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind, line, previous, channels)
        rows.append(line)
        previous = line
    return Image(width, height, channels, rows)


def _unfilter(kind: int, line: bytearray, above: bytearray, bpp: int) -> None:
    if kind == 1:  # Sub
        for x in range(bpp, len(line)):
            line[x] = (line[x] + line[x - bpp]) & 0xFF
    elif kind == 2:  # Up
        for x in range(len(line)):
            line[x] = (line[x] + above[x]) & 0xFF
    elif kind == 3:  # Average
        for x in range(len(line)):
            left = line[x - bpp] if x >= bpp else 0
            line[x] = (line[x] + (left + above[x]) // 2) & 0xFF
    elif kind == 4:  # Paeth
        for x in range(len(line)):
            a = line[x - bpp] if x >= bpp else 0
            b = above[x]
            c = above[x - bpp] if x >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            predicted = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[x] = (line[x] + predicted) & 0xFF
    else:
        assert kind == 0, f"unknown PNG filter {kind}"


@dataclass
class Census:
    highlight: int = 0
    ink: int = 0
    highlight_rows: tuple[int, int] = (-1, -1)
    filled_rows: int = 0  # rows with a long run of highlight: a filled background, not a rim


def census(image: Image, x_from: int, x_to: int) -> Census:
    """Highlight-coloured and dark (text) pixels in columns [x_from, x_to)."""
    found = Census()
    top, bottom = image.height, -1
    for y in range(image.height):
        in_row = 0
        for x in range(x_from, x_to):
            r, g, b = image.pixel(x, y)
            if abs(r - HIGHLIGHT[0]) <= 6 and abs(g - HIGHLIGHT[1]) <= 6 and b <= 12:
                in_row += 1
                top, bottom = min(top, y), max(bottom, y)
            elif r < 110 and g < 110 and b < 110:
                found.ink += 1
        found.highlight += in_row
        found.filled_rows += in_row >= 150
    found.highlight_rows = (top, bottom)
    return found


def test_a_followed_citation_is_highlighted_beside_the_memo(
    seed_text: str, server: ScriptedServer, tmp_path: Path
) -> None:
    server.push(completion(inventive_single_pass()))
    brief = briefgen.generate_brief(seed_text, base_url=server.base_url, model="scripted-model")
    page = tmp_path / "memo.html"
    page.write_text(render_evidence_html(brief), encoding="utf-8")
    # The last quote's sentence sits low in the article: the view must scroll to show it.
    target = brief.data.quotes[-1].sentence_ids[0]
    profile = tmp_path / "chromium-profile"

    dom = _chromium(profile, "--dump-dom", page.as_uri())
    assert f'id="{target}"' in dom and "INFORMATION MEMO" in dom
    assert "<script" not in dom.lower()

    shots = {}
    for name, url in (("target", f"{page.as_uri()}#{target}"), ("plain", page.as_uri())):
        shot = tmp_path / f"evidence-{name}.png"
        _chromium(profile, f"--screenshot={shot}", url)
        shots[name] = decode_png(shot.read_bytes())
    shutil.copyfile(tmp_path / "evidence-target.png", SHARED_SCREENSHOT)

    image = shots["target"]
    assert (image.width, image.height) == (WIDTH, HEIGHT)
    half = image.width // 2
    left, right = census(image, 0, half), census(image, half, image.width)
    # The memo is on the left: plenty of text, and none of the highlight colour.
    assert left.ink > 3000, left
    assert left.highlight == 0, left
    # The article is on the right, its followed sentence strongly highlighted and in view.
    assert right.ink > 3000, right
    assert right.highlight > 10000, right
    assert right.filled_rows >= 30, right  # at least a line and a half of text, filled
    top, bottom = right.highlight_rows
    assert 0 < top < bottom < image.height
    # Without a fragment nothing is highlighted beyond the legend's small swatch.
    plain = census(shots["plain"], half, image.width)
    assert plain.highlight < 400, plain
