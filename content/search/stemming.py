"""Martin Porter's stemmer (1980), the algorithm SQLite's FTS5 "porter" tokenizer uses for
the search index (migration 0001), so that the words of a query are reduced here just as
the index reduces them: "walking" and "walked" to "walk", "costs" to "cost".

Words shorter than 3 letters or longer than 64 are left as they are, as FTS5 leaves them.
https://tartarus.org/martin/PorterStemmer/def.txt
"""

from functools import lru_cache

VOWELS = frozenset("aeiou")
MAX_LENGTH = 64


def is_consonant(word, i):
    if word[i] in VOWELS:
        return False
    if word[i] == "y":
        return i == 0 or not is_consonant(word, i - 1)
    return True


def measure(stem):
    """m in [C](VC)^m[V]: how many vowel-consonant sequences the stem has."""
    pattern = "".join("c" if is_consonant(stem, i) else "v" for i in range(len(stem)))
    return pattern.count("vc")


def has_vowel(stem):
    return any(not is_consonant(stem, i) for i in range(len(stem)))


def ends_double_consonant(word):
    return len(word) >= 2 and word[-1] == word[-2] and is_consonant(word, len(word) - 1)


def ends_cvc(word):
    """Consonant, vowel, consonant, the last not w, x or y (as in hop, not hoop or snow)."""
    if len(word) < 3:
        return False
    return (
        is_consonant(word, len(word) - 3)
        and not is_consonant(word, len(word) - 2)
        and is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def replace_suffix(word, rules, min_measure):
    """The first rule whose suffix the word ends with decides: its replacement is made when
    the stem before it measures more than min_measure."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if measure(stem) > min_measure else word
    return word


def step_1a(word):
    for suffix, replacement in (("sses", "ss"), ("ies", "i"), ("ss", "ss"), ("s", "")):
        if word.endswith(suffix):
            return word[: len(word) - len(suffix)] + replacement
    return word


def step_1b(word):
    if word.endswith("eed"):
        return word[:-1] if measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and has_vowel(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if ends_double_consonant(word) and word[-1] not in "lsz":
                return word[:-1]
            if measure(word) == 1 and ends_cvc(word):
                return word + "e"
            return word
    return word


def step_1c(word):
    if word.endswith("y") and has_vowel(word[:-1]):
        return word[:-1] + "i"
    return word


STEP_2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("logi", "log"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
)
STEP_3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
# Longest first: the longest suffix a word ends with decides, as in Porter's own code.
STEP_4 = (
    *("ement", "ance", "ence", "able", "ible", "ment"),
    *("ant", "ent", "ion", "ism", "ate", "iti", "ous", "ive", "ize"),
    *("al", "er", "ic", "ou"),
)


def step_4(word):
    for suffix in STEP_4:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            if measure(stem) <= 1:
                return word
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return word
            return stem
    return word


def step_5(word):
    if word.endswith("e"):
        stem = word[:-1]
        if measure(stem) > 1 or (measure(stem) == 1 and not ends_cvc(stem)):
            word = stem
    if word.endswith("ll") and measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=4096)
def stem(word):
    """The stem of one lower-case word."""
    if len(word) < 3 or len(word) > MAX_LENGTH:
        return word
    word = step_1c(step_1b(step_1a(word)))
    word = replace_suffix(word, STEP_2, 0)
    word = replace_suffix(word, STEP_3, 0)
    return step_5(step_4(word))
