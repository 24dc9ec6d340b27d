"""The package's shape: no import cycles, one home for each shared vocabulary.

The pipeline reads top-down (load -> segment -> annotate -> align -> diff -> rules ->
findings -> render); a module importing one that imports it back (even only for type
hints) means a data type sits in the wrong module. The graph here counts every import,
``TYPE_CHECKING`` ones and imports inside functions included, but not a package
importing its own submodules (the kinds registry loads its kinds that way).
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "rewritelint"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    origin = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    origin = node.module or ""
                for alias in node.names:  # a submodule if there is one, else the module
                    sub = f"{origin}.{alias.name}"
                    targets.append(sub if sub in modules else origin)
            for target in targets:
                if target in modules and target != name and not target.startswith(name + "."):
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_package_has_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_model_imports_no_other_module_of_the_package() -> None:
    # The plain data every stage shares must not depend on any stage.
    assert import_graph()["rewritelint.model"] == set()


def test_story_suffixes_have_one_home() -> None:
    from rewritelint import markup, report, sources

    assert sources.STORY_SUFFIXES is markup.STORY_SUFFIXES
    assert report.STORY_SUFFIXES is markup.STORY_SUFFIXES
    assert {".mkd", ".xhtml", ".txt", ".md", ".html"} <= markup.STORY_SUFFIXES


def test_no_module_is_over_600_lines() -> None:
    # A module the next engineer can read in one sitting; bench/ counts too.
    long = {
        str(path.relative_to(ROOT)): lines
        for folder in ("rewritelint", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


def test_every_output_format_has_a_renderer() -> None:
    import io

    from rewritelint.model import Summary
    from rewritelint.render import FORMATS, Options, renderer

    for name in FORMATS:
        out = io.StringIO()
        writer = renderer(name, out, Options())
        writer.findings([], Summary(files=1, findings=0, by_severity={}))
        assert out.getvalue(), name


def test_every_name_the_benchmarks_import_from_the_package_exists() -> None:
    # The benchmarks are not run by the suite; a name moved in the package must not
    # break them silently (imports inside their functions included).
    import importlib

    missing = []
    for path in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rewritelint"):
                module = importlib.import_module(node.module or "")
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        missing.append(f"{path.name}: {node.module}.{alias.name}")
    assert missing == []
