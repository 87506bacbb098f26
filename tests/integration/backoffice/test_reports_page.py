"""Reports: SVG charts on the page, CSV export of each table, the CLI sign-in link."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from bot.cli.main import cli
from routing.answers.hotline import Sender
from tests.integration.backoffice.conftest import OFFICIAL, STAFF, text_of

TABLES = ("questions_par_jour", "decisions", "avis", "tickets_par_jour", "delais", "satisfaction")


async def test_the_reports_page_draws_svg_charts_of_the_questions(staff, env):
    env.ask("Comment organiser un budget participatif ?")
    env.ask("Quel temps fera-t-il demain à Brest ?")
    response = await staff.get("/rapports?jours=7")
    assert response.status == 200
    html = await text_of(response)
    assert html.count("<svg") >= 5
    assert 'aria-label="Questions par jour"' in html
    assert "Décisions du bot" in html
    for table in TABLES:
        assert f"/rapports/{table}.csv?jours=7" in html


async def test_each_table_exports_as_csv(staff, env):
    hotline = env.container.hotline
    asked = hotline.ask(Sender(OFFICIAL), "Comment organiser un budget participatif ?")
    hotline.feedback(Sender(OFFICIAL), asked.question_id, "budget-participatif", True)
    for table in TABLES:
        response = await staff.get(f"/rapports/{table}.csv")
        assert response.status == 200, table
        assert response.headers["Content-Type"].startswith("text/csv")
        assert "attachment" in response.headers["Content-Disposition"]
    response = await staff.get("/rapports/decisions.csv")
    text = (await response.read()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["décision", "questions", "part"]
    assert ["Répondues", "1", "100,0 %"] in rows
    response = await staff.get("/rapports/avis.csv")
    rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig")), delimiter=";"))
    assert ["Utile", "1", "100,0 %"] in rows
    assert (await staff.get("/rapports/inconnue.csv")).status == 404


async def test_the_cli_prints_a_working_link_for_staff_only(env, client):
    settings = env.container.settings
    environment = {"HOTLINE_DATA_DIR": str(settings.data_dir), "HOTLINE_DATABASE_URL": ""}
    runner = CliRunner()
    result = runner.invoke(cli, ["backoffice", "link", str(STAFF)], env=environment)
    assert result.exit_code == 0, result.output
    url = result.output.strip()
    assert url.startswith("http://127.0.0.1:8090/connexion?jeton=")
    token = url.split("jeton=")[1]
    response = await client.post("/connexion", data={"jeton": token}, allow_redirects=False)
    assert response.status == 303
    refused = runner.invoke(cli, ["backoffice", "link", str(OFFICIAL)], env=environment)
    assert refused.exit_code == 1
    assert "n'est pas enregistré comme membre de l'équipe" in refused.output
