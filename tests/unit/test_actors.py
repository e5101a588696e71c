"""A user's actors file extends the gazetteer everywhere: matching, messages and frames."""

from __future__ import annotations

import datesync
from datesync.actors import gazetteer

ROW = (
    "id,name,country,role,start,end,fa,ar,en\n"
    "kallas,Kaja Kallas,EE,foreign_minister,2024-12-01,,کایا کالاس,كايا كالاس,Kaja Kallas|Kallas\n"
    "zarif,J. Zarif (user's name),IR,foreign_minister,2013-08-15,2021-08-25,ظریف,ظريف,Zarif\n"
)


def test_user_actors_named_in_events_and_messages(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(ROW, encoding="utf-8")
    docs = [
        {"id": "a", "text": "Araghchi spoke by phone with Kaja Kallas on Monday, March 3, 2025."},
        {"id": "b", "text": "Araghchi spoke by phone with Kallas on Thursday, March 6, 2025."},
    ]
    result = datesync.audit(docs, actors=str(mine))
    assert set(result.events_df["participants"]) == {"Abbas Araghchi;Kaja Kallas"}
    assert gazetteer(str(mine)).name_of("zarif") == "J. Zarif (user's name)"  # the later row wins


def test_an_office_nobody_could_be_named_for_reads_as_the_office():
    assert gazetteer().name_of("IR:foreign_minister") == "foreign minister of IR"
