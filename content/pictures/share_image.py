"""A share image for each page, drawn on the server with Pillow: 1200 x 630, the page's
title in large type under the program's and hospital's names, with the accent colour.

Social networks and messaging apps show it when someone shares a page's address. Pages
link to it by an address that holds a fingerprint of everything drawn (share_image_path),
so a changed title or brand is a new address, and each version is drawn once, then kept.
"""

import hashlib
import io
import textwrap

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT = "#1b1b1b"
MUTED = "#4a4a4a"
TITLE_SIZES = (72, 64, 56, 48)  # the largest that fits in four lines
MAX_TITLE_LINES = 4


def fingerprint(title, program_name, hospital_name, accent_colour):
    drawn = "\n".join((title, program_name, hospital_name, accent_colour))
    return hashlib.sha256(drawn.encode()).hexdigest()[:16]


def share_image_png(title, program_name, hospital_name, accent_colour):
    """The PNG bytes, from the cache when this version was drawn before."""
    key = "share-image:" + fingerprint(title, program_name, hospital_name, accent_colour)
    png = cache.get(key)
    if png is None:
        png = draw(title, program_name, hospital_name, accent_colour)
        cache.set(key, png, timeout=None)
    return png


def draw(title, program_name, hospital_name, accent_colour):
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, 0, WIDTH, 24), fill=accent_colour)
    canvas.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill="#f7f4ef")
    names = [name for name in (program_name, hospital_name) if name and name != title]
    byline = " · ".join(names)
    canvas.text((MARGIN, 80), byline, font=font(34), fill=accent_colour)
    size, lines = fitted_title(title)
    canvas.multiline_text(
        (MARGIN, 170), "\n".join(lines), font=font(size), fill=TEXT, spacing=size // 4
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def fitted_title(title):
    """The largest type size at which the title fits, and its lines (cut short at the
    smallest size if it still does not fit)."""
    for size in TITLE_SIZES:
        lines = wrap(title, size)
        if len(lines) <= MAX_TITLE_LINES:
            return size, lines
    lines = wrap(title, size)[:MAX_TITLE_LINES]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return size, lines


def wrap(text, size):
    """Lines that fit the width at this size, measured with the font itself."""
    measure = font(size)
    average = measure.getlength("abcdefghijklmnopqrstuvwxyz") / 26
    columns = max(8, int((WIDTH - 2 * MARGIN) / average))
    while columns > 8:
        lines = textwrap.wrap(" ".join(text.split()), columns) or [""]
        if all(measure.getlength(line) <= WIDTH - 2 * MARGIN for line in lines):
            return lines
        columns -= 2
    return textwrap.wrap(" ".join(text.split()), columns, break_long_words=True)


def font(size):
    # Pillow's own font (no system font needed), bold enough at these sizes.
    return ImageFont.load_default(size=size)
