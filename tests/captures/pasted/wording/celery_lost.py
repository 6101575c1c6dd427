# A Celery worker (prefork pool, filesystem broker: no server needed) whose pool process is
# killed by SIGKILL while it runs a task, as the OOM killer ends it.  Prints the worker's
# log, the client's traceback, then the task's stored result, the JSON an API returns.
import glob
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
for d in ("queue", "processed", "results"):
    os.makedirs(os.path.join(here, d), exist_ok=True)
with open(os.path.join(here, "photo_tasks.py"), "w") as f:
    f.write('''import os
from celery import Celery

here = os.path.dirname(os.path.abspath(__file__))
app = Celery("photo_tasks")
app.conf.update(
    broker_url="filesystem://",
    broker_transport_options={"data_folder_in": os.path.join(here, "queue"),
                              "data_folder_out": os.path.join(here, "queue"),
                              "processed_folder": os.path.join(here, "processed")},
    result_backend="file://" + os.path.join(here, "results"),
)


@app.task
def resize(path):
    os.kill(os.getpid(), 9)
''')
worker = subprocess.Popen(
    [sys.executable, "-m", "celery", "-A", "photo_tasks", "worker", "--pool=prefork",
     "--concurrency=1", "--loglevel=INFO", "--without-heartbeat", "--without-mingle",
     "--without-gossip"], cwd=here, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
time.sleep(5)
sys.path.insert(0, here)
from photo_tasks import resize  # noqa: E402

try:
    resize.delay("/data/photos/IMG_0042.jpg").get(timeout=40)
except Exception:
    import traceback
    time.sleep(1)
    worker.terminate()
    sys.stdout.write(worker.communicate()[0].decode())
    traceback.print_exc(file=sys.stdout)
for path in glob.glob(os.path.join(here, "results", "*")):
    with open(path) as f:
        print(f.read())
