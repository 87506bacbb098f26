"""Staff oversight of the content: cited texts and their changes, feedback, the journal."""
