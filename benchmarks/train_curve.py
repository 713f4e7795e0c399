"""The held-out curves of training runs: `uv run python benchmarks/train_curve.py NAME=RUN [NAME=RUN ...] [--out PNG]`.

RUN is a facerecog-train --out folder (its history.json). Plots, against epochs, the AUC on the run's fixed held-out
DevTrain validation pairs and the TAR at FAR 1e-3 over every pair of the held-out people's photos (`heldout_tar`, the
training chapter), and prints them as a table. Default figure: assets/docs/train_curve.png.
"""
import argparse, json
from pathlib import Path
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('runs', nargs='+'); ap.add_argument('--out', default=str(ROOT/'assets'/'docs'/'train_curve.png'))
a = ap.parse_args()
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.3))
for spec in a.runs:
    name, run = spec.split('=', 1) if '=' in spec else (Path(spec).name, spec)
    p = Path(run)/'history.json'
    if not p.is_file(): raise SystemExit(f"{p}: no history; pass a facerecog-train --out folder")
    h = json.loads(p.read_text())['history']
    ep = [x['epoch'] for x in h]
    ax1.plot(ep, [x['val_auc'] for x in h], 'o-', ms=3, label=name)
    ax2.plot(ep, [x.get('val_tar', float('nan')) for x in h], 'o-', ms=3, label=name)
    print(f"| {name} | epoch | val AUC | TAR@FAR 1e-3 |\n|---|---|---|---|")
    for x in h: print(f"| | {x['epoch']} | {x['val_auc']:.4f} | {x.get('val_tar', float('nan')):.3f} |")
ax1.set(xlabel='epoch', ylabel='AUC', title='held-out validation pairs'); ax2.set(xlabel='epoch', ylabel='TAR', title='TAR at FAR 1e-3, every held-out pair')
for ax in (ax1, ax2): ax.grid(alpha=0.3); ax.legend()
fig.tight_layout(); fig.savefig(a.out, dpi=110)
print(f"wrote {a.out}")
