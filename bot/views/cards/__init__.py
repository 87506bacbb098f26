"""The ticket card in the advisors' group, as it changes over the ticket's life."""
