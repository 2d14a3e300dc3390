"""Services: the rules and use cases, one module per domain.

Importing the package registers what each module hooks into the core (unit-merger handlers, file read rules).
"""
from lib.services import tasks as _tasks  # noqa: F401,E402
from lib.services import par_assessments as _par_assessments  # noqa: F401,E402
