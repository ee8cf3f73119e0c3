"""The closed vocabularies of the model: what kind an actor is, how sure a claim is, a stance."""

from __future__ import annotations

from typing import Literal

ActorKind = Literal["person", "organisation", "country", "place", "armed group", "collective"]
Certainty = Literal["stated", "reported", "alleged", "denied", "unclear"]
Polarity = Literal["affirmed", "denied"]
Stance = Literal["asserts", "denies", "hedges", "unconfirmed", "silent", "figure"]
