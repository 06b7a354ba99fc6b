import sys

from indexer.cli import main

# Guarded: reader workers re-import the main module and must not start a job.
if __name__ == "__main__":
    sys.exit(main())
