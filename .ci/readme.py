"""Write README.md from nbs/index.ipynb (Quarto, which `nbdev-readme` needs, is not installable everywhere).

Markdown cells are copied as they are; code cells become ```python blocks with their `#|` directives removed;
cells marked `#| hide` are left out. `--check` exits 1 when README.md is not what the notebook gives.
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    "The README text for the notebook at `nb_path`."
    out = []
    for cell in json.loads(Path(nb_path).read_text(encoding='utf-8'))['cells']:
        lines = ''.join(cell['source']).splitlines()
        if cell['cell_type'] == 'markdown': out.append('\n'.join(lines).strip())
        elif cell['cell_type'] == 'code':
            directives = [l[3:].strip() for l in lines if l.startswith('#|')]
            if any(d.split(':')[0].strip() in ('hide', 'export', 'exporti') for d in directives): continue
            code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if code: out.append(f'```python\n{code}\n```')
    return '\n\n'.join(o for o in out if o) + '\n'

if __name__ == '__main__':
    want, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != want:
            sys.exit('README.md is out of date with nbs/index.ipynb: run `uv run python .ci/readme.py`.')
        print('README.md agrees with nbs/index.ipynb')
    else:
        tmp = readme.with_suffix('.md.part'); tmp.write_text(want, encoding='utf-8'); tmp.replace(readme)
        print(f'wrote {readme}')
