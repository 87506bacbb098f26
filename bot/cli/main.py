"""The `hotline` console command: one entry point for everything a person runs."""

from __future__ import annotations

import json
import sys

import click

from bot.cli.advisors import advisors
from bot.cli.ateliers import ateliers
from bot.cli.backoffice import backoffice
from bot.cli.context import AppContext, HotlineGroup, pass_app
from bot.cli.db import db
from bot.cli.kb import kb
from bot.cli.purge import purge
from bot.cli.run import run
from bot.cli.users import users
from routing.answers.decision import Decision


@click.group(cls=HotlineGroup)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Hotline participation citoyenne : base de connaissances, bot Telegram, outils."""
    ctx.obj = AppContext()
    ctx.call_on_close(ctx.obj.close)


def decision_json(identifier, decision: Decision) -> dict:
    """Return the batch-interface object for one decision."""
    return {
        "id": identifier,
        "decision": str(decision.kind),
        "results": [{"slug": c.slug, "score": round(c.score, 4)} for c in decision.candidates],
    }


@cli.command()
@click.argument("question", nargs=-1, required=True)
@pass_app
def ask(app: AppContext, question: tuple[str, ...]) -> None:
    """Poser une question et voir la décision, la réponse et les autres fiches candidates."""
    text = " ".join(question)
    decision = app.container.answers.answer(text)
    labels = {
        "answer": "Réponse",
        "clarify": "Précision demandée",
        "escalate": "Proposer un conseiller",
        "out_of_scope": "Hors du champ de la hotline",
        "small_talk": "Échange courant (salutation, remerciement...)",
        "follow_up": "Suivi d'une demande en cours",
    }
    click.secho(f"Décision : {labels[decision.kind]} ({decision.reason})", bold=True)
    click.echo(f"Confiance : {decision.confidence:.2f}")
    best = decision.best
    if best and decision.kind == "answer":
        entry = app.container.knowledge.get(best.slug)
        click.echo()
        click.secho(entry.title, bold=True)
        click.echo(click.wrap_text(entry.short_answer, 90))
        if entry.sources:
            click.echo("\nSources :")
            for source in entry.sources:
                click.echo(f"  - {source.label}" + (f" ({source.url})" if source.url else ""))
    if decision.candidates:
        click.echo("\nFiches candidates :")
        for candidate in decision.candidates:
            f = candidate.features
            click.echo(
                f"  {candidate.score:.2f}  {candidate.slug:<40} "
                f"(couverture {f.coverage:.2f}, proximité {f.fuzzy:.2f}, bm25 {f.bm25:.2f})"
            )


@cli.command()
@click.option("--jsonl", "jsonl", is_flag=True, required=True, help="Lire du JSONL sur l'entrée.")
@pass_app
def answer(app: AppContext, jsonl: bool) -> None:
    """Traiter des questions en lot : JSONL {id, text} en entrée, décisions en sortie."""
    service = app.container.answers
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            identifier, text = item.get("id"), item.get("text", "")
        except (json.JSONDecodeError, AttributeError):
            click.echo(f"ligne {number} ignorée : JSON invalide", err=True)
            continue
        decision = service.answer(text if isinstance(text, str) else "")
        click.echo(json.dumps(decision_json(identifier, decision), ensure_ascii=False))


cli.add_command(kb)
cli.add_command(db)
cli.add_command(run)
cli.add_command(advisors)
cli.add_command(backoffice)
cli.add_command(users)
cli.add_command(purge)
cli.add_command(ateliers)
