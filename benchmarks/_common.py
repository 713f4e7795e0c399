"Shared helpers for the benchmark scripts: machine description and Markdown tables."
import os, platform, time
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
    lines = [f"# {title}", '', f"Measured {time.strftime('%Y-%m-%d')} on {machine()}.", '',
             '| ' + ' | '.join(header) + ' |', '|' + '---|' * len(header)]
    lines += ['| ' + ' | '.join(str(c) for c in r) + ' |' for r in rows]
    text = '\n'.join(lines) + '\n'
    print(text); Path(out).write_text(text)
