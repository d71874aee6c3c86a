"""The page types, in typed sections, and the references they cite."""

from .base import BasePage, Section, SectionedPage
from .home import HomePage
from .language_help import LanguageHelpPage, LanguageTagline
from .procedure import ProcedurePage, ProcedurePageReference
from .references import Reference
from .referrer import ReferrerPage, ReferrerPageReference
from .standard import StandardPage

__all__ = [
    "BasePage",
    "HomePage",
    "LanguageHelpPage",
    "LanguageTagline",
    "ProcedurePage",
    "ProcedurePageReference",
    "Reference",
    "ReferrerPage",
    "ReferrerPageReference",
    "Section",
    "SectionedPage",
    "StandardPage",
]
