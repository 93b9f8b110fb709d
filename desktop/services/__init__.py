"""Use cases. Every function takes the acting user; one session per unit of work."""
