"""The link model's shallow-syntax features, on sentences written for these tests."""

from __future__ import annotations

from geo.link_model import LinkCandidate, link_features, packaged_link_model
from geo.link_syntax import syntax_features


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def _features(text: str, verb: str, *names: str) -> list[set[str]]:
    v = text.index(verb)
    return syntax_features(text, (v, v + len(verb)), _spans(text, *names))


def test_the_preposition_heading_a_name_is_found_across_its_noun_phrase() -> None:
    text = "Gunmen attacked a bus in the northern city of Kunduz on Monday."
    (f,) = _features(text, "attacked", "Kunduz")
    assert "syn_head=in" in f
    assert "syn_head_side=in_after" in f
    assert "syn_nearest_loc_after" in f and "syn_nearest_loc" in f


def test_a_name_after_a_relative_clause_break_is_not_the_nearest_locative_phrase() -> None:
    text = "Rebels shelled Herat, which lies near Farah, on Sunday."
    herat, farah = _features(text, "shelled", "Herat", "Farah")
    assert "syn_object_pos" in herat  # "shelled Herat": the object
    assert "syn_head=near" in farah
    assert "syn_break=after_R" in farah
    assert not any(x.startswith("syn_nearest_loc") for x in farah)


def test_voice_subject_position_and_verbs_between() -> None:
    text = "Kabul was shaken by a blast that officials blamed on militants from Logar."
    kabul, logar = _features(text, "shaken", "Kabul", "Logar")
    assert "syn_voice=passive_before" in kabul
    assert "syn_subject_pos" in kabul
    assert "syn_head=from" in logar
    assert "syn_verbs_between=0" not in logar  # "blamed" lies between


def test_lists_of_names_are_marked() -> None:
    text = "Clashes erupted in Homs, Hama and Idlib overnight."
    homs, hama, idlib = _features(text, "erupted", "Homs", "Hama", "Idlib")
    assert "syn_list_before" in homs and "syn_list_later" not in homs
    assert "syn_list_later" in hama and "syn_list_before" in hama
    assert "syn_list_later" in idlib


def test_only_the_asked_candidates_get_features() -> None:
    text = "Clashes erupted in Homs, Hama and Idlib overnight."
    v = text.index("erupted")
    spans = _spans(text, "Homs", "Hama", "Idlib")
    full = syntax_features(text, (v, v + 7), spans)
    some = syntax_features(text, (v, v + 7), spans, only={1})
    assert some[0] == set() and some[2] == set()
    assert some[1] == full[1]


def test_the_link_model_sees_the_syntax_features_only_when_asked() -> None:
    text = "Gunmen attacked a bus in the northern city of Kunduz on Monday."
    v = text.index("attacked")
    cands = [LinkCandidate(_spans(text, "Kunduz")[0], "town")]
    (with_syntax,) = link_features(text, (v, v + 8), cands, [], syntax=True)
    (default,) = link_features(text, (v, v + 8), cands, [])
    assert "syn_head=in" in with_syntax
    assert default == {f for f in with_syntax if not f.startswith("syn_")}
    assert any(w.startswith("syn_") for w in packaged_link_model(syntax=True).weights)
    assert not any(w.startswith("syn_") for w in packaged_link_model().weights)
