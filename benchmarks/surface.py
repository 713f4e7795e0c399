"""How the library is shaped, counted from its source: `uv run python benchmarks/surface.py [--json]`.

Counts over facerecog/*.py (the generated modules) and the notebooks' export cells:
- modules, import arrows between them (module -> module, at the top or inside functions), public names per module;
- the widest public signatures (parameters, `self`/`cls` not counted);
- for each recognition setting (threshold, precision, flip, batch_size, every, engine): the functions that take it as a
  parameter, its distinct defaults, and the places that check it (a call of check_<setting>, or a comparison of it
  against a constant set);
- export cells: how many, the median and largest number of lines;
- public parameters with a docment (a comment after the parameter, or on the line above it).
"""
import ast, json, re, statistics, sys
from collections import Counter, defaultdict
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT/'facerecog'
SETTINGS = ('threshold', 'precision', 'flip', 'batch_size', 'every', 'engine')

def modules():
    return {p.stem: p for p in sorted(PKG.glob('*.py')) if p.stem not in ('_modidx', '__init__')}

def public_functions(tree):
    "(qualified name, node) of every public function and method (a patched method counts as its class's)."
    out = []
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and not n.name.startswith('_'):
            dec = [ast.unparse(d) for d in n.decorator_list]
            if any(d.startswith('patch') for d in dec) and n.args.args:
                ann = n.args.args[0].annotation
                cls = ast.unparse(ann) if ann is not None else '?'
                out.append((f"{cls}.{n.name}", n, True))
            else: out.append((n.name, n, False))
        if isinstance(n, ast.ClassDef) and not n.name.startswith('_'):
            for m in n.body:
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and (not m.name.startswith('_') or m.name == '__init__'):
                    out.append((f"{n.name}.{m.name}", m, True))
    return out

def params(fn, method):
    a = fn.args
    names = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
    if method and names and names[0] in ('self', 'cls'): names = names[1:]
    return names

def defaults(fn):
    a = fn.args
    pos = a.posonlyargs + a.args
    out = dict(zip([x.arg for x in pos[len(pos) - len(a.defaults):]], a.defaults))
    out.update({k.arg: d for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None})
    return {k: ast.unparse(v) for k, v in out.items()}

def documented(src_lines, fn, names):
    "Parameters with a comment on their line or on the line above: what fastcore's docments (and show_doc) read."
    doc = ast.get_docstring(fn) or ''
    got = set()
    for x in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs:
        line, above = src_lines[x.lineno - 1], src_lines[x.lineno - 2].strip() if x.lineno > 1 else ''
        if '#' in line[x.col_offset:]: got.add(x.arg)
        elif above.startswith('#') and x.lineno - 1 > fn.lineno - 1: got.add(x.arg)  # docments: a comment line above
    return [n for n in names if n in got]

def count():
    mods = modules()
    arrows, public, widest, setting = set(), {}, [], defaultdict(lambda: dict(takes=[], defaults=Counter(), checks=[]))
    doc_total = doc_have = 0
    for name, path in mods.items():
        text = path.read_text()
        tree, lines = ast.parse(text), text.splitlines()
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom) and n.module:
                m = n.module.split('.')[-1] if (n.level or n.module.startswith('facerecog')) else None
                if m in mods and m != name: arrows.add((name, m))
        allv = next((n.value for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, 'id', '') == '__all__' for t in n.targets)), None)
        public[name] = len(allv.elts) if isinstance(allv, (ast.List, ast.Tuple)) else 0
        for q, fn, method in public_functions(tree):
            ps = params(fn, method)
            widest.append((len(ps), f"{name}.{q}"))
            doc_total += len(ps)
            doc_have += len(documented(lines, fn, ps))
            dfl = defaults(fn)
            for s in SETTINGS:
                if s in ps:
                    setting[s]['takes'].append(f"{name}.{q}")
                    if s in dfl: setting[s]['defaults'][dfl[s]] += 1
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id.startswith('check_'):
                s = n.func.id[6:]
                if s in SETTINGS: setting[s]['checks'].append(f"{name}:{n.lineno}")
            if isinstance(n, ast.Compare) and isinstance(n.left, (ast.Name, ast.Attribute)):
                s = n.left.id if isinstance(n.left, ast.Name) else n.left.attr
                if s in SETTINGS and any(isinstance(o, (ast.In, ast.NotIn)) for o in n.ops):
                    setting[s]['checks'].append(f"{name}:{n.lineno}")
    cells = []
    for nb in sorted((ROOT/'nbs').glob('*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            src = ''.join(c['source'])
            if c['cell_type'] == 'code' and re.match(r'#\|\s*export', src):
                cells.append(len([l for l in src.splitlines()[1:] if l.strip()]))
    return dict(modules=len(mods), import_arrows=len(arrows), public_names=public,
                widest=sorted(widest, reverse=True)[:8],
                settings={s: dict(functions=len(v['takes']), defaults=dict(v['defaults']), checks=len(v['checks']))
                          for s, v in sorted(setting.items())},
                export_cells=dict(n=len(cells), median=statistics.median(cells) if cells else 0, max=max(cells, default=0),
                                  over_40=sum(c > 40 for c in cells)),
                parameters=dict(public=doc_total, documented=doc_have,
                                share=round(doc_have / doc_total, 3) if doc_total else 1.0))

if __name__ == '__main__':
    c = count()
    if '--json' in sys.argv: print(json.dumps(c, indent=1)); sys.exit()
    print(f"modules {c['modules']}, import arrows {c['import_arrows']}, public names {sum(c['public_names'].values())}")
    print('public names per module: ' + ', '.join(f"{k} {v}" for k, v in c['public_names'].items()))
    print('widest: ' + ', '.join(f"{q} {n}" for n, q in c['widest']))
    for s, v in c['settings'].items(): print(f"{s}: taken by {v['functions']} functions, defaults {v['defaults']}, checked in {v['checks']} places")
    e = c['export_cells']; p = c['parameters']
    print(f"export cells {e['n']}: median {e['median']} lines, largest {e['max']}, {e['over_40']} over 40")
    print(f"public parameters {p['public']}, documented {p['documented']} ({p['share']:.0%})")
