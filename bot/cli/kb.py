"""`hotline kb`: curate the knowledge base from the terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import yaml

from bot.cli.context import AppContext, pass_app
from knowledge.catalogue.service import read_entries
from knowledge.entries.checks import check_entries
from knowledge.entries.records import EntryStatus
from routing.curation.evaluation import score


@click.group()
def kb() -> None:
    """Base de connaissances : importer, exporter, lister, vérifier, réindexer, évaluer."""


@kb.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@pass_app
def kb_import(app: AppContext, path: Path) -> None:
    """Importer des fiches (fichier .md ou .jsonl, ou dossier)."""
    report = app.container.knowledge.import_path(path)
    if report.changed and app.container.backoffice is not None:
        # Closing the loop: officials whose unanswered question an entry now answers are told.
        told = app.container.backoffice.curation.entries_imported(report.created + report.updated)
        if told:
            click.echo(f"{told} personne(s) prévenue(s) qu'une réponse est disponible")
    for label, slugs in (
        ("créées", report.created),
        ("mises à jour", report.updated),
        ("inchangées", report.unchanged),
    ):
        click.echo(f"{len(slugs)} fiche(s) {label}" + (f" : {', '.join(slugs)}" if slugs else ""))
    click.echo(f"{len(report.invalid)} fichier(s) invalide(s)")
    for where, reasons in report.invalid:
        click.echo(f"  {where} : {'; '.join(reasons)}", err=True)
    if report.invalid:
        raise SystemExit(1)


@kb.command("export")
@click.option("--format", "fmt", type=click.Choice(["md", "jsonl"]), default="md")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Dossier de sortie.")
@pass_app
def kb_export(app: AppContext, fmt: str, out: Path | None) -> None:
    """Exporter les fiches : Markdown (un fichier par fiche) ou JSONL (une ligne par fiche)."""
    items = list(app.container.knowledge.export(fmt))
    if fmt == "jsonl":
        text = "".join(line + "\n" for _name, line in items)
        if out:
            out.mkdir(parents=True, exist_ok=True)
            (out / "entries.jsonl").write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        return
    if out is None:
        click.echo("\n".join(text for _name, text in items), nl=False)
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in items:
        (out / name).write_text(text, encoding="utf-8")
    click.echo(f"{len(items)} fiche(s) exportée(s) dans {out}")


@kb.command("list")
@click.option("--status", type=click.Choice([s.value for s in EntryStatus]))
@pass_app
def kb_list(app: AppContext, status: str | None) -> None:
    """Lister les fiches."""
    entries = app.container.knowledge.list(EntryStatus(status) if status else None)
    for entry in entries:
        review = f"relecture avant le {entry.review_by:%d/%m/%Y}" if entry.review_by else ""
        click.echo(
            f"{entry.slug:<40} {entry.group:<8} {entry.status:<9} v{entry.version:<3} {review}"
        )
    click.echo(f"{len(entries)} fiche(s)")


@kb.command("show")
@click.argument("slug")
@pass_app
def kb_show(app: AppContext, slug: str) -> None:
    """Afficher une fiche."""
    entry = app.container.knowledge.get(slug)
    click.secho(
        f"{entry.title}  [{entry.slug}, {entry.group}, {entry.status}, v{entry.version}]", bold=True
    )
    click.echo(f"\n{entry.short_answer}\n")
    click.echo(entry.body)
    click.echo("\nQuestions alternatives :")
    for question in entry.questions:
        click.echo(f"  - {question}")
    click.echo("\nSources :")
    for source in entry.sources:
        click.echo(f"  - {source.label}" + (f" ({source.url})" if source.url else ""))
    if entry.cites:
        click.echo("\nTextes cités :")
    for cited in entry.cites:
        checked = f" (vérifié le {cited.checked_on:%d/%m/%Y})" if cited.checked_on else ""
        click.echo(f"  - {cited.key}{checked}")
    if entry.under_review:
        click.echo(
            "\nEn cours de mise à jour : un texte cité a changé (back-office, Textes cités)."
        )


@kb.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--catalogue",
    type=click.Path(exists=True, path_type=Path),
    help="topics.yaml : chaque sujet doit avoir sa fiche.",
)
@pass_app
def kb_check(app: AppContext, path: Path | None, catalogue: Path | None) -> None:
    """Vérifier les fiches (la base, ou des fichiers) : champs, doublons, liens, relectures."""
    required = set(yaml.safe_load(catalogue.read_text(encoding="utf-8"))) if catalogue else None
    if path is None:
        items = [(e.slug, e) for e in app.container.knowledge.list()]
    else:
        items = list(read_entries(path))
    problems = check_entries(items, date.today(), required)
    for problem in problems:
        click.echo(f"{problem.level:<7} {problem.where} : {problem.message}")
    errors = sum(p.level == "erreur" for p in problems)
    click.echo(
        f"{len(items)} fiche(s) vérifiée(s), {errors} erreur(s), {len(problems) - errors} alerte(s)"
    )
    if errors:
        raise SystemExit(1)


@kb.command("cites")
@click.argument("reference", nargs=-1, required=True)
@pass_app
def kb_cites(app: AppContext, reference: tuple[str, ...]) -> None:
    """Lister les fiches qui s'appuient sur un article (ex. L1112-16, « CGCT L1112-16»)."""
    query = " ".join(reference)
    cited = app.container.backoffice.citations.cited_texts(query)
    if not cited:
        click.echo(f"Aucune fiche ne cite « {query} ».")
        raise SystemExit(1)
    count = 0
    for item in cited:
        click.secho(item.key, bold=True)
        for entry in item.entries:
            checked = f"vérifiée le {entry.checked_on:%d/%m/%Y}" if entry.checked_on else ""
            state = " · en cours de mise à jour" if entry.under_review else ""
            click.echo(f"  {entry.slug:<40} {entry.status:<9} {checked}{state}")
            count += 1
    click.echo(
        f"{count} citation(s) dans {len({e.slug for c in cited for e in c.entries})} fiche(s)"
    )


@kb.command("reindex")
@pass_app
def kb_reindex(app: AppContext) -> None:
    """Reconstruire l'index de recherche (sans interrompre le bot)."""
    count = app.container.knowledge.reindex()
    click.echo(f"Index reconstruit : {count} fiche(s) publiée(s).")


@kb.command("eval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def kb_eval(app: AppContext, path: Path) -> None:
    """Mesurer la base sur un jeu de questions JSONL {id, text, expect}."""
    service = app.container.answers
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            question = json.loads(line)
            question["expect"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise click.ClickException(
                f"ligne {number} : objet JSON avec « expect » attendu"
            ) from None
        decision = service.answer(str(question.get("text", "")))
        items.append((question, str(decision.kind), [c.slug for c in decision.candidates]))
    result = score(items)
    for miss in result.misses:
        click.echo(
            f"miss {miss.id}: {miss.text!r} expect={miss.expect} "
            f"decision={miss.decision} got={miss.got}"
        )
    click.echo(result.line())
