"""Run the benchmarks: every ``benchmarks/bench_*.py`` module's ``main()``, or only those named.

python -m benchmarks                 # all of them
python -m benchmarks corpus render   # bench_corpus.py and bench_render.py only
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).parent


def discover(names: list[str] | None = None) -> list[str]:
    """Module names of the benchmarks, sorted; ``names`` (with or without ``bench_``) filters them."""
    found = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if not names:
        return found
    wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in names}
    unknown = wanted - set(found)
    if unknown:
        raise SystemExit(
            f"benchmarks: no such benchmark: {', '.join(sorted(unknown))} (have: {', '.join(found)})"
        )
    return [n for n in found if n in wanted]


def main(argv: list[str] | None = None) -> int:
    """Run each benchmark in turn; one failing does not stop the others; exit 1 if any failed."""
    failed = []
    names = discover(sys.argv[1:] if argv is None else argv)
    sys.argv = sys.argv[:1]  # each benchmark's own argument parser sees no arguments meant for us
    for name in names:
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            status = module.main()
        except SystemExit as exc:
            status = exc.code
        except Exception:
            traceback.print_exc()
            status = 1
        if status not in (None, 0):
            failed.append(name)
        verdict = "FAILED" if status not in (None, 0) else "done"
        print(f"== {name}: {verdict} in {time.perf_counter() - start:.1f} s")
    if failed:
        print(f"benchmarks failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
