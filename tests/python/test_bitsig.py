# SPDX-License-Identifier: MIT
# The Python module: loading, conditions, attractors and fixed points as the JSON contract's
# dicts, and errors as exceptions with the CLI's located messages. Answers are checked
# against the published dynamics of the models (Faure 2006; the toy HER2 model's rules),
# and against the CLI's own JSON for the same question.
import json
import os
import subprocess

import pytest

import bitsig

SRC = os.environ.get("BITSIG_SOURCE_DIR", ".")
FAURE = os.path.join(SRC, "networks", "faure2006_cell_cycle.yaml")
TOY = os.path.join(SRC, "tests", "data", "models", "toy_her2.yaml")
HAND_SBML = os.path.join(SRC, "tests", "data", "sbml", "faure2006_cell_cycle_ginsim_style.sbml")


def test_load_gives_names_in_model_order():
    model = bitsig.load(FAURE)
    assert model.name == "faure2006_cell_cycle"
    assert model.nodes == ["CycD", "Rb", "E2F", "CycE", "CycA", "p27", "Cdc20", "Cdh1", "UbcH10", "CycB"]
    assert "growth_factor" in model.contexts
    assert repr(model).startswith("<bitsig.Model faure2006_cell_cycle: 10 nodes")


def test_attractors_are_the_json_contract_as_plain_python():
    result = bitsig.load(FAURE).attractors()
    assert isinstance(result, dict)
    assert result["model"] == "faure2006_cell_cycle"
    assert result["update"] == "synchronous" and result["complete"] is True
    sizes = sorted(len(a["states"]) for a in result["attractors"])
    assert sizes == [1, 7]  # the quiescent fixed point and the 7-state cycle
    fixed = [a for a in result["attractors"] if a["kind"] == "fixed_point"][0]
    assert fixed["states"] == ["0100010100"]  # Rb, p27, Cdh1 on
    assert all(isinstance(a["states"], list) for a in result["attractors"])


def test_same_answer_as_the_cli_json():
    binary = os.environ.get("BITSIG_BINARY")
    if not binary:
        pytest.skip("BITSIG_BINARY not set")
    cli = json.loads(subprocess.run([binary, "attractors", TOY, "--context", "pten_loss", "--format", "json"],
                                    check=True, capture_output=True, text=True).stdout)
    ours = bitsig.load(TOY).apply(contexts=["pten_loss"]).attractors()
    assert ours == cli


def test_apply_returns_a_new_model_and_keeps_the_old_one():
    model = bitsig.load(FAURE)
    knocked = model.apply(ko=["CycD"])
    assert model.conditions != knocked.conditions
    assert len(knocked.attractors()["attractors"]) == 1  # without cyclin D only quiescence
    assert len(model.attractors()["attractors"]) == 2
    both = knocked.apply(oe=["CycE"])  # conditions accumulate
    assert both.conditions != knocked.conditions


def test_conditions_by_keyword_or_string_agree():
    model = bitsig.load(TOY)
    by_keyword = model.apply(contexts=["pten_loss"], drugs=["trastuzumab"]).attractors()
    by_string = model.apply(conditions="context=pten_loss drug=trastuzumab").attractors()
    positional = model.apply("context=pten_loss drug=trastuzumab").attractors()
    assert by_keyword == by_string == positional
    assert by_keyword["contexts"] == ["pten_loss"] and by_keyword["drugs"] == ["trastuzumab"]


def test_fix_takes_a_dict_of_values():
    result = bitsig.load(FAURE).apply(fix={"CycD": 1, "Cdc20": 0}).fixed_points()
    assert result["perturbations"] == {"CycD": 1, "Cdc20": 0}
    for a in result["attractors"]:
        assert a["states"][0][0] == "1" and a["states"][0][6] == "0"
    with pytest.raises(ValueError, match=r"^fix: CycD=2: expected 0 or 1$"):
        bitsig.load(FAURE).apply(fix={"CycD": 2})


def test_fixed_points_with_a_limit():
    model = bitsig.load(FAURE).apply(free_inputs=True)
    everything = model.fixed_points()
    assert len(everything["attractors"]) == 1 and everything["complete"] is True
    none = bitsig.load(FAURE).apply(ko=["Rb"]).fixed_points(limit=1)
    assert len(none["attractors"]) <= 1


def test_asynchronous_update_and_boolnet_order():
    model = bitsig.load(FAURE)
    asynchronous = model.attractors(update="async")
    assert asynchronous["update"] == "asynchronous"
    assert sorted(len(a["states"]) for a in asynchronous["attractors"]) == [1, 112]
    ordered = model.attractors(order="boolnet")
    assert [len(a["states"]) for a in ordered["attractors"]] == [1, 7]


