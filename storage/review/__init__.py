"""Storage of the staff oversight pages: feedback and ratings, people's names."""
