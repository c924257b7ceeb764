"""Feature extraction: word unigrams, word bigrams and character n-grams inside words.

Words carry the meaning; bigrams catch short phrases whose parts mislead on their own
("not ready", "no reaction", "charged twice"); character 3- and 4-grams inside a padded word make
"recieved" look like "received" and "resturant" like "restaurant" without a spell checker.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

# How many tokens of a message are looked at; normalise() already caps characters, this keeps
# the worst case (a paste of one-letter tokens) bounded too.
MAX_TOKENS = 400

WORD = "w:"
BIGRAM = "b:"
CHAR = "c:"


@lru_cache(maxsize=65536)
def char_grams(token: str) -> tuple[str, ...]:
    """Character 3- and 4-grams of one padded word, memoised because words repeat constantly.

    5-grams were tried and added nothing in cross-validation, at a third more features.
    """
    if token == "NUM" or token in {"?", "!"} or "_" in token:
        return ()
    padded = f"<{token}>"
    size = len(padded)
    return tuple(
        CHAR + padded[i : i + n] for n in (3, 4) for i in range(size - n + 1)
    )


def tokens_of(normalised: str) -> list[str]:
    """The tokens a text is read as (capped at MAX_TOKENS)."""
    return normalised.split()[:MAX_TOKENS]


def bigrams_of(tokens: list[str]) -> list[str]:
    """Distinct word bigrams with sentence-boundary markers, in first-seen order."""
    return list(dict.fromkeys(
        f"{BIGRAM}{left} {right}"
        for left, right in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)
    ))


def extract_parts(normalised: str) -> tuple[list[str], list[str]]:
    """Word-level (distinct unigrams, distinct bigrams) and character-level features.

    Presence, not counts: a long paste that says "cold" five times is no more about cold food
    than a short one that says it once. The char n-grams are those of each distinct word, one
    word after the other (a gram shared by two words counts twice): exactly what summing
    memoised per-word vectors gives at classify time, so training and scoring agree. Order is
    kept (dict, not set) so sums come out the same in every process, whatever the hash seed.
    The two parts are separate because the failure head uses only the first.
    """
    tokens = tokens_of(normalised)
    if not tokens:
        return [], []
    distinct = list(dict.fromkeys(tokens))
    words = [WORD + token for token in distinct]
    grams = list(chain.from_iterable(map(char_grams, distinct)))
    return words + bigrams_of(tokens), grams


def extract(normalised: str) -> list[str]:
    """Features of a normalised text: distinct word-level ones, then per-word char n-grams."""
    word_level, char_level = extract_parts(normalised)
    return word_level + char_level


def group_of(feature: str) -> str:
    """The feature family ("w:", "b:" or "c:"), which sets how much one feature counts."""
    return feature[:2]
