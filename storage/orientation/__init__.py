"""Tables and repository of the ateliers interactifs and projets partagés."""
