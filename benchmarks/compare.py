"""The library's recipe against the reference script, at equal epochs: `uv run python benchmarks/compare.py NAME=MODEL ...`.

For each trained model file: pairsDevTest accuracy at the threshold chosen on held-out DevTrain people (the library's
honest rule) and at the threshold best on pairsDevTrain (the reference script's rule), AUC, TAR at FAR 1e-2 and 1e-3,
all with flip TTA, and the training minutes from the model's metadata. These are finalists: the DevTest pairs are
touched once per model. Rows go to benchmarks/results.json under "comparison", beside the reference script's rows
(`--reference LOG EPOCHS` adds the reference run's last line from its log).
"""
import re, sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results
from facerecog.files import cache_home
from facerecog.data import read_pairs
from facerecog.model import load_model
from facerecog.evaluate import pair_distances, calibrate
from facerecog.metrics import auc, tar_at_far, verification_metrics
data, crops = cache_home()/'lfw', cache_home()/'lfw-crops-112'
test = read_pairs(data/'pairsDevTest.txt'); same = np.array([p.same for p in test])
args = sys.argv[1:]
if '--reference' in args:
    i = args.index('--reference'); log, epochs = args[i + 1], int(args[i + 2]); del args[i:i + 3]
    lines = [l for l in Path(log).read_text().splitlines() if l.startswith('epoch ')]
    m = re.match(r'epoch (\d+) loss \S+ pairsDevTest accuracy (\S+) AUC (\S+) threshold (\S+) (\d+)s', lines[-1])
    update_results('comparison', dict(row='reference', name=f'reference script, {m[1]} of {epochs} epochs', epochs=int(m[1]), accuracy=float(m[2]),
                                      auc=float(m[3]), threshold_note='best on pairsDevTrain (its rule)', minutes=round(int(m[5]) / 60, 1),
                                      machine=machine(), date=time.strftime('%Y-%m-%d')), key=('row', 'name'))
for arg in args:
    name, path = arg.split('=', 1); model = load_model(path)
    cal = calibrate(model, data, crops)
    d = pair_distances(model, test, crops, flip=True)
    row = dict(row='library', name=name, epochs=model.meta.get('epochs_trained'), minutes=round(model.meta.get('train_seconds', 0) / 60, 1),
               accuracy=verification_metrics(d, same, cal['heldout_threshold'])['accuracy'], threshold_note='held-out DevTrain people',
               accuracy_devtrain_threshold=verification_metrics(d, same, cal['devtrain_threshold'])['accuracy'],
               auc=round(auc(d, same), 4), tar_far_1e2=tar_at_far(d, same, 1e-2), tar_far_1e3=tar_at_far(d, same, 1e-3),
               heldout_accuracy=round(cal['heldout_accuracy'], 4), machine=machine(), date=time.strftime('%Y-%m-%d'))
    print(row, flush=True); update_results('comparison', row, key=('row', 'name'))
