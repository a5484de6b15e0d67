"""The ``healthlint`` command line (click). Heavy modules are imported inside commands, not here."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

_FAIL_ON = ("error", "warning", "info", "never")
_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="healthlint")
def main() -> None:
    """healthlint: a content-quality linter for health articles.

    Finds unsupported health claims, promotional content and missing caveats, and scores each article
    0-100. Exit status: 0 clean, 1 findings at or above --fail-on (or a score below --min-score),
    2 usage, config or input error.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(), required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "github", "sarif", "concise"]),
              default="text", show_default=True, help="Output format.")
@click.option("--select", help="Comma-separated codes or prefixes to enable (e.g. HC,HP201).")
@click.option("--extend-select", help="Codes or prefixes to enable in addition to the config's selection.")
@click.option("--ignore", help="Comma-separated codes or prefixes to disable.")
@click.option("--fail-on", type=click.Choice(_FAIL_ON), default=None,
              help="Lowest severity that makes the exit status 1 [default: error].")
@click.option("--min-score", type=click.IntRange(0, 100), default=None, help="Exit 1 when a file scores below N.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report here instead of stdout.")
@click.option("--input-format", type=click.Choice(["auto", "text", "markdown", "html", "jsonl"]), default="auto",
              show_default=True, help="How to read inputs; jsonl = corpus mode (one record with 'text' per line).")
@click.option("--stdin-filename", help="File name to report (and pick the format from) when reading '-'.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True),
              help="Config file (default: nearest healthlint.toml or pyproject.toml [tool.healthlint]).")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--rules-path", multiple=True, type=click.Path(file_okay=False, exists=True),
              help="Extra rule pack folder (repeatable).")
@click.option("--reading-grade", type=float, help="Target reading grade for HR401 [default: 8].")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Ignore findings whose fingerprints are in FILE.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Write the fingerprints of all findings to FILE.")
@click.option("--explain-score", is_flag=True, help="Show every score deduction (text format).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip (repeatable).")
@click.option("--include", multiple=True,
              help="Glob of files to lint inside folders (repeatable; replaces extensions).")
@click.option("--quiet", "-q", is_flag=True, help="Text format: leave out files with nothing to report.")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: when a terminal].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (errors still exit 2).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for many files or corpus records [default: number of cores].")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Result cache folder [default: $HEALTHLINT_CACHE_DIR or ./.healthlint_cache].")
def check(paths: tuple[str, ...], fmt: str, select: str | None, extend_select: str | None, ignore: str | None,
          fail_on: str | None, min_score: int | None, output_file: str | None, input_format: str,
          stdin_filename: str | None, config_path: str | None, isolated: bool, rules_path: tuple[str, ...],
          reading_grade: float | None, baseline: str | None, write_baseline: str | None, explain_score: bool,
          exclude: tuple[str, ...], include: tuple[str, ...], quiet: bool, color: bool | None,
          exit_zero: bool, jobs: int | None, no_cache: bool, cache_dir: str | None) -> None:
    """Lint files, folders (recursively) or '-' (stdin)."""
    from .runner import CheckOptions, run_check

    opts = CheckOptions(
        paths=list(paths), fmt=fmt, select=_codes(select), extend_select=_codes(extend_select),
        ignore=_codes(ignore), fail_on=fail_on, min_score=min_score, output_file=output_file,
        input_format=input_format, stdin_filename=stdin_filename, config_path=config_path, isolated=isolated,
        rules_paths=[str(Path(p).resolve()) for p in rules_path], reading_grade=reading_grade, baseline=baseline,
        write_baseline=write_baseline, explain_score=explain_score, exclude=list(exclude), include=list(include),
        quiet=quiet, colour=color if color is not None else (output_file is None and sys.stdout.isatty()),
        exit_zero=exit_zero, jobs=jobs or 0, cache=not no_cache, cache_dir=cache_dir,
    )
    sys.exit(run_check(opts))


@main.command("rules")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rules-path", multiple=True, type=click.Path(file_okay=False, exists=True))
def rules_cmd(fmt: str, rules_path: tuple[str, ...]) -> None:
    """List the rule catalogue."""
    import json

    from .errors import HealthlintError
    from .rules import FAMILIES, load_rules

    try:
        rules = load_rules(tuple(str(Path(p).resolve()) for p in rules_path))
    except HealthlintError as e:
        click.echo(f"healthlint: {e}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rules], indent=2, ensure_ascii=False))
        return
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            click.echo(f"\n{family}  {FAMILIES.get(family, 'user rules')}")
        click.echo(f"  {r.code}  {r.name:<34} {r.severity:<8} {r.kind}")


@main.command("rule")
@click.argument("code")
@click.option("--rules-path", multiple=True, type=click.Path(file_okay=False, exists=True))
def rule_cmd(code: str, rules_path: tuple[str, ...]) -> None:
    """Explain one rule: what it does, why, its sources and examples (CODE or name)."""
    from .rules import load_rules

    rules = load_rules(tuple(str(Path(p).resolve()) for p in rules_path))
    match = [r for r in rules if r.code == code.upper() or r.name == code.lower()]
    if not match:
        click.echo(f"healthlint: no rule {code!r} (see 'healthlint rules')", err=True)
        sys.exit(2)
    r = match[0]
    click.echo(f"{r.code} {r.name} ({r.severity}, kind {r.kind})\n")
    click.echo("Message\n  " + r.message + "\n")
    import textwrap

    click.echo("Why it matters\n" + textwrap.fill(r.why, 100, initial_indent="  ", subsequent_indent="  ") + "\n")
    if r.sources:
        click.echo("Sources")
        for s in r.sources:
            click.echo(f"  - {s.title}" + (f"\n    {s.url}" if s.url else ""))
        click.echo("")
    for label, items in (("Flagged", r.examples_flag), ("Not flagged", r.examples_pass)):
        if items:
            click.echo(label)
            for ex in items:
                text = ex["text"] if isinstance(ex, dict) else str(ex)
                click.echo("  > " + text.replace("\n", "\n    "))
            click.echo("")
    click.echo(f"Defined in {r.path}")


@main.command("config")
@click.argument("path", required=False, default=".", type=click.Path())
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True))
def config_cmd(path: str, config_path: str | None) -> None:
    """Show the effective configuration for PATH (default: the current folder)."""
    import json

    from .config import find_config, load_config
    from .errors import HealthlintError

    try:
        found = Path(config_path) if config_path else find_config(Path(path))
        cfg = load_config(found)
    except HealthlintError as e:
        click.echo(f"healthlint: {e}", err=True)
        sys.exit(2)
    click.echo(f"# config file: {found or '(none: defaults)'}")
    click.echo(json.dumps(cfg.to_dict(), indent=2))


if __name__ == "__main__":
    main()
