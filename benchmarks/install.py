"""What a user installs to name faces, and how soon it answers: `uv run python benchmarks/install.py`.

Builds the wheel, installs `facerecog[runtime]` (the locked base dependencies, no torch) into a fresh virtual environment
in a temporary folder, and measures, with nothing else running:
- the environment's size on disk (every file it holds, links followed), and what PyTorch would add (the files of torch,
  torchvision, triton and the nvidia-* packages in this checkout's environment, which `facerecog[train]` brings);
- start-up: `import facerecog`, `facerecog-identify --help`, and the time to the first answer of `facerecog-identify` and
  `facerecog-demo` on the samples (a new process each time, median of `--repeat` runs, an empty gallery cache), in that
  environment (ONNX engine, int8 export) and in this checkout's environment on the torch engine (`--precision float32`).
Prints a table and writes benchmarks/install.md and the "install" section of benchmarks/results.json (the README's table).
"""
import argparse, importlib.metadata as md, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from _common import report, update_results

ROOT = Path(__file__).resolve().parent.parent
p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--repeat', type=int, default=3, help='runs of each start-up command (the median is reported)')
p.add_argument('--no-write', action='store_true', help='print only; leave install.md and results.json alone')
args = p.parse_args()
UV = shutil.which('uv') or sys.exit("uv is needed: pip install uv")

def run(*cmd, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode: sys.exit(f"{' '.join(map(str, cmd))} failed:\n{r.stderr[-2000:]}")
    return r

def size_mb(folder:Path) -> float:
    "Bytes of every file under `folder`, links followed (uv links files from its cache), in MB."
    return sum(os.stat(Path(d)/f).st_size for d, _, fs in os.walk(folder) for f in fs) / 1e6

def dist_mb(name:str) -> float:
    "Size of an installed distribution's files in this environment, in MB (0 when it is not installed)."
    try: files = md.distribution(name).files or []
    except md.PackageNotFoundError: return 0.0
    return sum(f.locate().stat().st_size for f in files if f.locate().is_file()) / 1e6

def timed(cmd:list, cwd:Path, env:dict) -> float:
    "Median wall seconds of `cmd` in a new process, with a fresh copy of the gallery and no cache each time."
    ts = []
    for _ in range(args.repeat):
        shutil.rmtree(env['FACERECOG_HOME'], ignore_errors=True)
        shutil.rmtree(faces, ignore_errors=True)
        shutil.copytree(ROOT/'faces', faces, ignore=shutil.ignore_patterns('.*'))  # no embedding cache beside it
        t = time.perf_counter()
        run(*cmd, cwd=cwd, env=env)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)

with tempfile.TemporaryDirectory() as d:
    d = Path(d)
    (d/'empty').mkdir()
    run(UV, 'build', '--wheel', '-q', '-o', d/'dist', cwd=ROOT)
    run(UV, 'export', '--frozen', '--no-dev', '--extra', 'runtime', '--no-hashes', '--no-emit-project', '-q', '-o',
        d/'req.txt', cwd=ROOT)
    run(UV, 'venv', '-q', d/'venv')
    wheel = next((d/'dist').glob('facerecog-*.whl'))
    run(UV, 'pip', 'install', '-q', '--python', d/'venv'/'bin'/'python', '-r', d/'req.txt', wheel)
    venv_bin, here_bin = d/'venv'/'bin', Path(sys.executable).parent
    has_torch = run(venv_bin/'python', '-c', 'import importlib.util as u; print(u.find_spec("torch") is not None)').stdout
    assert has_torch.strip() == 'False', "the runtime environment has torch"
    env = {**os.environ, 'FACERECOG_HOME': str(d/'home'), 'YOLO_OFFLINE': '1'}
    faces, photo = d/'faces', ROOT/'assets/samples/obama1.jpg'
    clip = ROOT/'assets/samples/short_hamilton_clip.mp4'
    torch_mb = sum(dist_mb(n) for n in ['torch', 'torchvision', 'triton'] +
                   [x.metadata['Name'] for x in md.distributions() if x.metadata['Name'].startswith('nvidia-')])
    rows = [('facerecog[runtime] environment (Python packages + interpreter links)', f"{size_mb(d/'venv'):,.0f} MB", ''),
            ('what facerecog[train] adds: torch, torchvision, triton, nvidia-*', f"{torch_mb:,.0f} MB",
             'the CUDA build that PyPI serves on Linux')]
    res = dict(runtime_mb=round(size_mb(d/'venv')), torch_mb=round(torch_mb))
    site = next((d/'venv'/'lib').glob('python*/site-packages'))
    big = sorted(((size_mb(x) if x.is_dir() else x.stat().st_size / 1e6, x.name) for x in site.iterdir()), reverse=True)[:6]
    rows.append(('the largest parts of that environment', ', '.join(f"{n} {mb:.0f} MB" for mb, n in big), ''))
    cmds = {'import facerecog.gallery': lambda b, x: [b/'python', '-c', 'import facerecog.gallery'],
            'facerecog-identify --help': lambda b, x: [b/'facerecog-identify', '--help'],
            'facerecog-identify faces/ obama1.jpg (first answer)':
                lambda b, x: [b/'facerecog-identify', faces, photo, *x],
            'facerecog-demo, 30 frames of the clip': lambda b, x: [b/'facerecog-demo', '--source', clip, '--faces', faces,
                                                                 '--max-frames', '30', '--out', d/'out', *x]}
    for what, cmd in cmds.items():
        onnx = timed(cmd(venv_bin, []), d/'empty', env)
        torch = timed(cmd(here_bin, ['--precision', 'float32'] if 'facerecog-' in what and '--help' not in what else []),
                      d/'empty', env)
        rows.append((f"{what}: seconds", f"{onnx:.2f} s (runtime, ONNX int8)", f"{torch:.2f} s (checkout, torch)"))
        res[what] = dict(runtime_s=round(onnx, 2), torch_s=round(torch, 2))
    # the runtime environment names the sample people, without torch
    out = run(venv_bin/'facerecog-identify', faces, photo, cwd=d/'empty', env=env).stdout
    assert 'Barack Obama' in out, out

if not args.no_write:
    report('Install size and start-up', rows, ('what', 'facerecog[runtime], no torch', 'with torch'),
           Path(__file__).parent/'install.md')
    update_results('install', res)
else: print('\n'.join(' | '.join(r) for r in rows))
