"""Every action the code can record has its own Vietnamese name in the admin's change history,
its action filter and the audit export.

The actions are read from the code, not from a list kept here: every call of `record()` in the
project (its action written out, chosen by `if … else`, built by an f-string, or passed down by
the callers of the function that records it), and every write an audited admin page can make.
An action added without a label, or recorded in a way this reading cannot follow, fails here.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest
from django.contrib import admin
from django.utils import translation

import cchc
from cchc.audit.history import action_label
from cchc.audit.recorded_admin import RecordedAdmin

ROOT = Path(cchc.__file__).parent
LEFT_OUT = {"tests", "migrations", "testing"}


class Unfollowed(Exception):
    """An action computed in a way this reading cannot follow (say it with literals)."""


def _trees() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(ROOT.rglob("*.py"))
        if not LEFT_OUT & set(path.relative_to(ROOT).parts) and path.name != "conftest.py"
    }


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _calls(trees):
    """(module, innermost enclosing function or None, call) for every call of the project."""
    for path, tree in trees.items():
        yield from _calls_in(path, tree, None)


def _calls_in(path, node, func):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Call):
            yield path, func, child
        inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else func
        yield from _calls_in(path, child, inner)


def _passed(call: ast.Call, func: ast.FunctionDef, name: str):
    """What `call` passes to `func`'s parameter `name` (its default when it passes nothing)."""
    args = func.args
    params = [a.arg for a in [*args.posonlyargs, *args.args]]
    if name in params and params.index(name) < len(call.args):
        return call.args[params.index(name)]
    given = next((k.value for k in call.keywords if k.arg == name), None)
    defaults = dict(zip(reversed(params), reversed(args.defaults), strict=False))
    defaults |= {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d}
    return given if given is not None else defaults.get(name)


def _values(expr, where, calls) -> set[str]:
    """The strings `expr` can be in function `where` (module, function)."""
    path, func = where
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _values(expr.body, where, calls) | _values(expr.orelse, where, calls)
    if isinstance(expr, ast.JoinedStr):
        parts = [
            _values(p.value if isinstance(p, ast.FormattedValue) else p, where, calls)
            for p in expr.values
        ]
        return {"".join(chosen) for chosen in itertools.product(*parts)}
    args = func.args if func is not None else ast.arguments([], [], None, [], [], None, [])
    params = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}
    if isinstance(expr, ast.Name) and expr.id in params:
        # a parameter: what every caller passes (a private function's callers are in its module)
        found: set[str] = set()
        for caller_path, caller, call in calls:
            if _called(call) != func.name or (func.name[0] == "_" and caller_path != path):
                continue
            arg = _passed(call, func, expr.id)
            if arg is None:
                raise Unfollowed(f"{caller_path}:{call.lineno} passes no {expr.id}")
            found |= _values(arg, (caller_path, caller), calls)
        return found
    raise Unfollowed(f"{path}:{getattr(expr, 'lineno', '?')} {ast.unparse(expr)}")


def recorded_actions() -> set[str]:
    """Every action a `record()` call of the project can write (the admin's own writes, named
    by `recorded_admin.action_name`, are the admin pages' share, below)."""
    trees = _trees()
    calls = list(_calls(trees))
    actions: set[str] = set()
    for path, func, call in calls:
        if _called(call) != "record" or not call.args:
            continue
        first = call.args[0]
        if isinstance(first, ast.Call) and _called(first) == "action_name":
            continue
        actions |= _values(first, (path, func), calls)
    return actions


def admin_actions() -> set[str]:
    """What an audited admin page can write: its model's and its inline tables' rows added,
    changed, deleted, and (with an `is_active` field) deactivated or reactivated."""
    actions = set()
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, RecordedAdmin):
            continue
        for written in [model, *(inline.model for inline in model_admin.inlines)]:
            verbs = ["create", "update", "delete"]
            if any(f.name == "is_active" for f in written._meta.fields):
                verbs += ["deactivate", "reactivate"]
            actions |= {f"{written._meta.model_name}.{verb}" for verb in verbs}
    return actions


def test_the_reading_finds_the_actions_recorded_in_every_way_the_code_records_them():
    actions = recorded_actions()
    assert {"plan.create", "plan.update"} <= actions  # if … else
    assert {"task.delete", "target.delete"} <= actions  # f-string of a passed kind
    assert {"plan.close", "amendment.discard"} <= actions  # passed down to record_step
    assert {"dossier_import", "procedure_import"} <= actions  # callers in other modules
    assert {"dossier_upload.imported", "dossier_upload.refused"} <= actions
    assert {"unit.create", "unittoken.deactivate", "post.delete"} <= admin_actions()


def test_the_reading_refuses_an_action_it_cannot_follow():
    tree = ast.parse("def save(obj):\n    record(obj.kind, obj=obj)\n")
    func = tree.body[0]
    call = func.body[0].value
    with pytest.raises(Unfollowed):
        _values(call.args[0], (Path("x.py"), func), [])


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_action_the_code_can_record_has_a_label_of_its_own(language):
    actions = recorded_actions() | admin_actions()
    with translation.override(language):
        unnamed = sorted(a for a in actions if action_label(a) == a)
        assert unnamed == []
        by_label: dict[str, list[str]] = {}
        for action in sorted(actions):
            by_label.setdefault(action_label(action), []).append(action)
    assert {label: named for label, named in by_label.items() if len(named) > 1} == {}
