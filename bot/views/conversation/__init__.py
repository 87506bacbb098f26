"""Views of the official's conversation: commands and help, privacy notice, data export, request
pre-filling. They build on `bot.views` (texts, rendering), never the other way round."""
