"""Word drafts in: ``clause import DRAFT.docx`` (importer.py runs the steps).

pandoc_ast (pandoc's DOCX reader and its AST), bookmarks (the bookmarks pandoc drops, read with
python-docx), units (the AST as a flat list, tracked changes decided), patterns (how a Word
draft types numbers, labels and captions; template styles), structure and tables (clauses,
term entries, captions, pipe tables), elements (what recovery finds), crossrefs (numbers,
anchors, typed references), cover (front-matter), markdown and draft_writer (the draft),
report (what could not be mapped), commands (the CLI).

It sits with site/ and comments/ on the floor of views with their own formats: it reads the
export's cover labels and runs the linter on what it wrote.
"""
