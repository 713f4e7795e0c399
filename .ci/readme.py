"""Write README.md from nbs/index.ipynb (Quarto, which `nbdev-readme` needs, is not installable everywhere).

Markdown cells are copied as they are; code cells become ```python blocks with their `#|` directives removed;
cells marked `#| hide` are left out; a cell marked `#| readme: output` is run (in nbs/) and its last expression's
Markdown takes its place, so that result tables come from benchmarks/results.json, never typed by hand.
`--check` exits 1 when README.md is not what the notebook gives.
"""
import ast, json, os, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    "The README text for the notebook at `nb_path`."
    out, env = [], {}  # readme cells share one namespace, like a notebook's
    for cell in json.loads(Path(nb_path).read_text(encoding='utf-8'))['cells']:
        lines = ''.join(cell['source']).splitlines()
        if cell['cell_type'] == 'markdown': out.append('\n'.join(lines).strip())
        elif cell['cell_type'] == 'code':
            directives = [l[3:].strip() for l in lines if l.startswith('#|')]
            if 'readme: output' in directives: out.append(_output('\n'.join(lines), Path(nb_path).parent, env)); continue
            if any(d.split(':')[0].strip() in ('hide', 'export', 'exporti') for d in directives): continue
            code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if code: out.append(f'```python\n{code}\n```')
    return '\n\n'.join(o for o in out if o) + '\n'

def _output(code:str, cwd:Path, env:dict) -> str:
    "The Markdown of the last expression of `code`, run in `cwd` with the names in `env`."
    tree = ast.parse(code); last = ast.Expression(tree.body.pop().value)
    old = os.getcwd(); os.chdir(cwd)
    try:
        exec(compile(tree, '<readme cell>', 'exec'), env); v = eval(compile(last, '<readme cell>', 'eval'), env)
    finally: os.chdir(old)
    if v is None:  # a cell that prints: its text went to stdout and the README would say 'None'
        sys.exit(f"a '#| readme: output' cell ends in an expression worth None (it prints?); end it with the value to show:\n{code}")
    return (v._repr_markdown_() if hasattr(v, '_repr_markdown_') else str(v)).strip()

if __name__ == '__main__':
    want, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != want:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `uv run python .ci/readme.py`.')
        print('README.md agrees with nbs/index.ipynb')
    else:
        tmp = readme.with_suffix('.md.part'); tmp.write_text(want, encoding='utf-8'); tmp.replace(readme)
        print(f'wrote {readme}')
