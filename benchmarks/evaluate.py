"""Score a shipped model on LFW pairsDevTest and draw the README's figures: `uv run python benchmarks/evaluate.py [--model NAME] [REPORT.json]`.

With REPORT.json (what `facerecog-evaluate --out` wrote for the same model), its numbers are used instead of scoring again.

Runs facerecog-evaluate's report on a model shipped in the package (`--model distilled`, the default model, or
`lfw-only`; threshold from its metadata, chosen on held-out DevTrain people), writes its section of
benchmarks/results.json ("distilled" or "shipped" for the LFW-only model) and results.md; for the default model also
assets/docs/roc.png, distances.png and worst_errors.png. Needs LFW and its crops (facerecog-data).
"""
import argparse, json, sys
from pathlib import Path
import numpy as np
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results
from facerecog.files import cache_home
from facerecog.data import read_pairs
from facerecog.model import load_model, DEFAULT_MODEL, SHIPPED_MODELS
from facerecog.evaluate import test_report, format_report, evaluate
from facerecog.views import plot_roc, plot_distances, plot_worst_errors
ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('--model', default=DEFAULT_MODEL, choices=list(SHIPPED_MODELS)); ap.add_argument('report', nargs='?')
a = ap.parse_args()
SECTION = {'lfw-only': 'shipped', 'distilled': 'distilled'}[a.model]
ROOT = Path(__file__).resolve().parent.parent; DOCS = ROOT/'assets'/'docs'; DOCS.mkdir(parents=True, exist_ok=True)
rep = json.loads(Path(a.report).read_text()) if a.report else test_report(a.model, quiet=False)
rep['epochs'] = load_model(a.model).meta.get('epochs_trained'); update_results(SECTION, rep)
text = f"# The shipped model '{a.model}' on LFW pairsDevTest\n\nMeasured on {machine()} with `uv run facerecog-evaluate --model {a.model}`.\n\n{format_report(rep)}\n"
print(text); (Path(__file__).parent/f"results{'' if a.model == DEFAULT_MODEL else '_' + a.model}.md").write_text(text)
if a.model == DEFAULT_MODEL:
    model = load_model(a.model); data, crops = cache_home()/'lfw', cache_home()/'lfw-crops-112'
    pairs = read_pairs(data/'pairsDevTest.txt'); ev = evaluate(model, pairs, crops)
    ax = plot_roc(ev, label=f"{a.model}, AUC {ev['auc']:.3f}"); ax.set_title('ROC on LFW pairsDevTest'); ax.figure.tight_layout(); ax.figure.savefig(DOCS/'roc.png', dpi=110); plt.close('all')
    ax = plot_distances(ev); ax.set_title('pairsDevTest distances, shipped threshold'); ax.figure.tight_layout(); ax.figure.savefig(DOCS/'distances.png', dpi=110); plt.close('all')
    plot_worst_errors(ev, pairs, crops, n=5).savefig(DOCS/'worst_errors.png', dpi=90); plt.close('all')
