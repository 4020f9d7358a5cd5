"""difftheory.io's JSON output: one policy (NaN/±inf → null, NumPy/torch/Path to plain types), atomic files."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
import torch

from difftheory.io import dumps, to_jsonable, write_json


def test_non_finite_numbers_become_null_everywhere():
    obj = {"a": math.nan, "b": [math.inf, -math.inf, 1.5], "c": np.float64("nan"), "d": np.array([1.0, np.inf]),
           "e": torch.tensor(float("nan")), 3: (np.int64(2), np.bool_(True)), "p": Path("x/y")}
    assert to_jsonable(obj) == {"a": None, "b": [None, None, 1.5], "c": None, "d": [1.0, None], "e": None,
                                "3": [2, True], "p": "x/y"}
    assert type(to_jsonable(np.float64(1.5))) is float
    assert json.loads(dumps(obj)) == to_jsonable(obj)
    assert "NaN" not in dumps(obj) and "Infinity" not in dumps(obj)


def test_write_json_is_atomic_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "sub" / "out.json"
    write_json(path, {"x": [1, math.nan], "name": "Δ*"})
    assert json.loads(path.read_text(encoding="utf-8")) == {"x": [1, None], "name": "Δ*"}
    assert "Δ*" in path.read_text(encoding="utf-8")  # UTF-8 text, not \u escapes
    class Unprintable:
        def __str__(self):
            raise TypeError("no text")

    with pytest.raises(TypeError):
        write_json(path, {"bad": Unprintable()})
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "Δ*"  # the old file survives a failed write
    assert [p.name for p in path.parent.iterdir()] == ["out.json"]
