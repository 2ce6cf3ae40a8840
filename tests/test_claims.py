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
