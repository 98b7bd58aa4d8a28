"""Word drafts in: ``clause import DRAFT.docx`` (see importer.py for the steps).

pandoc_ast (pandoc's reader and its AST), bookmarks (the bookmarks pandoc drops), units (the
AST flattened, tracked changes decided), structure and tables (clauses, term entries, captions),
crossrefs (numbers, anchors, typed references), cover (front-matter), markdown and
draft_writer (the draft), report (what could not be mapped), commands (the CLI).
"""
