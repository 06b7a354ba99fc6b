"""The index format: what a generation holds on disk, and its one reader.

`layout` (folders, the CURRENT pointer, manifests, publishing), `records`
(the stored dataclasses and their vocabularies), `catalog` (the SQLite
catalogue and its reader), `bm25` (the lexical index), `person_vectors`
(a vector per person mention), `reports` (the last job report) and
`suppress` (the erasure list). The indexer writes these
files; the searcher only reads them, through this package.
"""
