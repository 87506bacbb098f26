"""The staff back-office: a server-rendered web application served next to the bot."""
