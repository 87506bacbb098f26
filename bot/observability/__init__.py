"""What operators watch: Prometheus metrics of the bot process, and its health."""
