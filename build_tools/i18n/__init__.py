"""Language data: labels, stage names, boilerplate, verbal-form lexicons, reference patterns.

Everything a view prints in a draft's language comes from here, so the site, the PDF and the
DOCX say "Table 1" / "表1" the same way.
"""

from build_tools.i18n.labels import LABELS, label, special_kind_for_title

__all__ = ["LABELS", "label", "special_kind_for_title"]
