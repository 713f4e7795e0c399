"""Run the notebooks in order and save them with their outputs, so that a reader on GitHub sees every figure, table and help text.

    uv run python .ci/render.py                    # every notebook; needs LFW ($FACERECOG_LFW, else ../shared/data/lfw) for the slow cells
    uv run python .ci/render.py nbs/05_metrics.ipynb
    uv run python .ci/render.py --check            # no execution: fail when a cell that draws a figure has none saved (CI runs this)

Cells run as `nbdev-test --flags slow` runs them (same working folder, same environment), with progress bars off (`TQDM_DISABLE`) and figures
saved as JPEG (photos weigh 5-10 times less than as PNG). A notebook is written only when all its cells succeed, and then cleaned with nbdev-clean (outputs kept, metadata dropped).
"""
from __future__ import annotations
import argparse, os, re, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
DRAWS = re.compile(r'\bplt\.(?:imshow|plot|subplots|figure|bar|hist)\b|\bplot_\w+\(|\.imshow\(|\bshow_images?\(')  # calls that draw a figure
WIDGET = re.compile(r'\b(?:\w*Explorer|LiveThreshold|GroupNamer)\b')  # the book's widgets: a cell showing one must save its picture
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'

def _flags(cell) -> set[str]:
    return {l.split('|', 1)[1].strip() for l in cell.source.splitlines() if l.startswith('#|')}

def _draws(cell) -> bool:
    "Whether a code cell draws a figure a reader should see (exported definitions do not: they only define)."
    if cell.cell_type != 'code' or any(f.startswith('export') for f in _flags(cell)): return False
    last = cell.source.strip().splitlines()[-1] if cell.source.strip() else ''
    shows_widget = bool(WIDGET.search(cell.source)) and re.fullmatch(r'\w+', last) is not None  # a widget as the cell's value
    return bool(DRAWS.search(cell.source)) or last.startswith('Image.fromarray(') or shows_widget  # a PIL image as the cell's value is shown

def _has_image(cell) -> bool:
    return any({'image/png', 'image/jpeg'} & set(o.get('data') or {}) for o in cell.get('outputs', []))

def _widget_without_picture(cell) -> bool:
    "An output showing a widget (its view, or its text repr) with no picture beside it: a reader who does not run the book sees nothing."
    for o in cell.get('outputs', []):
        d = o.get('data') or {}
        if (WIDGET_VIEW in d or re.match(r'[A-Z]Box\(children=', str(d.get('text/plain', '')))) and not {'image/png', 'image/jpeg'} & set(d): return True
    return False

def _drop_views(nb):
    "Widget views need the widget state of a live kernel, which a saved notebook lacks: keep the picture beside each view instead."
    for c in nb.cells:
        for o in c.get('outputs', []):
            d = o.get('data') or {}
            if WIDGET_VIEW in d and {'image/png', 'image/jpeg'} & set(d): del d[WIDGET_VIEW]

def check(paths) -> list[str]:
    "Cells that draw a figure but have none saved, as 'notebook: cell id: first line'."
    from fastcore.nbio import read_nb
    bad = []
    for p in paths:
        for c in read_nb(p).cells:
            if (_draws(c) and not _has_image(c)) or _widget_without_picture(c): bad.append(f"{p.relative_to(ROOT)}: cell {c.get('id')}: {c.source.splitlines()[0][:80]}")
    return bad

def render(path:Path, slow:bool, timeout:int=1800) -> float:
    "Execute the notebook at `path` and save it with its outputs; returns the seconds it took."
    from fastcore.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    nb = read_nb(path)
    for c in nb.cells:
        if c.cell_type == 'code': c.outputs, c.execution_count = [], None
    skip = lambda c: c.cell_type != 'code' or 'eval: false' in _flags(c) or (not slow and 'slow' in _flags(c))  # as nbdev-test skips them
    t0, cwd = time.time(), os.getcwd()
    shell = CaptureShell(path, mpl_format='jpeg')  # photos weigh 5-10 times less than as PNG
    os.chdir(path.parent)
    try: shell.run_all(nb, exc_stop=True, preproc=skip, cell_timeout=timeout)
    finally: os.chdir(cwd)
    _drop_views(nb)
    write_nb(nb, path)
    return time.time() - t0

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='*', help='notebooks to render (default: all of nbs/, in order)')
    ap.add_argument('--check', action='store_true', help='only check that every cell that draws a figure has one saved')
    ap.add_argument('--no-slow', action='store_true', help='skip the cells flagged slow (their outputs stay empty)')
    ap.add_argument('--one', help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one: print(f"{render(Path(a.one).resolve(), slow=not a.no_slow):.0f} s", flush=True); sys.exit(0)
    paths = [Path(p).resolve() for p in a.notebooks] or sorted(NBS.glob('*.ipynb'))
    if a.check:
        bad = check(paths)
        if bad: sys.exit("These cells draw a figure but the notebook was saved without it; run `uv run python .ci/render.py` and commit:\n  " + '\n  '.join(bad))
        print(f"render check: {len(paths)} notebooks, every figure saved"); sys.exit(0)
    lfw = Path(os.environ.get('FACERECOG_LFW', ROOT.parent/'shared'/'data'/'lfw'))
    if not a.no_slow and not (lfw/'lfw-deepfunneled.tgz').is_file():
        sys.exit(f"LFW not found at {lfw} (set FACERECOG_LFW to the folder holding lfw-deepfunneled.tgz), or pass --no-slow.")
    env = {**os.environ, 'FACERECOG_LFW': str(lfw.resolve()), 'TQDM_DISABLE': '1', 'YOLO_OFFLINE': '1'}
    env.pop('MPLBACKEND', None)
    import subprocess
    for p in paths:  # one process per notebook, as nbdev-test runs them: no state leaks from one chapter into the next
        print(f"{p.name} ...", end=' ', flush=True)
        r = subprocess.run([sys.executable, __file__, '--one', str(p)] + (['--no-slow'] if a.no_slow else []), env=env)
        if r.returncode: sys.exit(f"{p.name} failed; it was not saved.")
        subprocess.run([str(Path(sys.executable).parent/'nbdev-clean'), '--fname', str(p)], check=True, cwd=ROOT)
    bad = check(paths)
    if bad: sys.exit("Rendered, but these cells drew no figure:\n  " + '\n  '.join(bad))
