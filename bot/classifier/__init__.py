"""Offline, pure-Python classifier for frontline reports and customer feedback.

    >>> from bot.classifier import ScenarioClassifier
    >>> ScenarioClassifier.load().classify("tbl 7 burger came out cold").scenario
    'food_quality'
"""

from .engine import Classification, ScenarioClassifier
from .normalise import normalise

__all__ = ["Classification", "ScenarioClassifier", "normalise"]
