"""Back-office pages of staff oversight: cited texts and their changes, feedback."""
