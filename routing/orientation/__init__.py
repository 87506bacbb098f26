"""Orientation towards the programme's offers: ateliers interactifs and projets partagés."""
