"""``end_all`` ends measures only on the exporters it names, and says so when none are named."""

from __future__ import annotations

import numpy as np
import pytest

from tradewar.errors import TimelineError
from tradewar.timeline import Overlay, builtin_timeline, tariffs_on

DAY = "2027-06-01"


def overlay(**end_all):
    return Overlay.model_validate({"name": "t", "end_all": {"from": "2027-01-01", **end_all}})


def test_end_all_on_china_leaves_us_tariffs_on_everyone_else():
    base = tariffs_on(DAY)
    new = tariffs_on(DAY, overlay(actors=["USA"], targets=["CHN"]))
    e = base.economies
    usa, chn = e.index("USA"), e.index("CHN")
    assert new.additional[usa, chn].max() == 0.0  # every additional US duty on China ends
    assert base.additional[usa, chn].max() > 0.1
    for i, code in enumerate(e):
        if code not in ("USA", "CHN"):
            np.testing.assert_allclose(new.total[usa, i], base.total[usa, i], err_msg=code)
    np.testing.assert_allclose(new.total[chn], base.total[chn])  # China's side untouched
    everyone = tariffs_on(DAY, overlay(actors=["USA"], targets=["ALL"]))
    mex = e.index("MEX")
    assert everyone.additional[usa, mex].max() == 0.0 < base.additional[usa, mex].max()


def test_split_measures_keep_their_suspensions_on_the_other_partners():
    """A measure on several partners is split; what suspends it still suspends the copy."""
    tl = overlay(actors=["USA"], targets=["CHN"]).apply(builtin_timeline())
    kept = [r for r in tl.measures if ".kept-" in r.id]
    assert kept, "no US measure on China and others was in force in 2027?"
    for rec in kept:
        assert "CHN" not in rec.targets.economies or "CHN" in rec.targets.except_
        if rec.suspends is not None:
            assert rec.suspends in tl.by_id


def test_end_all_without_targets_names_the_fix():
    with pytest.raises(Exception, match=r"targets: \[CHN\]"):
        overlay(actors=["USA"])
    with pytest.raises(Exception, match="cannot be combined"):
        overlay(actors=["USA"], targets=["ALL", "CHN"])


def test_load_overlay_error_names_the_field(tmp_path):
    from tradewar.timeline import load_overlay

    path = tmp_path / "o.yaml"
    path.write_text("name: o\nend_all: {from: 2027-01-01, actors: [USA]}\n", encoding="utf-8")
    with pytest.raises(TimelineError, match=r"field 'end_all'.*targets"):
        load_overlay(path)
