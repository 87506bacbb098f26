"""Routers of the ateliers interactifs and projets partagés (issue 14)."""

from aiogram import Router

from bot.telegram.orientation import ateliers, projects, registrations


def build_routers() -> list[Router]:
    """The orientation routers, in the order they must be tried."""
    return [ateliers.build_router(), registrations.build_router(), projects.build_router()]
