"""Medical words and word parts that patients may not know, in each language the site is
written in. A word matching one of these needs a glossary entry (or a plainer word). Kept
short and specific to this service: staff add glossary terms in the admin; these lists only
decide what to flag."""

import re

ENGLISH = (
    r"ablat\w*",
    r"an(?:a)?esthe\w*",
    r"analges\w*",
    r"biops\w*",
    r"blood thinners?",
    r"bone cement",
    r"carcinoma\w*",
    r"chemo\w*",
    r"compression fractures?",
    r"conscious sedation",
    r"CT(?: scans?)?",
    r"cumulative",
    r"decompress\w*",
    r"fractures?",
    r"imaging",
    r"lesions?",
    r"lytic",
    r"metasta\w*",
    r"MRI(?: scans?)?",
    r"neurolog\w*",
    r"oncolog\w*",
    r"outpatients?",
    r"palliat\w*",
    r"percutaneous",
    r"probes?",
    r"radiation(?:[ -](?:therapy|dose limit|limit|resistant))?",
    r"radiofrequency",
    r"radiotherapy",
    r"referrals?",
    r"sedat\w*",
    r"spinal cord",
    r"tumou?rs?",
    r"vertebr\w*",
    r"X-rays?",
    # Word endings that mark medical vocabulary: -ectomy, -itis, -ology, -osis, -plasty ...
    r"\w{3,}(?:ectomy|otomy|itis|ologist|ology|osis|plasty|scopy|algia|pathy)",
)

# The same vocabulary as Spanish-speaking patients meet it, with its own word forms.
SPANISH = (
    r"ablaci(?:ón|ones)",
    r"anestesi\w*",
    r"anestésic\w*",
    r"analgési\w*",
    r"biopsias?",
    r"anticoagulantes?",
    r"cemento óseo",
    r"carcinomas?",
    r"quimio\w*",
    r"fracturas? por compresión",
    r"sedación consciente",
    r"tomografías?(?: computarizadas?)?",
    r"CT",
    r"TAC",
    r"acumulad[oa]s?",
    r"descompresi(?:ón|ones)",
    r"fracturas?",
    r"lesi(?:ón|ones)",
    r"lític[oa]s?",
    r"metást\w*",
    r"metastási\w*",
    r"resonancias?(?: magnéticas?)?",
    r"MRI",
    r"neurológ\w*",
    r"oncólog\w*",
    r"oncológ\w*",
    r"ambulatori[oa]s?",
    r"paliativ[oa]s?",
    r"percutáne[oa]s?",
    r"sondas?",
    r"radiaci(?:ón|ones)",
    r"radiofrecuencia",
    r"radioterapias?",
    r"referidos?",
    r"sedaci(?:ón|ones)",
    r"sedad[oa]s?",
    r"médula espinal",
    r"tumor(?:es)?",
    r"vértebras?",
    r"vertebral(?:es)?",
    r"rayos X",
    r"radiografías?",
    # -ectomía, -itis, -ología, -osis, -plastia ...
    r"\w{3,}(?:ectomía|otomía|itis|ólog[oa]s?|ología|osis|plastias?|scopia|algia|patía)",
)


def pattern(words):
    """One expression for every word, matched whole (not inside a longer word)."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


PATTERNS = {"en": pattern(ENGLISH), "es": pattern(SPANISH)}
