"""The read path: an index generation -> ranked passages (and, later, contacts and meetings)."""
