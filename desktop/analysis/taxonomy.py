"""The sentence labels of TAXONOMY.md, their families, and how the app speaks of them."""

from __future__ import annotations

from dataclasses import dataclass

ACCOUNTABLE = "accountable"
APPROVAL = "approval"
NEUTRAL = "neutral"
FAMILIES = (ACCOUNTABLE, APPROVAL, NEUTRAL)


@dataclass(frozen=True)
class Label:
    name: str
    family: str
    summary: str
    """One line that says what a sentence with this label does."""
    reason: str
    """How a report counts sentences with this label: '2 sentences <reason>'."""
    reason_one: str
    """The same for a single sentence: '1 sentence <reason_one>'."""

    def count_phrase(self, count: int) -> str:
        if count == 1:
            return f"1 sentence {self.reason_one}"
        return f"{count} sentences {self.reason}"


_LABELS = (
    Label("ownership", ACCOUNTABLE, "Names what you did, plainly and in your own voice.",
          "name what you did",
          "names what you did"),
    Label("impact", ACCOUNTABLE, "Names what it did to your partner.",
          "name what it did to your partner",
          "names what it did to your partner"),
    Label("remorse", ACCOUNTABLE, "Regret for the act and the harm, with no conditions.",
          "express regret without conditions",
          "expresses regret without conditions"),
    Label("partner_needs", ACCOUNTABLE,
          "Asks about or honours your partner's needs, pace and boundaries.",
          "centre your partner's needs",
          "centres your partner's needs"),
    Label("transparency", ACCOUNTABLE, "Offers information before being asked.",
          "offer information openly",
          "offers information openly"),
    Label("change", ACCOUNTABLE, "A concrete step you have taken or scheduled.",
          "show a concrete step",
          "shows a concrete step"),
    Label("forgiveness_pressure", APPROVAL,
          "Asks for forgiveness, a timeline, or a return to normal.",
          "ask for forgiveness or for things to go back to normal",
          "asks for forgiveness or for things to go back to normal"),
    Label("validation_seeking", APPROVAL, "Asks your partner to reassure or praise you.",
          "ask for reassurance",
          "asks for reassurance"),
    Label("minimizing", APPROVAL, "Makes what happened sound smaller than it was.",
          "make what happened sound smaller",
          "makes what happened sound smaller"),
    Label("blame_shifting", APPROVAL,
          "Moves the cause onto someone or something else, or hides who acted.",
          "move the blame away from you",
          "moves the blame away from you"),
    Label("conditional_apology", APPROVAL,
          "An apology with a condition or a 'but' attached.",
          "make the apology conditional",
          "makes the apology conditional"),
    Label("self_pity", APPROVAL, "Puts your own suffering at the centre.",
          "centre your own suffering",
          "centres your own suffering"),
    Label("scorekeeping", APPROVAL, "Counts your efforts and claims trust as earned.",
          "count your efforts as credit",
          "counts your efforts as credit"),
    Label("grand_gesture", APPROVAL, "Offers a big gesture in place of steady change.",
          "offer a big gesture instead of steady change",
          "offers a big gesture instead of steady change"),
    Label("darvo", APPROVAL,
          "Denies, attacks, or casts you as the one who was wronged.",
          "deny, attack, or turn the tables",
          "denies, attacks, or turns the tables"),
    Label("neutral", NEUTRAL, "Logistics or facts with no stance.", "are logistics",
          "is logistics"),
)

LABELS: dict[str, Label] = {label.name: label for label in _LABELS}
LABEL_NAMES: tuple[str, ...] = tuple(LABELS)
APPROVAL_LABELS: frozenset[str] = frozenset(n for n, lb in LABELS.items() if lb.family == APPROVAL)
ACCOUNTABLE_LABELS: frozenset[str] = frozenset(
    n for n, lb in LABELS.items() if lb.family == ACCOUNTABLE
)
PARTNER_FOCUS_LABELS: frozenset[str] = frozenset({"impact", "partner_needs", "transparency"})
"""Labels whose sentences turn the message towards the partner rather than the writer."""


def family_of(label: str) -> str:
    return LABELS[label].family
