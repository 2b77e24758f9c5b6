"""Long work off the request: reading a long document, building a PDF report, importing a
large workbook.

A `Job` (models.py) records what a person asked for, how far it got and what came of it; the
work itself is queued and run by Django's Tasks framework (the `django-tasks` backport, with
the `django-tasks-db` database backend: `chitieu db_worker` runs it, on SQLite and PostgreSQL
alike). services.py submits and runs jobs; views.py shows a job's progress to the person who
asked (HTMX polls its status fragment) and its result when done.
"""
