"""Assertion findings: a claim asserted in one source and negated, denied or held unconfirmed in another."""

from __future__ import annotations

import pytest

from contradictions.extract.cues import has_polarity_cue
from contradictions.extract.parse import analyse_claims, claims_for_pairs, parse_figures_and_claims
from contradictions.findings.assertion import assertion_findings
from contradictions.model import Pair, Sentence

# Verbatim from seeds/000, seeds/002 and seeds/003.
SEED_000 = ("Western governments and South Korea have accused North Korea of supplying Russia with weapons and "
            "ammunition, and of potentially sending personnel to assist in logistics, engineering or training roles, "
            "allegations denied by both Pyongyang and Moscow.")
SEED_002 = ("The two countries signed a mutual defence pact last year, and in April North Korea confirmed for the first "
            "time that it had sent soldiers to the frontline in Ukraine.")
SEED_003 = ("South Korean, Ukrainian and Western officials say North Korea sent around 14,000 troops to Russia last year "
            "under a mutual defence pact, with more than 6,000 reported killed \u2014 figures neither confirmed nor denied "
            "by either Moscow or Pyongyang.")

# (sentence a, sentence b, relation or None, opposing words in a, opposing words in b)
CASES = [
    # polarity: asserted vs negated
    ("North Korea sent troops to Russia.", "North Korea did not send troops to Russia.", "contradiction", "sent", "did not send"),
    ("North Korea sent troops to Russia.", "North Korea never sent troops to Russia.", "contradiction", "sent", "never sent"),
    ("North Korea sent troops to Russia.", "No troops were sent to Russia by North Korea.", "contradiction", "sent", "No troops were sent"),
    ("North Korea didn't send troops to Russia.", "North Korea dispatched soldiers to Russia.", "contradiction", "didn't send", "dispatched"),
    ("Seoul said North Korea has sent troops to Russia.", "Pyongyang has not sent any troops to Russia.", "contradiction", "sent", "has not sent"),
    ("North Korea deployed troops to Kursk.", "North Korea has not deployed troops to Kursk.", "contradiction", "deployed", "has not deployed"),
    ("North Korea sent troops but did not send weapons.", "North Korea sent weapons to Russia.", "contradiction", "did not send", "sent"),
    ("Russian forces captured the village.", "Russian forces never captured the village.", "contradiction", "captured", "never captured"),
    ("Troops that North Korea sent to Russia were killed.", "North Korea did not send troops to Russia.", "contradiction", "sent", "did not send"),
    # reporting verbs: confirmed vs denied, admitted vs rejected, acknowledged vs dismissed
    ("Pyongyang denied sending troops to Russia.", "North Korea sent troops to Russia.", "contradiction", "denied", "sent"),
    ("Russia confirmed that North Korea had sent troops.", "Russia denied that North Korea had sent troops.", "contradiction", "confirmed", "denied"),
    ("Kim admitted that troops had been dispatched to Kursk.", "Kim rejected claims that troops had been dispatched to Kursk.", "contradiction", "admitted", "rejected"),
    ("The Kremlin acknowledged the presence of North Korean soldiers.", "The Kremlin dismissed reports of North Korean soldiers' presence.", "contradiction", "acknowledged", "dismissed"),
    ("Moscow confirmed the deployment of North Korean troops.", "Moscow denied the deployment of North Korean troops.", "contradiction", "confirmed", "denied"),
    ("North Korea confirmed that it had sent soldiers to Russia.", "Pyongyang denied sending soldiers to Russia.", "contradiction", "confirmed", "denied"),
    ("Moscow denied that North Korean troops were deployed to Kursk.", "North Korean troops were deployed to Kursk.", "contradiction", "denied", "deployed"),
    # factivity: fact vs unconfirmed
    ("Moscow neither confirmed nor denied that North Korean troops had been deployed.", "North Korea deployed troops to Russia.", "unconfirmed", "neither confirmed nor denied", "deployed"),
    ("Reports that North Korea sent troops could not be verified.", "North Korea sent troops to Russia.", "unconfirmed", "could not be verified", "sent"),
    ("North Korea allegedly sent troops to Russia.", "North Korea sent troops to Russia.", "unconfirmed", "allegedly", "sent"),
    ("Unconfirmed reports say North Korea sent troops to Russia.", "North Korea sent troops to Russia.", "unconfirmed", "Unconfirmed", "sent"),
    ("The ministry did not confirm the deployment of North Korean troops.", "The ministry confirmed the deployment of North Korean troops.", "unconfirmed", "did not confirm", "confirmed"),
    ("Moscow declined to confirm the deployment of North Korean troops.", "Moscow confirmed the deployment of North Korean troops.", "unconfirmed", "declined to confirm", "confirmed"),
    ("Officials could not confirm whether North Korea had sent troops.", "North Korea sent troops to Russia.", "unconfirmed", "could not confirm", "sent"),
    ("It is unclear whether North Korea sent troops to Russia.", "North Korea sent troops to Russia.", "unconfirmed", "unclear", "sent"),
    ("North Korea sent troops to Russia, officials said.", "Claims that North Korea sent troops to Russia remain unverified.", "unconfirmed", "sent", "unverified"),
    # near misses: same topic, different actors
    ("Russia denied that North Korea had sent troops.", "Ukraine confirmed that North Korea had sent troops.", None, None, None),
    ("Russia did not send troops to Ukraine.", "North Korea sent troops to Russia.", None, None, None),
    ("China did not send troops to Russia.", "North Korea sent troops to Russia.", None, None, None),
    # near misses: a negation of a different claim
    ("North Korea did not send weapons to Russia.", "North Korea sent troops to Russia.", None, None, None),
    ("Kim did not attend the ceremony.", "Kim sent troops to Russia.", None, None, None),
    ("North Korea did not send troops to Ukraine.", "North Korea sent troops to Russia.", None, None, None),
    ("The troops were not killed in Kursk.", "The troops were sent to Kursk.", None, None, None),
    ("North Korean soldiers were not deployed in combat.", "North Korean soldiers were deployed to Kursk.", None, None, None),
    ("The soldiers did not die in combat.", "Nine soldiers died during the mission.", None, None, None),
    # near misses: hedges that are not denials
    ("North Korea may have sent troops to Russia.", "North Korea sent troops to Russia.", None, None, None),
    ("North Korea could send more troops to Russia.", "North Korea did not send troops to Russia.", None, None, None),
    ("North Korea did not deny sending troops.", "North Korea sent troops to Russia.", None, None, None),
    ("North Korea agreed to send workers to Kursk.", "North Korea did not send workers to Kursk.", None, None, None),
    ("If North Korea sent troops, Seoul would respond.", "North Korea did not send troops.", None, None, None),
    ("Kim did not say whether troops were sent.", "North Korea sent troops to Russia.", None, None, None),
    # near misses: what is (not) confirmed is another thing
    ("The ministry did not confirm the number of troops.", "The ministry confirmed the deployment of North Korean troops.", None, None, None),
    ("The ministry did not confirm the number of troops deployed.", "The ministry confirmed that troops were deployed.", None, None, None),
    # agreeing sentences
    ("North Korea sent troops to Russia.", "Pyongyang dispatched soldiers to Russia.", None, None, None),
    ("North Korea denied sending troops.", "Pyongyang has never sent troops.", None, None, None),
    # the seeds: an allegation (hedged, "potentially") denied by Pyongyang vs North Korea's confirmation
    (SEED_000, SEED_002, "contradiction", "denied", "confirmed"),
    # the seeds: what Moscow and Pyongyang neither confirmed nor denied is the figures, not the sending
    (SEED_003, SEED_002, None, None, None),
    # accusations: "accused X of V-ing" makes X the actor, and an accusation alone is neither fact nor denial
    ("North Korea has been accused of sending troops to Russia, claims denied by Pyongyang.",
     "North Korea confirmed that it had sent troops to Russia.", "contradiction", "denied", "confirmed"),
    ("Kyiv suspects North Korea of deploying troops to Kursk, a charge Pyongyang rejects.",
     "North Korea admitted that it had deployed troops to Kursk.", "contradiction", "rejects", "admitted"),
    ("Washington blamed North Korea for supplying missiles to Russia, an accusation Pyongyang dismissed.",
     "North Korea has supplied missiles to Russia.", "contradiction", "dismissed", "supplied"),
    ("Seoul accused North Korea of sending troops to Russia.", "North Korea sent troops to Russia.", None, None, None),
    ("Seoul accused North Korea of sending troops to Russia.", "North Korea did not send troops to Russia.", None, None, None),
    ("Seoul accused Russia of sending troops, allegations denied by Moscow.",
     "North Korea confirmed that it had sent troops.", None, None, None),  # a different actor
    # a verdict after the claims: "allegations denied by Y", "which Y denied", "a claim Y rejects"
    ("Officials said North Korea sent troops to Russia, reports denied by Pyongyang.",
     "Pyongyang confirmed that it had sent troops to Russia.", "contradiction", "denied", "confirmed"),
    ("Seoul accused North Korea of sending troops to Russia, which Pyongyang denied.",
     "North Korea sent troops to Russia.", "contradiction", "denied", "sent"),
    ("Kyiv alleged that North Korea had sent troops to Russia, claims rejected by Moscow.",
     "North Korea sent troops to Russia.", "contradiction", "rejected", "sent"),
    ("Seoul says North Korea sent troops to Russia, claims Moscow and Pyongyang have dismissed.",
     "North Korea acknowledged that it sent troops to Russia.", "contradiction", "dismissed", "acknowledged"),
    ("Seoul accused North Korea of sending troops, allegations Pyongyang denies.",
     "North Korea sent troops to Russia.", "contradiction", "denies", "sent"),
    ("North Korea sent troops and supplied arms to Russia, claims denied by Pyongyang.",
     "North Korea supplied arms to Russia.", "contradiction", "denied", "supplied"),
    ("Seoul said North Korea sent troops to Russia, reports confirmed by Pyongyang.",
     "North Korea did not send troops to Russia.", "contradiction", "confirmed", "did not send"),
    ("Seoul accused North Korea of sending troops to Russia, allegations neither confirmed nor denied by Pyongyang.",
     "North Korea sent troops to Russia.", "unconfirmed", "neither confirmed nor denied", "sent"),
    ("Seoul accused North Korea of sending troops, allegations Pyongyang has not denied.",
     "North Korea sent troops.", None, None, None),  # not denying is not a denial
    ("Seoul accused North Korea of planning to send troops, allegations denied by Pyongyang.",
     "North Korea sent troops.", None, None, None),  # what is denied is a plan
    ("Seoul accused North Korea of sending troops to Russia, allegations denied by Moscow.",
     "North Korea confirmed that it had sent troops to Russia.", None, None, None),  # two reporters, two true reports
    ("Seoul accused North Korea of sending troops to Russia, which Pyongyang has not denied.",
     "North Korea did not send troops to Russia.", None, None, None),
    ("North Korea sent troops to Russia, which denied the reports.",
     "North Korea did not send troops to Russia.", "contradiction", "sent", "did not send"),  # Russia denies, not the clause
    # a pronoun in a reported clause is the reporting verb's subject
    ("In April North Korea admitted for the first time that it had deployed soldiers to Russia.",
     "Pyongyang denied deploying soldiers to Russia.", "contradiction", "admitted", "denied"),
    ("Pyongyang admitted on Monday that it had sent troops to Kursk.",
     "North Korea never sent troops to Kursk.", "contradiction", "admitted", "never sent"),
    ("North Korean officials said they had never sent troops to Russia.",
     "North Korea sent troops to Russia.", "contradiction", "had never sent", "sent"),
    ("Moscow confirmed that it had not sent troops to Kursk.", "North Korea sent troops to Kursk.", None, None, None),
    ("Seoul said it had not sent troops to Ukraine.", "North Korea sent troops to Ukraine.", None, None, None),
    ("Russia confirmed for the first time that it had deployed soldiers to Kursk.",
     "North Korea has not deployed soldiers to Kursk.", None, None, None),
    # names through the alias table: Pyongyang = DPRK = North Korea; Moscow is someone else
    ("Seoul accused the DPRK of sending troops to Russia, allegations denied by Pyongyang.",
     "North Korea confirmed that it had sent troops to Russia.", "contradiction", "denied", "confirmed"),
    ("Pyongyang denied that it had sent troops to Kursk.", "The DPRK admitted that it had sent troops to Kursk.",
     "contradiction", "denied", "admitted"),
    ("Moscow denied that it had sent troops to Kursk.", "Pyongyang confirmed that it had sent troops to Kursk.",
     None, None, None),
]


