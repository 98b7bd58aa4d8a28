"""The secretariat's workflows: ballots, the stage gate, and comments against a ballot.

Two floors. The formats, which the site reads too and which import nothing above
``build_tools.comments``:

    roster.py      committee.yaml: the members, P (votes) or O (observer)
    record.py      comments/<stem>/<stage><iteration>/ballot.yaml: one ballot, and its votes
    results.py     the result rules (iso-dis, gb-review, consensus) and a ballot's status

The workflows, which combine the views below them (parse, export, lint, comments):

    balloted.py    the balloted text and line map a comment is checked against
    checks.py      the comment files and the roster of a repository (CMT and ROSTER rules)
    commit.py      a step's files written and committed as one, or put back
    ballot.py      open, vote, close
    stage.py       the stage gate
    importing.py   a member's table into its comment file, with its vote
    commands.py, comment_commands.py, options.py   clause ballot, stage and comments

This package file imports nothing, so that reading a record does not load the workflows.
"""
