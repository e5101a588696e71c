"""datesync.dask equals the in-memory audit: synchronous scheduler, and one 2-process LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

import datesync  # noqa: E402
import datesync.dask as dsd  # noqa: E402
from datesync import frames  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
EXTRA = [
    (
        "x-fa",
        "وزیر امور خارجه امشب (یکشنبه) ۲۸ آبان ماه با سرگئی لاوروف تلفنی گفت‌وگو کرد.",
        "2023-11-20",
        "Payam",
    ),
    (
        "x-ar",
        "أجرى أمير عبد اللهيان الليلة (الاثنين 20 ديسمبر) اتصالا هاتفيا مع نظيره الروسي سيرغي لافروف.",
        "2023-12-11",
        "Al-Waha",
    ),
    (
        "x-en",
        "Amir-Abdollahian spoke by phone with Sergei Lavrov on Monday, December 11, 2023.",
        "2023-12-12",
        "Gulf Wire",
    ),
    ("x-none", None, None, "Broken"),
]


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    rows = [
        (p.name, p.read_text(encoding="utf-8"), None, p.stem.split("_")[1] if "_" in p.stem else p.stem)
        for p in sorted(SAMPLES.glob("*.txt"))
    ]
    rows += EXTRA
    return pd.DataFrame(rows, columns=["id", "text", "published", "source"])


def canon(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.sort_values(key).reset_index(drop=True)


def test_extract_matches_pandas_and_meta(corpus):
    ddf = dd.from_pandas(corpus, npartitions=3)
    lazy = dsd.extract(ddf, text="text", published="published", id="id")
    with dask.config.set(scheduler="synchronous"):
        got = lazy.compute()
    expected = corpus.datesync.extract(text="text", published="published", id="id")
    assert got.dtypes.to_dict() == lazy._meta.dtypes.to_dict()  # Dask does not check meta: we do
    pd.testing.assert_frame_equal(canon(got, ["doc_id", "start"]), canon(expected, ["doc_id", "start"]))


def _assert_same_audit(result: dsd.DaskAudit, memory: datesync.Audit) -> None:
    mentions, events, findings = dask.compute(result.mentions, result.events, result.findings)
    for got, lazy in ((mentions, result.mentions), (events, result.events), (findings, result.findings)):
        assert got.dtypes.to_dict() == lazy._meta.dtypes.to_dict()
    assert len(mentions) == len(memory.mentions)
    expected_events = memory.events_df
    pd.testing.assert_frame_equal(canon(events, ["event_id"]), canon(expected_events, ["event_id"]))
    expected_findings = frames.findings_frame(memory.findings)
    pd.testing.assert_frame_equal(canon(findings, ["finding_id"]), canon(expected_findings, ["finding_id"]))
    assert len(findings) > 0 and len(events) > 0


def test_audit_synchronous_equals_memory(corpus):
    memory = datesync.audit(corpus.to_dict("records"))
    with dask.config.set(scheduler="synchronous"):
        _assert_same_audit(
            dsd.audit(dd.from_pandas(corpus, npartitions=4), id="id", published="published", source="source"),
            memory,
        )


def test_dask_accessor_same_names(corpus):
    ddf = dd.from_pandas(corpus, npartitions=2)
    with dask.config.set(scheduler="synchronous"):
        assert len(ddf.datesync.extract(id="id", published="published").compute()) > 0


def test_local_cluster_two_processes(corpus):
    distributed = pytest.importorskip("dask.distributed")
    memory = datesync.audit(corpus.to_dict("records"))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        result = dsd.audit(
            dd.from_pandas(corpus, npartitions=4), id="id", published="published", source="source"
        )
        _assert_same_audit(result, memory)
