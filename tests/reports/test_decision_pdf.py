"""Page 1 of the provincial PDF, as the governor's staff read it on 26 Nov 2024: for each
regency not ready, the owner and the deadline, then the data requests."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest

from readiness.contract import load_election
from readiness.present import deadline_text, decision_items, load_briefing
from readiness.render import RenderResult

pytestmark = pytest.mark.slow

DAY = dt.date(2024, 11, 25)


def test_page_one_names_owner_and_deadline_for_each_regency_not_ready(
    default_render: RenderResult,
) -> None:
    pdf = next(p for p in default_render.files if p.name == "provinsi-64.pdf")
    briefing = load_briefing("", "64")  # the same latest snapshot as the rendered briefing
    day = briefing.latest_as_of()
    assert day == DAY
    decision = decision_items(
        {"kabupaten": briefing.regencies}, briefing.dataset, load_election(), DAY, province="64"
    )
    assert len(decision.regencies) >= 2
    pages = [
        " ".join(p.extract_text().split()).replace("/ ", "/") for p in pypdf.PdfReader(pdf).pages
    ]
    page, after = pages[0], pages[1]
    assert "Perlu tindakan sekarang" in page
    # data gaps are not actions: the requests open the next page, the decision page stays whole
    assert "Permintaan data ke kabupaten/kota" not in page
    assert after.startswith("Permintaan data ke kabupaten/kota")
    for action in decision.actions:
        row = page[page.index(action.region_name) :]
        for owner in action.owners:
            assert owner.name.get("id") in row, (action.region_name, owner)
        deadline = deadline_text(
            action.deadline, DAY, decision.voting_day, undated=action.undated
        ).get("id")
        assert deadline in row, (action.region_name, deadline)
    assert "Sambaliung dan Teluk Bayur" in page
    assert "Kutai Barat" in after[: after.index("Status gabungan")]