def test_sbml_models_load_too():
    assert bitsig.load(HAND_SBML).nodes == bitsig.load(FAURE).nodes


def test_bad_files_raise_input_error_with_the_located_message(tmp_path):
    bad = tmp_path / "bad.bnet"
    bad.write_text("targets, factors\nA, B & (C | !B\nB, A\nC, B\n")
    with pytest.raises(bitsig.InputError) as caught:
        bitsig.load(str(bad))
    assert str(caught.value).startswith(str(bad) + ":2:15: error: expected ')' to close the '(' at column 8")
    assert isinstance(caught.value, ValueError)
    with pytest.raises(bitsig.InputError, match="no such file"):
        bitsig.load(str(tmp_path / "missing.yaml"))


def test_unknown_names_and_options_raise():
    model = bitsig.load(FAURE)
    with pytest.raises(bitsig.InputError, match="CycX"):
        model.apply(ko=["CycX"])
    with pytest.raises(ValueError, match=r"^update 'sideways': expected 'sync' or 'async'$"):
        model.attractors(update="sideways")
    with pytest.raises(bitsig.InputError):
        model.attractors(method="magic")
    with pytest.raises(ValueError, match=r"^order 'random': expected 'file' or 'boolnet'$"):
        model.fixed_points(order="random")


def test_ctrl_c_interrupts_a_long_search(tmp_path):
    import _thread
    import threading
    import time

    # 30 variables, exhaustive synchronous search: 2^30 states, far longer than the timer.
    n = 30
    rules = ["targets, factors"] + [f"x{i}, x{(i + 1) % n} ^ (x{(i + 2) % n} & !x{(i + 5) % n})" for i in range(n)]
    path = tmp_path / "big.bnet"
    path.write_text("\n".join(rules) + "\n")
    model = bitsig.load(str(path))
    threading.Timer(0.3, _thread.interrupt_main).start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        model.attractors(method="exhaustive")
    assert time.monotonic() - start < 10


def test_respond_is_the_cli_json_for_the_same_question():
    # From the toy model's PTEN-null attractors, add trastuzumab: proliferation stops.
    model = bitsig.load(TOY).apply("context=pten_loss")
    result = model.respond("context=pten_loss drug=trastuzumab")
    for key in ("model", "nodes", "update", "complete", "probabilities_exact", "steps", "start", "attractors",
                "responses"):
        assert key in result
    assert result["update"] == "asynchronous" and result["probabilities_exact"] is True
    for response in result["responses"]:
        assert abs(sum(response["probabilities"]) - 1) < 1e-9
        for j in response["reachable"]:
            assert result["attractors"][j]["phenotypes"]["Proliferation"] == 0
    cli = os.environ.get("BITSIG_BINARY")
    if cli:
        out = subprocess.run([cli, "respond", TOY, "--from", "context=pten_loss", "--to",
                              "context=pten_loss drug=trastuzumab", "--format", "json"],
                             check=True, capture_output=True, text=True).stdout
        want = json.loads(out)
        assert result["responses"] == want["responses"]
        assert result["attractors"] == want["attractors"]
        assert result["start"] == want["start"]
    with pytest.raises(bitsig.InputError, match="unknown drug 'trastuzumb'"):
        model.respond("drug=trastuzumb")
    with pytest.raises(ValueError, match=r"^update 'both': expected 'sync' or 'async'$"):
        model.respond("drug=trastuzumab", update="both")


def test_simulate_is_the_cli_json_for_the_same_question():
    model = bitsig.load(TOY).apply("context=pten_loss")
    result = model.simulate(samples=512, max_time=2, time_tick=0.5, seed=3)
    for key in ("model", "nodes", "samples", "max_time", "time_tick", "seed", "times", "probabilities", "final",
                "final_states"):
        assert key in result
    assert result["samples"] == 512 and result["seed"] == 3
    assert set(model.nodes) <= set(result["final"])
    assert all(0 <= p <= 1 for p in result["final"].values())
    cli = os.environ.get("BITSIG_BINARY")
    if cli:
        out = subprocess.run([cli, "simulate", TOY, "--context", "pten_loss", "--samples", "512", "--max-time", "2",
                              "--time-tick", "0.5", "--seed", "3", "--format", "json"],
                             check=True, capture_output=True, text=True).stdout
        assert result == json.loads(out)
