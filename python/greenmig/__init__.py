"""greenmig from Python: CloudSim 3.0.3's power-aware datacenter at C speed.

    import greenmig
    r = greenmig.run("examples/paper.ini", policy="lr")          # a Result: every stats column
    df = greenmig.sweep("examples/paper.ini", vary={"param": [0.7, 0.8, 0.9]}, jobs=2)
    sim = greenmig.Simulation("examples/paper.ini", policy="dvfs")  # stepped from Python

run() and sweep() give the command line's numbers to the last digit; Simulation stops at each
scheduling step with numpy observations and takes actions the engine checks; Policy is a policy
written in Python and run by the C engine; Env wraps a Simulation with Gymnasium's signature.
Errors of the library are GreenmigError (``file:line: message``); refused actions ActionError.
doc/python.md is the guide.
"""
from ._api import ActionError, Experiment, GreenmigError
from .env import Env
from .policy import Context, Policy, register
from .results import Result, run, sweep
from .simulation import (HOST_ACTIVE, HOST_ASLEEP, HOST_BOOTING, HOST_EMPTY, HOST_HELD_OFF, HOST_OFF,
                         HOST_SHUTTING_DOWN, HOST_STATES, HOST_SUSPENDING, HOST_WAKING, Simulation)

__all__ = ["run", "sweep", "Result", "Experiment", "Simulation", "Env", "Policy", "Context", "register",
           "GreenmigError", "ActionError", "HOST_EMPTY", "HOST_ACTIVE", "HOST_HELD_OFF", "HOST_OFF",
           "HOST_BOOTING", "HOST_WAKING", "HOST_SHUTTING_DOWN", "HOST_SUSPENDING", "HOST_ASLEEP", "HOST_STATES"]
