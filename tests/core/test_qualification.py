from sales_notebook.core.qualification import DEFAULT_FRAMEWORK, framework, next_state, progress
from sales_notebook.core.vocabulary import Knowledge


def test_meddpicc_is_the_default_with_its_eight_fields_in_order():
    fw = framework(None)
    assert fw.key == DEFAULT_FRAMEWORK == "meddpicc"
    assert [f.label for f in fw.fields] == [
        "Metrics",
        "Economic buyer",
        "Decision criteria",
        "Decision process",
        "Paper process",
        "Identify pain",
        "Champion",
        "Competition",
    ]
    assert all(f.question.endswith("?") for f in fw.fields)


def test_bant_and_unknown_keys():
    assert [f.label for f in framework("bant").fields] == [
        "Budget",
        "Authority",
        "Need",
        "Timeline",
    ]
    assert framework("spin").key == "meddpicc"
    assert framework("bant").field("need") is not None
    assert framework("bant").field("metrics") is None


def test_space_cycles_through_the_three_states():
    state = Knowledge.UNKNOWN
    seen = []
    for _ in range(3):
        state = next_state(state)
        seen.append(state)
    assert seen == [Knowledge.PARTIAL, Knowledge.KNOWN, Knowledge.UNKNOWN]


def test_progress_counts_known_only():
    fw = framework("bant")
    states = {"budget": Knowledge.KNOWN, "need": Knowledge.PARTIAL, "metrics": Knowledge.KNOWN}
    assert progress(states, fw) == (1, 4)
