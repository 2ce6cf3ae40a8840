"""Candidate pairs from shared claims and measures: a claim buried in a long sentence is still compared."""

from __future__ import annotations

import numpy as np
import pytest

import contradictions
from contradictions.aliases import AliasTable
from contradictions.embed.candidates import candidate_pairs, claim_keys
from contradictions.extract.parse import analyse_claims
from contradictions.model import Pair
from contradictions.settings import Settings
from contradictions.weights import CANDIDATES

from .conftest import BagOfWordsEncoder

# Long sentences, each with several claims, sharing few words: the denial and the confirmation of one claim.
DENIAL = ("Harbour officials in Tallinn and Riga have accused Russia of shipping fuel and spare parts to the junta, "
          "and of quietly dispatching engineers to run the captured refinery near the coast, charges denied by "
          "both the Kremlin and the junta's own spokesman.")
CONFIRMATION = ("After months of silence and a tense summit that ended without a communique, Moscow acknowledged on "
                "Friday that it had sent engineers to the refinery near the coast, while insisting its grain exports "
                "continued normally.")
DENIED_SENDING = ("Officials in Vilnius said on Monday that ferry traffic had resumed, though the Kremlin flatly denied "
                  "that Russia had sent engineers to the refinery at the port.")


def _cosine(a: str, b: str) -> float:
    """The fake encoder's cosine, checked to lie where only a shared claim key pairs the two sentences."""
    va, vb = BagOfWordsEncoder().encode([a, b])
    similarity = float(va @ vb)
    assert CANDIDATES.claim_floor <= similarity < Settings().threshold
    return similarity


def _run(texts: dict[str, str]):
    return contradictions.analyze(texts, encoder=BagOfWordsEncoder(), settings=Settings(progress=False, cache=False))


def test_a_denial_and_a_confirmation_in_long_sentences_are_compared():
    _cosine(DENIAL, CONFIRMATION)  # similarity alone never pairs them
    report = _run({"a": DENIAL, "b": CONFIRMATION})
    found = [f for f in report.findings if f.kind == "assertion"]
    assert [f.relation for f in found] == ["contradiction"]
    assert {found[0].a.span, found[0].b.span} == {"denied", "acknowledged"}


@pytest.mark.parametrize("verb", ["dispatched", "deployed", "sent"])
def test_paraphrased_verbs_share_a_key(verb):
    statement = f"Months later Moscow confirmed that Russia {verb} engineers to the refinery, as grain exports continued."
    _cosine(DENIED_SENDING, statement)
    report = _run({"a": DENIED_SENDING, "b": statement})
    assert [f.relation for f in report.findings if f.kind == "assertion"] == ["contradiction"]


@pytest.mark.parametrize("actor, found", [("Russia", ["contradiction"]), ("Ukraine", [])])
def test_two_actors_sharing_a_verb_are_not_a_finding(actor, found):
    other = (f"Officials in Vilnius said on Monday that ferry traffic had resumed, and Moscow confirmed that {actor} had "
             "sent engineers to the refinery at the port.")
    report = _run({"a": DENIED_SENDING, "b": other})
    assert report.pairs_compared == 1  # similar enough to be compared: the claims' actors decide
    assert [f.relation for f in report.findings if f.kind == "assertion"] == found


def test_keys_read_actors_through_the_alias_table():
    aliases = AliasTable.load()
    a, b = analyse_claims(["Pyongyang denied that it dispatched soldiers.", "North Korea deployed troops."])
    keys_a = {k for c in a.claims for k in claim_keys(c, aliases)}
    keys_b = {k for c in b.claims for k in claim_keys(c, aliases)}
    assert ("claim", "deployed", "troops", "north korea") in keys_a & keys_b


def test_fan_out_is_bounded_and_known_pairs_are_not_repeated():
    texts = ["The Kremlin denied that Russia sent engineers to the refinery."] + [
        f"Report {i} confirms Moscow sent engineers to the refinery." for i in range(8)]
    claims = dict(enumerate(analyse_claims(texts)))
    vectors = BagOfWordsEncoder().encode(texts)
    groups = [f"s{i}" for i in range(len(texts))]
    rows = np.arange(len(texts))
    pairs = candidate_pairs(rows, groups, vectors, claims, AliasTable.load())
    assert 0 < len(pairs) <= 3 * 2  # at most `per_key` partners under each of the denial's two keys
    assert all(p.a == 0 for p in pairs)
    again = candidate_pairs(rows, groups, vectors, claims, AliasTable.load(), known=pairs)
    assert not {(p.a, p.b) for p in again} & {(p.a, p.b) for p in pairs}


def test_same_source_is_never_a_candidate():
    texts = ["The Kremlin denied that Russia sent engineers.", "Moscow confirmed it sent engineers to the refinery."]
    claims = dict(enumerate(analyse_claims(texts)))
    vectors = BagOfWordsEncoder().encode(texts)
    similarity = pytest.approx(float(vectors[0] @ vectors[1]))
    assert candidate_pairs(np.arange(2), ["s", "t"], vectors, claims, AliasTable.load()) == [Pair(0, 1, similarity)]
    assert candidate_pairs(np.arange(2), ["s", "s"], vectors, claims, AliasTable.load()) == []
