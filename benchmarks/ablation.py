"""Which training choices matter: short runs that differ in one setting, each scored on LFW pairsDevTest.

`uv run python benchmarks/ablation.py [--epochs 6] [--only 'recommended,gap head']` trains each variant into runs/ablation/<name> (resumable), then
scores it: AUC on pairsDevTest, and accuracy and F1 there at the threshold chosen on held-out DevTrain people
(never on the test pairs). Writes benchmarks/ablation.md. The flip test-time augmentation row re-scores the baseline
without flips. Needs LFW (download_lfw) and its crops (prepare_lfw).
"""
import dataclasses, sys
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.data import cache_home, read_pairs
from facerecog.train import train, PRESETS
from facerecog.model import load_model
from facerecog.metrics import pair_distances, auc, verification_metrics, calibrate

epochs = int(sys.argv[sys.argv.index('--epochs') + 1]) if '--epochs' in sys.argv else 6
rec = dataclasses.replace(PRESETS['recommended'], epochs=epochs)
variants = {  # name: (config, what changes)
    'recommended': (rec, 'P x K batches, in-batch contrastive loss, unit-length embeddings, AdamW 1e-3 one-cycle, augmentation'),
    'gap head': (dataclasses.replace(rec, head='gap'), 'global-average-pooled trunk -> linear, instead of the flattened 4 x 4 map'),
    'no augmentation': (dataclasses.replace(rec, augment=False), 'as recommended, without flips/shifts/rotation/brightness'),
    'original': (dataclasses.replace(PRESETS['original'], epochs=epochs), "the original project's settings: official pairs, Adam 5e-5 constant, raw embeddings"),
}
data, crops = cache_home()/'lfw', cache_home()/'lfw-crops-112'
test = read_pairs(data/'pairsDevTest.txt'); same = np.array([p.same for p in test])
rows = []
def score(name, model, what, flip=True):
    cal = calibrate(model, data, crops, flip=flip)
    d = pair_distances(model, test, crops, flip=flip); m = verification_metrics(d, same, cal['heldout_threshold'])
    rows.append((name, what, f'{auc(d, same):.3f}', f"{m['accuracy']:.3f}", f"{m['f1']:.3f}", f"{cal['heldout_threshold']:.3f}"))
    print(rows[-1], flush=True)
only = sys.argv[sys.argv.index('--only') + 1].split(',') if '--only' in sys.argv else list(variants)
for name, (cfg, what) in variants.items():
    if name not in only: continue
    out = Path('runs/ablation')/name.replace(' ', '_')
    train(dataclasses.replace(cfg, out=str(out)), quiet=True)
    model = load_model(out/'model.safetensors')
    score(name, model, what)
    if name == 'recommended': score('recommended, no flip TTA', model, 'the same model scored without flip test-time augmentation', flip=False)
report(f'Ablation: {epochs}-epoch runs, scored on pairsDevTest', rows,
       ('variant', 'what changes', 'AUC', 'accuracy', 'F1', 'threshold (held-out DevTrain people)'), Path(__file__).with_suffix('.md'))