def sentence(source: str, text: str) -> Sentence:
    return Sentence(source, 3, 100, 100 + len(text), text, 1)


def compared(a: Sentence, b: Sentence, similarity: float):
    """`assertion_findings` for two sentences parsed here."""
    claims_a, claims_b = analyse_claims([a.text, b.text])
    return assertion_findings(a, b, similarity, claims_a, claims_b)


@pytest.mark.parametrize("a, b, relation, cue_a, cue_b", CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_assertion_table(a, b, relation, cue_a, cue_b):
    sa, sb = sentence("a", a), sentence("b", b)
    claims_a, claims_b = analyse_claims([a, b])
    found = assertion_findings(sa, sb, 0.75, claims_a, claims_b)
    if relation is None:
        assert found == []
        return
    (f,) = found
    assert (f.kind, f.relation) == ("assertion", relation)
    assert (f.a.span, f.b.span) == (cue_a, cue_b)
    for side, text in ((f.a, a), (f.b, b)):
        assert text[side.span_start : side.span_end] == side.span  # offsets are within the sentence
        assert (side.start, side.end, side.sentence_index, side.paragraph) == (100, 100 + len(text), 3, 1)
    assert f.explanation.startswith(f'"{cue_a}" vs "{cue_b}": both about ')
    low, high = (0.6, 0.9) if relation == "contradiction" else (0.35, 0.55)
    if "claim was hedged" in f.explanation:
        low, high = low - 0.1, 0.7 * high
    assert low <= f.score <= high


def test_explanation_names_the_shared_claim():
    a, b = "Russia confirmed that North Korea had sent troops to Russia.", "Russia denied that Pyongyang had sent troops."
    (f,) = compared(sentence("a", a), sentence("b", b), 0.8)
    assert f.explanation == '"confirmed" vs "denied": both about North Korea sending troops to Russia'
    assert f.label == "North Korea sending troops to Russia"
    assert set(f.factors) == {"base", "alignment", "similarity", "actors_named"}


def test_unconfirmed_scores_below_contradiction_and_similarity_matters():
    fact, denied = "North Korea sent troops to Russia.", "North Korea did not send troops to Russia."
    doubted = "North Korea allegedly sent troops to Russia."
    (c,) = compared(sentence("a", fact), sentence("b", denied), 0.8)
    (u,) = compared(sentence("a", fact), sentence("b", doubted), 0.8)
    (low,) = compared(sentence("a", fact), sentence("b", denied), 0.45)
    assert u.score < c.score and low.score < c.score
    assert "sentences only 0.45 similar" in low.explanation


def test_an_implicit_actor_lowers_the_score_and_says_so():
    (clean,) = compared(sentence("a", "North Korea sent troops to Kursk."),
                                  sentence("b", "North Korea did not send troops to Kursk."), 0.8)
    (loose,) = compared(sentence("a", "Troops were sent to Kursk."),
                                  sentence("b", "North Korea did not send troops to Kursk."), 0.8)
    assert loose.score < clean.score
    assert "one side leaves who acted implicit" in loose.explanation


def test_ids_are_stable_and_depend_on_the_sources():
    a, b = sentence("a", "North Korea sent troops."), sentence("b", "North Korea did not send troops.")
    first = compared(a, b, 0.8)[0]
    again = compared(a, b, 0.8)[0]
    other = compared(sentence("c", a.text), b, 0.8)[0]
    assert first.id == again.id != other.id and len(first.id) == 12


def test_only_cued_pairs_are_parsed():
    texts = ["North Korea sent troops.", "North Korea did not send troops.", "Kim praised the troops.", "Kim met them."]
    pairs = [Pair(0, 1, 0.9), Pair(2, 3, 0.9)]
    infos = claims_for_pairs(texts, pairs)
    assert infos[0].claims and infos[1].claims
    assert not infos[2].claims and not infos[3].claims  # neither side negates, denies or doubts anything
    assert has_polarity_cue("It was never sent.") and has_polarity_cue("Moscow denied it.")
    assert not has_polarity_cue("Kim praised the troops.")


def _forms(lemma: str) -> list[str]:
    """A cue verb as news writes it: "denies", "denied", "denial"; "disavowed"."""
    if lemma.endswith("y"):
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied"]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return [lemma, stem + "ed", stem + "ing", lemma + "s"]


def test_every_cue_in_the_data_passes_the_gate():
    from contradictions.extract.cues import GATE_LISTS, cues

    words = {form for key in ("affirm", "deny") for lemma in cues()[key] for form in _forms(lemma)}
    words |= {w for key in GATE_LISTS[2:] for w in cues()[key]}
    missed = [w for w in sorted(words) if not has_polarity_cue(f"Officials {w} that report.")
              and not has_polarity_cue(f"They do{w} know.")]
    assert missed == []
    for text in ("Moscow disavowed the report.", "The ministry debunked it.", "Kyiv contests the figure.",
                 "Seoul repudiated the claim.", "No one could substantiate it.", "They denied it, a denial in full."):
        assert has_polarity_cue(text), text
    assert not has_polarity_cue("The denim factory reopened on Monday.")


def test_one_parse_gives_the_same_quantities_and_claims_as_two():
    from contradictions.extract.quantities import extract_all

    texts = ["North Korea sent 15,000 troops.", "Pyongyang denied sending 14,000 soldiers.", "Kim praised the troops.",
             "Moscow did not confirm it.", "North Korea sent troops to Russia."]
    pairs = [Pair(0, 1, 0.9), Pair(2, 3, 0.8), Pair(3, 4, 0.7)]
    quantities, parsed = parse_figures_and_claims(texts)
    assert quantities == extract_all(texts)
    assert sorted(parsed) == [0, 1, 3]  # figures or cues; sentence 4 is parsed later, as 3's partner
    assert claims_for_pairs(texts, pairs, known=parsed) == claims_for_pairs(texts, pairs)


def test_seeds_denied_allegation_vs_confirmation():
    """The case assertions exist for: one outlet says Pyongyang denied sending personnel, another that it confirmed it."""
    c000, c002 = analyse_claims([SEED_000, SEED_002])
    send = next(c for c in c000.claims if c.lemma == "send")
    assert (send.subject, send.stance, send.cue, send.reporters, send.hedge) == (
        "North Korea", "negated", "denied", ("Pyongyang", "Moscow"), "potentially")
    sent = next(c for c in c002.claims if c.lemma == "send")
    assert (sent.subject, sent.stance, sent.cue, sent.reporters) == ("North Korea", "asserted", "confirmed", ("North Korea",))
    (f,) = assertion_findings(sentence("a", SEED_000), sentence("b", SEED_002), 0.4456, c000, c002)
    assert (f.relation, f.a.span, f.b.span) == ("contradiction", "denied", "confirmed")
    assert f.explanation == ('"denied" vs "confirmed": both about North Korea sending troops '
                             '(the denied claim was hedged ("potentially"); sentences only 0.45 similar)')
    assert 0.5 <= f.score <= 0.65 and f.factors["hedge"] == 0.7
    unhedged = SEED_000.replace("potentially ", "")
    (plain,) = compared(sentence("a", unhedged), sentence("b", SEED_002), 0.4456)
    assert plain.score > f.score and "hedged" not in plain.explanation and "hedge" not in plain.factors


def test_an_accusation_names_the_accused_and_the_accuser():
    active, passive, blamed = analyse_claims([
        "Seoul accused North Korea of sending troops to Russia.",
        "North Korea has been accused by Kyiv of sending troops to Russia.",
        "Washington blamed Pyongyang for supplying missiles.",
    ])
    for info, actor, accuser, cue in ((active, "North Korea", "Seoul", "accused"),
                                      (passive, "North Korea", "Kyiv", "accused"),
                                      (blamed, "Pyongyang", "Washington", "blamed")):
        (claim,) = info.claims
        assert (claim.subject, claim.stance, claim.reporters, claim.cue) == (actor, "alleged", (accuser,), cue)


def test_the_seeds_unconfirmed_figures_leave_the_sending_asserted():
    (info,) = analyse_claims([SEED_003])
    sent = next(c for c in info.claims if c.lemma == "send")
    assert (sent.subject, sent.stance, sent.cue) == ("North Korea", "asserted", "sent")
