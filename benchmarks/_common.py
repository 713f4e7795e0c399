"Shared helpers for the benchmark scripts: machine description and Markdown tables."
import json, os, platform, time
from pathlib import Path
import torch

def machine() -> str:
    "One line describing where the benchmark ran."
    cpu = platform.processor() or platform.machine()
    try: cpu = next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except (OSError, StopIteration): pass
    gpu = f", GPU {torch.cuda.get_device_name(0)}" if torch.cuda.is_available() else ''
    return f"{cpu}, {os.cpu_count()} cores{gpu}; torch {torch.__version__}, {torch.get_num_threads()} threads"

def report(title:str, rows:list[tuple], header:tuple, out:Path):
    "Print a Markdown table and write it, with the machine and date, to `out`."
    from facerecog.evaluate import MarkdownTable
    text = f"# {title}\n\nMeasured {time.strftime('%Y-%m-%d')} on {machine()}.\n\n{MarkdownTable.of(header, rows)}\n"
    print(text)
    Path(out).write_text(text)

RESULTS = Path(__file__).parent/'results.json'

def load_results() -> dict:
    "benchmarks/results.json: the one file every results table is generated from."
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}

def update_results(section:str, value, key:tuple|None=None):
    "Set `section` of results.json to `value`, or, with `key`, replace or append the row of a list section that agrees on `key`."
    from facerecog.files import atomic_write
    res = load_results()
    if key is None: res[section] = value
    else: res[section] = [r for r in res.get(section, []) if any(r.get(k) != value.get(k) for k in key)] + [value]
    with atomic_write(RESULTS) as t: t.write_text(json.dumps(res, indent=1, default=float))
    return res

def results_table(title:str, rows:list[dict], cols:list[str], note:str='') -> str:
    "A Markdown table of the dict `rows`, with a title and the machines they were measured on."
    from facerecog.evaluate import MarkdownTable
    lines = [f"# {title}", '', *([note, ''] if note else []), MarkdownTable.of(cols, [[r.get(c, '') for c in cols] for r in rows])]
    machines = sorted({r['machine'] for r in rows if r.get('machine')})
    if machines: lines += ['', 'Measured on: ' + '; '.join(machines) + '.']
    return '\n'.join(lines) + '\n'
