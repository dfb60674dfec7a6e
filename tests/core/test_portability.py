"""The terminal starts on Windows: no POSIX-only module or call outside a platform guard.

An AST walk over every module of ``pos_client`` and ``central_sim`` (the tests may keep
using POSIX things). A use is allowed only inside an ``if`` on ``sys.platform`` (or
``os.name``) whose branch cannot run on Windows; mypy understands the same guards, and
``mypy --platform win32`` in ``scripts/test`` checks the attributes typeshed marks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("pos_client", "central_sim")

POSIX_MODULES = frozenset({"fcntl", "termios", "pwd", "grp", "resource", "tty", "pty",
                           "posix", "syslog", "crypt", "spwd", "nis"})
POSIX_OS_CALLS = frozenset({"fork", "forkpty", "setsid", "setpgid", "getpgid", "killpg",
                            "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid",
                            "chown", "lchown", "fchown", "fchmod", "pread", "pwrite",
                            "sysconf", "uname", "wait3", "wait4", "openpty", "mkfifo",
                            "getloadavg", "nice", "sync"})
# Everything the signal module has on POSIX but not on Windows (SIGINT, SIGTERM, SIGABRT,
# SIGFPE, SIGILL, SIGSEGV and SIGBREAK exist on both).
POSIX_SIGNAL_NAMES = frozenset({
    "SIGKILL", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGPIPE",
    "SIGSTOP", "SIGCONT", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGWINCH", "SIGVTALRM",
    "SIGPROF", "SIGIO", "SIGPOLL", "SIGSYS", "SIGTRAP", "SIGURG", "SIGXCPU", "SIGXFSZ",
    "SIGBUS", "SIGRTMIN", "SIGRTMAX", "alarm", "pause", "setitimer", "getitimer",
    "siginterrupt", "sigwait", "sigtimedwait", "sigwaitinfo", "pthread_kill",
    "pthread_sigmask", "sigpending", "ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF"})


def _windows_test(test: ast.expr) -> bool | None:
    """True if ``test`` holds exactly on Windows, False if exactly off it, None if unknown."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _windows_test(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) \
            and test.func.attr == "startswith" and _dotted(test.func.value) == "sys.platform" \
            and test.args and isinstance(test.args[0], ast.Constant):
        return "win".startswith(str(test.args[0].value)) or None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.comparators[0], ast.Constant)):
        return None
    subject, value = _dotted(test.left), test.comparators[0].value
    is_windows = (subject == "sys.platform" and value == "win32") or \
        (subject == "os.name" and value == "nt")
    is_posix = (subject == "sys.platform" and value in ("linux", "darwin")) or \
        (subject == "os.name" and value == "posix")
    op = test.ops[0]
    if isinstance(op, ast.Eq):
        return True if is_windows else (False if is_posix else None)
    if isinstance(op, ast.NotEq):
        return False if is_windows else None
    return None


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self._posix_only = 0  # > 0 inside a branch that never runs on Windows

    def visit_If(self, node: ast.If) -> None:
        on_windows = _windows_test(node.test)
        self.visit(node.test)
        for branch, posix in ((node.body, on_windows is False), (node.orelse, on_windows is True)):
            self._posix_only += posix
            for child in branch:
                self.visit(child)
            self._posix_only -= posix

    def _flag(self, node: ast.AST, what: str) -> None:
        if not self._posix_only:
            self.found.append((getattr(node, "lineno", 0), what))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in POSIX_MODULES:
                self._flag(node, f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and module.split(".")[0] in POSIX_MODULES:
            self._flag(node, f"from {module} import ...")
        for alias in node.names:
            if node.level == 0 and ((module == "os" and alias.name in POSIX_OS_CALLS)
                                    or (module == "signal" and alias.name in POSIX_SIGNAL_NAMES)):
                self._flag(node, f"from {module} import {alias.name}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        owner = _dotted(node.value)
        if (owner == "os" and node.attr in POSIX_OS_CALLS) or \
                (owner in ("signal", "signal.Signals") and node.attr in POSIX_SIGNAL_NAMES):
            self._flag(node, f"{owner}.{node.attr}")
        self.generic_visit(node)


def posix_only_uses(source: str) -> list[tuple[int, str]]:
    finder = _Finder()
    finder.visit(ast.parse(source))
    return finder.found


def _modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_the_package_sources_are_all_walked() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in _modules()}
    assert {"pos_client/store/lock.py", "pos_client/app/cli.py", "central_sim/server.py"} <= names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_posix_only_module_or_call_outside_a_platform_guard(path: Path) -> None:
    assert posix_only_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "import fcntl",
    "import os\nos.fork()",
    "from os import fork",
    "import signal\nsignal.signal(signal.SIGHUP, print)",
    "import signal\nsignal.alarm(3)",
    "from signal import SIGKILL",
    "import resource as r",
    "def f():\n    import termios\n    return termios",
    "import sys\nif sys.platform == 'win32':\n    import pwd",
    "import sys\nif sys.platform != 'linux':\n    import grp",
    "import sys\nif sys.platform == 'linux':\n    pass\nelse:\n    import grp",
])
def test_the_walk_finds_posix_only_uses(source: str) -> None:
    assert posix_only_uses(source) != []


@pytest.mark.parametrize("source", [
    "import sys\nif sys.platform != 'win32':\n    import fcntl",
    "import sys\nif sys.platform == 'win32':\n    import msvcrt\nelse:\n    import fcntl",
    "import os\nif os.name == 'posix':\n    os.fork()",
    "import sys\nif not sys.platform.startswith('win'):\n    import termios",
    "import signal\nsignal.signal(signal.SIGTERM, print)\nsignal.signal(signal.SIGINT, print)",
    "import os\nos.getpid()",
    "import sys\nif sys.platform == 'win32':\n    pass\nelif True:\n    import grp",
])
def test_the_walk_accepts_guarded_and_portable_code(source: str) -> None:
    assert posix_only_uses(source) == []
