"""The settings table: layering, types, and that every setting is a flag and is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rightsgraph.cli import main
from rightsgraph.config import SETTINGS, load_config

DOCS = Path(__file__).resolve().parents[2] / "docs" / "endpoint.md"


def test_defaults_are_bounded():
    config = load_config(environ={})
    assert config["host"] == "127.0.0.1"
    assert 0 < config["query_timeout"] <= 30
    assert config["max_rows"] > 0 and config["max_body_bytes"] > 0
    assert config["allowed_service_hosts"] == ""


def test_environment_then_overrides():
    config = load_config({"port": 9000, "max_rows": None}, environ={"RIGHTSGRAPH_PORT": "8000", "RIGHTSGRAPH_MAX_ROWS": "7"})
    assert config["port"] == 9000
    assert config["max_rows"] == 7


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ValueError, match="RIGHTSGRAPH_QUERY_TIMEOUT"):
        load_config(environ={"RIGHTSGRAPH_QUERY_TIMEOUT": "soon"})


def test_unknown_setting_refused():
    with pytest.raises(KeyError):
        load_config({"max_rowz": 3}, environ={})


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_setting_is_a_serve_flag(setting):
    help_text = CliRunner().invoke(main, ["serve", "--help"], terminal_width=200).output
    assert setting.flag in help_text


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_setting_is_documented(setting):
    docs = DOCS.read_text(encoding="utf-8")
    assert f"`{setting.name}`" in docs and f"`{setting.env_var}`" in docs


@pytest.mark.parametrize("command", ["serve", "load", "query"])
def test_command_is_documented(command):
    assert f"rightsgraph {command}" in DOCS.read_text(encoding="utf-8")
