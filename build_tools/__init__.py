"""Clause: the drafting pipeline of a standards working group."""

__version__ = "0.1.0"
