"""The Spanish versions of the settings' words.

Wagtail's settings hold one row for every language, and wagtail-localize translates pages,
not settings. So each setting field whose words patients read (the opening hours, the
emergency instruction, the directions, the program's name ...) has a Spanish twin, named
`<field>_es`, and each setting has a "Spanish wording checked by" field for the qualified
medical translator who checked them (until it is filled in, the dashboard lists the setting
under "Translations to check": content/starter/confirmations.py).

Pages pick the version for the language they are shown in, at render time
(get_language()), from the one cached row (CachedSetting.current()). A Spanish field left
empty shows the English instead, marked lang="en" (the `lang_marked` filter) so that a
screen reader pronounces it as English: a line such as the emergency instruction is never
dropped.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

SPANISH = "es"


def spanish_name(name):
    return f"{name}_{SPANISH}"


class SettingText(str):
    """A setting's words as a page shows them. `lang` is the language code of words shown in
    another language than the page's (English standing in for missing Spanish), else ""."""

    lang = ""

    def __new__(cls, text, lang=""):
        text = super().__new__(cls, text)
        text.lang = lang
        return text


def active_language():
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def text_in_language(setting, name, language=None):
    """The field `name` of the setting in `language` (by default the active one): the
    Spanish twin on Spanish pages when it has words, else the English."""
    english = getattr(setting, name) or ""
    if (language or active_language()) != SPANISH:
        return SettingText(english)
    spanish = getattr(setting, spanish_name(name)) or ""
    if spanish.strip():
        return SettingText(spanish)
    return SettingText(english, lang=settings.LANGUAGE_CODE if english.strip() else "")


class LocalizedSetting:
    """A setting as templates read it: its translated fields in the language shown, every
    other attribute as the setting has it. Made per render: the cached row is shared."""

    def __init__(self, setting, language=None):
        self._setting = setting
        self._language = language

    def __getattr__(self, name):
        setting = self.__dict__.get("_setting")
        if setting is None:
            raise AttributeError(name)
        if name in type(setting).translated_fields:
            return text_in_language(setting, name, self._language)
        return getattr(setting, name)

    def __str__(self):
        return str(self._setting)


def checked_by_field():
    return models.CharField(
        "Spanish wording checked by",
        max_length=200,
        blank=True,
        help_text="The qualified medical translator who checked the Spanish wording above, "
        "and the date: for example “Ana Ruiz, CHI-Spanish, 2026-11-30”. Until it is filled "
        "in, the dashboard lists these settings under “Translations to check”. Saving a "
        "change to the words, English or Spanish, without changing this field empties it.",
    )


def spanish_panel(names):
    """The settings form's panel for the Spanish twins of `names`, and who checked them."""
    return MultiFieldPanel(
        [*(FieldPanel(spanish_name(name)) for name in names), FieldPanel("spanish_checked_by")],
        heading="Spanish",
        help_text="Shown on the Spanish pages (addresses under /es/) in place of the English "
        "above. Write in plain Spanish and say “usted”. A field left empty shows the English "
        "there, marked as English for screen readers.",
    )


def awaiting_translator(setting):
    """Whether the setting has Spanish words that no translator has said they checked."""
    has_spanish = any(
        (getattr(setting, spanish_name(name)) or "").strip()
        for name in type(setting).translated_fields
    )
    return has_spanish and not setting.spanish_checked_by.strip()


def forget_outdated_check(setting):
    """Empty "Spanish wording checked by" when the words it vouched for change (the Spanish,
    or the English they translate) and the same save names no new checker: the old check
    does not cover the new words, and the dashboard lists the setting again."""
    names = [*setting.translated_fields, *map(spanish_name, setting.translated_fields)]
    if not names or setting.pk is None:
        return
    saved = type(setting).objects.filter(pk=setting.pk).values(*names, "spanish_checked_by")
    saved = saved.first()
    if saved is None or saved["spanish_checked_by"] != setting.spanish_checked_by:
        return
    if any(saved[name] != getattr(setting, name) for name in names):
        setting.spanish_checked_by = ""
