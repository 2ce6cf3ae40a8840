"""Claims read from one sentence's parse: what a denial denies."""


def test_a_clause_glued_after_a_denials_object_is_not_what_it_denies():
    from contradictions.extract.claims import claims_of
    from contradictions.extract.quantities import load_parser

    nlp = load_parser()
    glued = claims_of(nlp(
        "Norland denies involvement Westrian President Karl Ames and Norlandic President Ivan Bolt discussed Tuesdays "
        "attack Westrian presidential sources said."))
    assert not any(c.stance == "negated" and c.lemma == "discuss" for c in glued.claims)
    assert any(c.stance == "asserted" and c.lemma == "discuss" for c in glued.claims)
    plain = claims_of(nlp("Northland denied that it sent troops to the border."))
    assert any(c.stance == "negated" for c in plain.claims)


def test_what_a_speaker_says_in_passing_under_a_denial_is_neither_denied_nor_held():
    from contradictions.extract.claims import claims_of
    from contradictions.extract.quantities import load_parser

    nlp = load_parser()

    def stances(text: str, lemma: str) -> set[str]:
        return {c.stance for c in claims_of(nlp(text)).claims if c.lemma == lemma}

    # comma stripped: the denier's own words, or what the denied claims say? The text cannot tell
    assert stances("The Norland government has long denied claims by the opposition on gas use saying rebels have "
                   "used such weapons.", "use") == {"hedged"}
    assert stances("The agency also reported the blast saying two bombers had killed five guards.", "kill") == {
        "asserted"}  # no denial above it: the agency's claim
    assert stances("Northland denied claims that it had sent troops.", "send") == {"negated"}
