"""``difftheory figures`` draws its progress bar only on a terminal (issue 19, item 13): with stderr captured (a
pipe, a log file, CI) stderr stays empty and stdout holds only the figure paths."""

from difftheory.cli import main


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys, monkeypatch):
    from difftheory.figures import registry

    drawn = []

    def render(name, out, scale, seed):   # no plotting: only the command's own output is under test
        drawn.append(name)
        path = out / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"png")  # drawn into the staging folder, then moved into --out with the others
        return [path]

    monkeypatch.setattr(registry, "render", render)
    assert main(["figures", "--only", "kdiff_*", "--out", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert drawn and err == "", err
    assert sorted(out.splitlines()) == sorted(str(tmp_path / f"{n}.png") for n in drawn)
