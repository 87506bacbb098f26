"""Replies that are not knowledge-base answers: small talk, other languages, follow-ups."""
