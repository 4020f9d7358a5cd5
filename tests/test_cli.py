"""The difftheory command: usage errors are one line on stderr with exit 2."""

import subprocess
import sys

import pytest

from difftheory.cli import commands, main


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "verify" in capsys.readouterr().out


@pytest.mark.parametrize("argv,needle", [
    (["verify", "--scale", "huge"], "--scale"),
    (["verify", "--only", "no.such.claim*"], "--only"),
    (["verify", "--seed", "-1"], "--seed"),
    (["verify", "--gpu-results", "/no/such/dir"], "--gpu-results"),
    (["figures", "--only", "no_such_figure*"], "--only"),
    (["nosuchcommand"], "invalid choice"),
])
def test_usage_errors_exit_2_with_one_line(argv, needle, capsys):
    with pytest.raises(SystemExit) if argv[0] == "nosuchcommand" or "--scale" in argv else _nullctx():
        rc = main(argv)
        assert rc == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and needle in err[0]


class _nullctx:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def test_every_command_module_has_the_interface():
    import importlib

    names = commands()
    assert {"verify", "figures", "kstar", "linear", "gpu-validate", "diffusion-size", "bayes-floor"} <= set(names)
    for module, _ in names.values():
        m = importlib.import_module(module)
        assert callable(m.add_arguments) and callable(m.run)


def test_console_script_runs_as_module():
    r = subprocess.run([sys.executable, "-m", "difftheory", "verify", "--scale", "nope"], capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["verify", "figures"])
def test_out_that_cannot_be_a_folder_is_refused_before_any_work(command, tmp_path, capsys):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for out in (a_file, a_file / "below", "/proc/difftheory-out"):
        only = "erd.lemma_d1.coupling_bound" if command == "verify" else "kdiff_delta_curves"
        assert main([command, "--only", only, "--out", str(out)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "--out" in err[0]
    assert not (tmp_path / "file" / "below").exists()


@pytest.mark.parametrize("command", ["verify", "figures"])
def test_empty_only_is_refused_alike(command, capsys):
    assert main([command, "--only", ""]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--only" in err[0]


def test_verify_compare_needs_a_readable_reference(tmp_path, capsys):
    assert main(["verify", "--only", "erd.lemma_d1.coupling_bound", "--compare", str(tmp_path)]) == 2
    assert "--compare" in capsys.readouterr().err


def test_verify_resume_without_an_unfinished_run_is_refused_and_creates_nothing(tmp_path, capsys):
    out = tmp_path / "never-run"
    assert main(["verify", "--only", "erd.lemma_d1.coupling_bound", "--resume", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--resume" in err[0] and "no unfinished run" in err[0]
    assert not out.exists()
