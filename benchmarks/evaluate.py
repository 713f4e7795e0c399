"""Score the shipped model on LFW pairsDevTest and draw the README's figures: `uv run python benchmarks/evaluate.py [REPORT.json]`.

With REPORT.json (what `facerecog-test --out` wrote for the same model), its numbers are used instead of scoring again.

Runs facerecog-test's report on the model shipped in the package (threshold from its metadata, chosen on held-out
DevTrain people), writes benchmarks/results.json and results.md, and assets/docs/roc.png, distances.png and
worst_errors.png. Needs LFW (download_lfw) and its crops (prepare_lfw).
"""
import json, sys
from pathlib import Path
import numpy as np
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results
from facerecog.files import cache_home
from facerecog.data import read_pairs
from facerecog.model import load_model
from facerecog.metrics import test_report, format_report, evaluate, plot_roc, plot_distances, plot_worst_errors

ROOT = Path(__file__).resolve().parent.parent; DOCS = ROOT/'assets'/'docs'; DOCS.mkdir(parents=True, exist_ok=True)
rep = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else test_report(None, quiet=False)
rep['epochs'] = load_model().meta.get('epochs_trained'); update_results('shipped', rep)
text = f"# The shipped model on LFW pairsDevTest\n\nMeasured on {machine()} with `uv run facerecog-test`.\n\n{format_report(rep)}\n"
print(text); (Path(__file__).parent/'results.md').write_text(text)
model = load_model(); data, crops = cache_home()/'lfw', cache_home()/'lfw-crops-112'
pairs = read_pairs(data/'pairsDevTest.txt'); ev = evaluate(model, pairs, crops)
ax = plot_roc(ev, label=f"trained, AUC {ev['auc']:.3f}"); ax.set_title('ROC on LFW pairsDevTest'); ax.figure.tight_layout(); ax.figure.savefig(DOCS/'roc.png', dpi=110); plt.close('all')
ax = plot_distances(ev); ax.set_title('pairsDevTest distances, shipped threshold'); ax.figure.tight_layout(); ax.figure.savefig(DOCS/'distances.png', dpi=110); plt.close('all')
plot_worst_errors(ev, pairs, crops, n=5).savefig(DOCS/'worst_errors.png', dpi=90); plt.close('all')
