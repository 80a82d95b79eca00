"""The assumptions pages: the board, an assumption with its history, challenges and their threads,
and the course corrections waiting for a goal's owner."""
