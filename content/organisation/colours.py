"""Colour contrast as WCAG 2.2 defines it (success criterion 1.4.3, "Contrast (Minimum)")."""

MINIMUM_CONTRAST = 4.5


def relative_luminance(hex_colour):
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel):
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_with_white(hex_colour):
    return 1.05 / (relative_luminance(hex_colour) + 0.05)
