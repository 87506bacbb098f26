"""Views of the official's conversation beyond knowledge-base answers: small talk, other
languages, follow-ups, commands and help, privacy notice, data export, request pre-filling.
They build on `bot.views` (texts, rendering), never the other way round."""
