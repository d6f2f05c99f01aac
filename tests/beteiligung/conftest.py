import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks():
    """What `manage.py db_worker` does, until the queue holds nothing ready: each task claimed and run.

    Returns the results of the tasks run, oldest first. Tasks deferred to later (a retry) wait.
    """
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test-worker", excluded_queue_names=[])
    finished = []
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        result.refresh_from_db()
        finished.append(result)
    return finished


@pytest.fixture
def run_tasks():
    return run_queued_tasks


@pytest.fixture
def queued():
    """The tasks waiting in the queue, by task name."""
    return lambda: list(DBTaskResult.objects.ready().values_list("task_path", flat=True))


@pytest.fixture(autouse=True)
def easy_proof_of_work(settings):
    """A proof of work of 4 bits: tests solve it in Python in microseconds (production: 16)."""
    settings.BETEILIGUNG_POW_BITS = 4
