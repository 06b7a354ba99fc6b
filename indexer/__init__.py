"""The write path: documents -> passages -> vectors -> an index generation."""
