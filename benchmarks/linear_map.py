"""Does a linear map fitted after training help? PCA whitening, LDA and WCCN on DevTrain embeddings, scored on held-out people.

    uv run python benchmarks/linear_map.py MODEL.safetensors

Fits each map on the embeddings of the DevTrain people the model trained on (never the held-out ones), then scores
3,000 pairs of the held-out DevTrain people (`calibration_pairs`, flip TTA): AUC and best-threshold accuracy, with
and without the map. The DevTest pairs are not touched. Rows go to benchmarks/results.json under "linear_map".
"""
import sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results
from facerecog.files import cache_home, load_image
from facerecog.data import read_people
from facerecog.model import load_model
from facerecog.evaluate import calibration_pairs
from facerecog.metrics import auc, best_threshold
def unit(x): return x / np.linalg.norm(x, axis=1, keepdims=True).clip(1e-12)

def fit_maps(X, y, keep=0.99):
    "name -> (mean, matrix): PCA whitening, WCCN and LDA fitted on embeddings X of people y."
    mu = X.mean(0); Xc = X - mu
    U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    k = int(np.searchsorted(np.cumsum(S**2) / np.sum(S**2), keep)) + 1
    P = Vt[:k].T / (S[:k] / np.sqrt(len(X)))  # PCA whitening
    Z = Xc @ P; labels = np.unique(y)
    means = np.stack([Z[y == c].mean(0) for c in labels])
    Sw = sum(((Z[y == c] - m).T @ (Z[y == c] - m)) for c, m in zip(labels, means)) / len(Z)
    Sb = (means - Z.mean(0)).T @ (means - Z.mean(0)) / len(labels)
    W = np.linalg.cholesky(np.linalg.inv(Sw + 1e-6 * np.eye(k)))  # WCCN
    ev, V = np.linalg.eigh(np.linalg.solve(Sw + 1e-6 * np.eye(k), Sb))
    L = V[:, np.argsort(ev)[::-1]].real  # LDA directions, all kept
    return {'pca whitening': (mu, P), 'pca + wccn': (mu, P @ W), 'pca + lda': (mu, P @ L)}

if __name__ == '__main__':
    model = load_model(sys.argv[1]); data, crops = cache_home()/'lfw', cache_home()/'lfw-crops-112'
    held = set(model.meta['val_people']); t0 = time.time()
    people = read_people(data/'peopleDevTrain.txt')
    train = [(p.name, q) for p in people if p.name not in held and p.count >= 2 for q in p.paths(crops)]
    X = model.embed_crops([load_image(q) for _, q in train], flip=True); y = np.array([n for n, _ in train])
    pairs = calibration_pairs(sorted(held), data/'peopleDevTrain.txt', 3000)
    paths = sorted({q for p in pairs for q in p.paths(crops)}); idx = {q: i for i, q in enumerate(paths)}
    E = model.embed_crops([load_image(q) for q in paths], flip=True); s = np.array([p.same for p in pairs])
    ia, ib = [idx[p.paths(crops)[0]] for p in pairs], [idx[p.paths(crops)[1]] for p in pairs]
    def score(F):
        d = np.linalg.norm(F[ia] - F[ib], axis=1); t = best_threshold(d, s)
        return round(auc(d, s), 4), round(float(((d < t) == s).mean()), 4)
    rows = [('none', *score(E))]
    for name, (mu, M) in fit_maps(X, y).items(): rows.append((name, *score(unit((E - mu) @ M))))
    for name, a, acc in rows:
        r = dict(model=sys.argv[1].split('/')[-2], map=name, heldout_auc=a, heldout_accuracy=acc, machine=machine(), date=time.strftime('%Y-%m-%d'))
        print(r); update_results('linear_map', r, key=('model', 'map'))
    print(f'{time.time() - t0:.0f}s')
