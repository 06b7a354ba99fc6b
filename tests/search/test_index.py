from pathlib import Path

from search.index import Generation


def test_original_path_with_several_sources(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text("b", encoding="utf-8")
    gen = Generation.__new__(Generation)
    gen.manifest = {
        "sources": [{"name": "vgr", "path": str(tmp_path / "a")}, {"name": "rog", "path": str(tmp_path / "b")}]
    }
    assert gen.original_path("rog/x.txt") == (tmp_path / "b" / "x.txt").resolve()
    assert gen.original_path("vgr/x.txt") == (tmp_path / "a" / "x.txt").resolve()
    assert gen.original_path("vgr/../../b/x.txt") is None
    assert gen.original_path("okand/x.txt") is None
