"""The writer's specifics that rewrites must keep: names (with their titles) and times."""

from __future__ import annotations

import pytest

from desktop.rewrite.specifics import find_specifics


@pytest.mark.parametrize(("sentence", "expected"), [
    ("My affair with Ms Okafor was kept from you all last year.",
     {"name": "Ms Okafor", "when": "last year"}),
    ("I met Dr. Patel on Friday.", {"name": "Dr. Patel", "when": "on Friday"}),
    ("It started when Becca texted me.", {"name": "Becca"}),
    ("Sorry I was late tonight.", {"when": "tonight"}),
    ("I lied to you.", {}),
])
def test_names_and_times(sentence, expected):
    assert find_specifics(sentence) == expected
