"""Request checks shared by the bot's web servers (sandbox, back-office): site and forms."""
