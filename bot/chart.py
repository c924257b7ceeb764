"""The digest's small chart: the period's new cases by scenario, and the recovery rate.

Drawn offline with Pillow and its built-in font. The figures it shows are embedded in the PNG
as a tEXt chunk (key "amends-digest", ASCII JSON from `digest_figures`) plus a plain-language
"Description" chunk, so a test or a screen reader can read the data without the pixels.
"""

from __future__ import annotations

import io
import json

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from bot.digest import Digest, digest_figures, label, period_label

CHUNK_KEY = "amends-digest"
MAX_BARS = 8

BACKGROUND = (255, 255, 255)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
BAR = (59, 110, 165)
GRID = (222, 226, 230)
OUTCOME_COLOURS = {"recovered": (46, 139, 87), "partly": (230, 162, 60), "lost": (200, 64, 64)}
OTHER_OUTCOME = (150, 150, 150)

Font = ImageFont.ImageFont | ImageFont.FreeTypeFont


def _font(size: int) -> Font:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # older Pillow or no FreeType: the bitmap font
        return ImageFont.load_default()


def _bars(digest: Digest) -> list[tuple[str, int]]:
    """The biggest scenarios, the rest summed as one bar, so the chart stays readable."""
    bars = [(label(name), count) for name, count in digest.new_by_scenario]
    if len(bars) > MAX_BARS:
        rest = bars[MAX_BARS - 1:]
        bars = [*bars[:MAX_BARS - 1], (f"{len(rest)} more", sum(count for _, count in rest))]
    return bars


def _ascii(text: str) -> str:
    """The chart's text in characters every built-in font has."""
    return text.replace("\u2013", "-").replace("\u2026", "...").encode("ascii", "replace").decode()


def description(digest: Digest) -> str:
    """The chart in words (alt text)."""
    scenarios = ", ".join(f"{label(name)} {count}" for name, count in digest.new_by_scenario)
    rate = "no outcomes recorded" if digest.recovery_rate is None else \
        f"recovery rate {digest.recovery_rate:.0%} (" + \
        ", ".join(f"{name} {count}" for name, count in digest.outcomes) + ")"
    return (f"New cases {period_label(digest)}: {digest.new_total}"
            + (f" ({scenarios})" if scenarios else "") + f"; {rate}.")


def digest_chart(digest: Digest, *, width: int = 800, height: int = 400) -> bytes:
    """A PNG of exactly width × height: bars of new cases by scenario on the left, the
    outcomes as one stacked bar with the recovery rate on the right."""
    if width < 200 or height < 120:
        raise ValueError("the chart needs at least 200 x 120 pixels")
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    scale = max(min(width / 800, height / 400), 0.5)
    title_font, text_font = _font(round(18 * scale)), _font(round(12 * scale))
    pad = round(16 * scale)

    team = f" - {label(digest.team)}" if digest.team else ""
    draw.text((pad, pad), _ascii(f"New cases {period_label(digest)}{team}: {digest.new_total}"),
              fill=INK, font=title_font)
    top = pad + round(34 * scale)
    split = round(width * 0.68)
    _draw_bars(draw, digest, (pad, top, split - pad, height - pad), text_font)
    _draw_rate(draw, digest, (split + pad, top, width - pad, height - pad), title_font, text_font)

    info = PngInfo()
    info.add_text(CHUNK_KEY, json.dumps(digest_figures(digest), ensure_ascii=True,
                                        separators=(",", ":")))
    info.add_text("Description", _ascii(description(digest)))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, optimize=True)
    return out.getvalue()


def _draw_bars(draw: ImageDraw.ImageDraw, digest: Digest, box: tuple[int, int, int, int],
               font: Font) -> None:
    left, top, right, bottom = box
    bars = _bars(digest)
    if not bars:
        draw.text((left, top), "No new cases in this period.", fill=MUTED, font=font)
        return
    label_width = round((right - left) * 0.38)
    row = (bottom - top) / max(len(bars), 4)
    most = max(count for _, count in bars) or 1
    bar_left = left + label_width
    for index, (name, count) in enumerate(bars):
        y = top + index * row
        text_y = y + row / 2
        draw.text((left, text_y), _fit(draw, _ascii(name), font, label_width - 6), fill=INK, font=font,
                  anchor="lm")
        length = (right - bar_left - 48) * count / most
        draw.rectangle((bar_left, y + row * 0.18, bar_left + max(length, 1), y + row * 0.82),
                       fill=BAR)
        draw.text((bar_left + length + 6, text_y), str(count), fill=INK, font=font, anchor="lm")
    draw.line((bar_left, top, bar_left, top + len(bars) * row), fill=GRID, width=1)


def _draw_rate(draw: ImageDraw.ImageDraw, digest: Digest, box: tuple[int, int, int, int],
               big: Font, font: Font) -> None:
    left, top, right, bottom = box
    draw.text((left, top), "Recovery rate", fill=MUTED, font=font)
    rate = "-" if digest.recovery_rate is None else f"{digest.recovery_rate:.0%}"
    draw.text((left, top + (bottom - top) * 0.08), rate, fill=INK, font=big)
    total = digest.outcome_total
    bar_top, bar_bottom = top + (bottom - top) * 0.22, bottom - (bottom - top) * 0.30
    centre = (left + right) / 2
    bar_width = min((right - left) * 0.35, 80)
    x0, x1 = centre - bar_width / 2, centre + bar_width / 2
    draw.rectangle((x0, bar_top, x1, bar_bottom), outline=GRID, width=1)
    y = bar_bottom
    for name, count in digest.outcomes:
        if total == 0 or count == 0:
            continue
        height = (bar_bottom - bar_top) * count / total
        draw.rectangle((x0, y - height, x1, y), fill=OUTCOME_COLOURS.get(name, OTHER_OUTCOME))
        y -= height
    legend_y = bottom - (bottom - top) * 0.26
    step = (bottom - legend_y) / max(len(digest.outcomes), 3)
    for index, (name, count) in enumerate(digest.outcomes):
        row_y = legend_y + index * step
        swatch = max(step * 0.6, 4)
        draw.rectangle((left, row_y, left + swatch, row_y + swatch),
                       fill=OUTCOME_COLOURS.get(name, OTHER_OUTCOME))
        draw.text((left + swatch + 6, row_y + swatch / 2), _ascii(f"{name} {count}"), fill=INK, font=font,
                  anchor="lm")


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "...", font=font) > width:
        text = text[:-1]
    return text + "..."
