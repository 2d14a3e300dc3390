"""The modules of Đôn Đốc, in one place. Importing this module plugs each module into the core: its tables into
the metadata (Alembic, backup, demo reset), its unit-merger handlers and file read rules (registered when its
services are imported), and its part of the demo province.

The entry points import it: app.py, lib/cli.py, migrations/env.py, the tests and the benchmarks."""
from __future__ import annotations

from lib.core import demo
from lib.par import assessments as _par_assessments  # noqa: F401 - registers the PAR evidence read rule
from lib.par import models as _par_models  # noqa: F401 - the PAR tables
from lib.par.demo import load_demo_par
from lib.projects import capital as _project_capital  # noqa: F401 - registers the plan decisions' read rule
from lib.projects import finance_models as _project_finance_models  # noqa: F401 - capital plans, disbursements
from lib.projects import models as _project_models  # noqa: F401 - the project tables
from lib.projects import photos as _project_photos  # noqa: F401 - registers the project photos' read rule
from lib.projects import process as _project_process  # noqa: F401 - registers the project steps' merger handler
from lib.projects import records as _project_records  # noqa: F401 - registers the project documents' read rule
from lib.projects import step_models as _project_step_models  # noqa: F401 - the step reports' tables
from lib.projects import step_reports as _project_step_reports  # noqa: F401 - registers the step evidence read rule
from lib.projects import treasury as _project_treasury  # noqa: F401 - registers the Treasury files' read rule
from lib.projects.demo import load_demo_projects
from lib.projects.capital_demo import load_demo_finance
from lib.projects.step_demo import load_demo_steps
from lib.projects.treasury_demo import load_demo_treasury
from lib.tasks import leader_models as _leader_models  # noqa: F401 - the leaders table
from lib.tasks import models as _task_models  # noqa: F401 - the task tables
from lib.tasks import workflow as _tasks  # noqa: F401 - registers the task merger handler and read rules
from lib.tasks.demo import load_demo_tasks

for _extension in (load_demo_tasks, load_demo_par, load_demo_projects, load_demo_steps, load_demo_finance,
                   load_demo_treasury):
    if _extension not in demo.EXTENSIONS:
        demo.EXTENSIONS.append(_extension)
