"""The reindex job: `run` orchestrates, `changes` decides what to read, `build` writes, `report` tells."""
