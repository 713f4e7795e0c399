"""The teacher (dlib's network) on LFW pairsDevTest, measured as our models are: `uv sync --group teacher && uv run python benchmarks/teacher.py`.

The teacher embeds each photo on the face YuNet finds (its own 5-point alignment inside that box), and its mirror image;
a photo's embedding is the mean of the two unit-length embeddings, made unit length again (our models' flip TTA).
The threshold is chosen on the 3,000 pairs of held-out DevTrain people that our models are calibrated on (their
embeddings come from the teacher cache of facerecog-teacher), then pairsDevTest is scored once. The DevTest photos are
embedded here, in memory: they never enter the cache that training reads. Writes the "teacher" row of results.json.
"""
import sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results
from facerecog.files import cache_home, worker_map
from facerecog.data import read_pairs
from facerecog.model import load_model
from facerecog.evaluate import calibration_pairs
from facerecog.metrics import best_threshold, verification_metrics, auc, tar_at_far
import facerecog.teacher as T

def main():
    data = cache_home()/'lfw'; root = data/'lfw-deepfunneled'
    held = load_model('lfw-only').meta['val_people']  # the same split (seed 0) as every model here
    cal, test = calibration_pairs(held, data/'peopleDevTrain.txt', 3000), read_pairs(data/'pairsDevTest.txt')
    def unit(e): return e / np.linalg.norm(e, axis=-1, keepdims=True)
    def flipped(e2): return unit(unit(e2).mean(1))  # N x 2 x 128 -> N x 128
    cal_paths = sorted({p for pr in cal for p in pr.paths(root)})
    E = dict(zip(cal_paths, flipped(T.teacher_embeddings(cal_paths))))
    test_paths = sorted({p for pr in test for p in pr.paths(root)})
    t0 = time.time()
    for p, (_, e2, _) in zip(test_paths, worker_map(T._embed_photo, [str(p) for p in test_paths], 2, T._start_worker, chunksize=8, what='teacher')):
        E[p] = flipped(e2[None])[0]
    print(f"{len(test_paths)} DevTest photos embedded by the teacher in {time.time() - t0:.0f} s", flush=True)
    def dist(pairs): return np.array([np.linalg.norm(E[a] - E[b]) for a, b in (pr.paths(root) for pr in pairs)])
    dc, sc = dist(cal), np.array([p.same for p in cal]); dt, st = dist(test), np.array([p.same for p in test])
    t = best_threshold(dc, sc); m = verification_metrics(dt, st, t)
    row = dict(name="teacher: dlib's ResNet (about 3M outside faces)", threshold=round(t, 4), heldout_accuracy=round(verification_metrics(dc, sc, t)['accuracy'], 4),
               accuracy=round(m['accuracy'], 4), precision=round(m['precision'], 4), recall=round(m['recall'], 4), f1=round(m['f1'], 4), n=len(test),
               auc=round(auc(dt, st), 4), tar_far_1e2=round(tar_at_far(dt, st, 1e-2), 4), tar_far_1e3=round(tar_at_far(dt, st, 1e-3), 4),
               machine=machine(), date=time.strftime('%Y-%m-%d'))
    print(row); update_results('teacher', row)

if __name__ == '__main__':  # worker processes import this file
    main()
