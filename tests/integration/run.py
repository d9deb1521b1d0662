"""Run one integration case: python3 run.py MODULE CASE.

Each case is a function `test_CASE(h)` in tests/integration/MODULE.py (or in
tests/rig/MODULE.py) that receives a fresh Harness. Exit status: 0 passed, 1 failed, 77 skipped
(a part is missing; with CI=true that is a failure, 1).
"""

import importlib
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# The rig's cases and helpers (tests/rig) run through this runner too.
sys.path.insert(1, os.path.join(HERE, "..", "rig"))
import harness  # noqa: E402


def main():
    if len(sys.argv) != 3:
        print("usage: run.py MODULE CASE", file=sys.stderr)
        return 2
    module_name, case = sys.argv[1], sys.argv[2]
    module = importlib.import_module(module_name)
    func = getattr(module, "test_" + case)
    try:
        with harness.Harness(f"{module_name}-{case}") as h:
            func(h)
    except harness.Skip as e:
        # In CI every part a case needs is installed or built by tools/test: a missing one is a
        # failure there, whichever case found it, not a skip.
        if os.environ.get("CI") == "true":
            print(f"FAIL (CI=true, a part is missing): {e}")
            return 1
        print(f"SKIP: {e}")
        return 77
    except Exception:  # noqa: BLE001 - any failure of the case fails the test
        traceback.print_exc()
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
