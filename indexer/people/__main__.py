"""`python -m indexer.people`: derive the name lexicon now (make install does)."""

from indexer.people.lexicon import main

raise SystemExit(main())
