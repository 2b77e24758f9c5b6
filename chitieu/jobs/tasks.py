"""The one task the Tasks framework queues: run a stored job (chitieu.jobs.services.run)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    """Run the job `job_id`; return its final state ("done", "failed"; "missing" or "taken"
    when it was not queued any more)."""
    from chitieu.jobs.services import run

    return run(job_id)
