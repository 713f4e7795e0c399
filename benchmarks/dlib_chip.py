"""The teacher through our alignment: dlib's network (ONNX, facerecog.dlibnet) on dlib's own chip and on ours.

    uv sync --group teacher && uv run python benchmarks/dlib_chip.py     # LFW in the cache (facerecog-data)

Each photo's face is the one YuNet finds (lfw_face). "dlib's chip": dlib's 5-point predictor inside that box and
get_face_chip(150, 0.25), as the teacher chapter's DlibTeacher does; "our chip": YuNet's 5 landmarks onto
DLIB_CHIP_TEMPLATE, no dlib. Both are described by the same ONNX export of dlib's network. The threshold is chosen on
the 3,000 held-out DevTrain pairs our models are calibrated on, then pairsDevTest is scored once. The DevTest photos
are embedded here, in memory, for this measurement only. Writes benchmarks/dlib_chip.md and the rows of results.json.
"""
import sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results, report
from facerecog.files import cache_home, load_image
from facerecog.data import read_pairs
from facerecog.faces import lfw_face
from facerecog.model import load_model
from facerecog.evaluate import calibration_pairs
from facerecog.metrics import best_threshold, verification_metrics, auc, tar_at_far
from facerecog.dlibnet import DlibOnnx, dlib_chip
from facerecog.teacher import DlibTeacher

def unit(e): return e / np.linalg.norm(e, axis=-1, keepdims=True)

def main():
    data = cache_home()/'lfw'; root = data/'lfw-deepfunneled'
    held = load_model('lfw-only').meta['val_people']
    cal, test = calibration_pairs(held, data/'peopleDevTrain.txt', 3000), read_pairs(data/'pairsDevTest.txt')
    paths = sorted({p for pr in cal + test for p in pr.paths(root)})
    teacher, net = DlibTeacher(), DlibOnnx(threads=2)
    chips = {'dlib': [], 'ours': []}
    t0 = time.time()
    for p in paths:
        img = load_image(p)
        face, _ = lfw_face(img)
        chips['dlib'].append(teacher.chip(img, face))
        chips['ours'].append(dlib_chip(img, face))
    print(f"{len(paths)} photos: chips in {time.time() - t0:.0f} s", flush=True)
    rows, res = [], {}
    for kind, cs in chips.items():
        cs = np.stack(cs)
        t0 = time.time()
        e, m = net(cs), net(cs[:, :, ::-1])
        secs = time.time() - t0
        for flip in (True, False):
            E = dict(zip(paths, unit(unit(e) + unit(m)) if flip else unit(e)))
            def dist(pairs): return np.array([np.linalg.norm(E[a] - E[b]) for a, b in (pr.paths(root) for pr in pairs)])
            dc, sc = dist(cal), np.array([p.same for p in cal]); dt, st = dist(test), np.array([p.same for p in test])
            t = best_threshold(dc, sc); mt = verification_metrics(dt, st, t)
            row = dict(chip=kind, flip=flip, threshold=round(t, 4), heldout_accuracy=round(verification_metrics(dc, sc, t)['accuracy'], 4),
                       accuracy=round(mt['accuracy'], 4), auc=round(auc(dt, st), 4), tar_far_1e3=round(tar_at_far(dt, st, 1e-3), 4), n=len(test))
            print(row, flush=True)
            rows.append(row)
        print(f"{kind}: {2 * len(cs)} chips described in {secs:.0f} s ({2 * len(cs) / secs:.0f} chips/s)", flush=True)
    update_results('dlib_chip', dict(rows=rows, machine=machine(), date=time.strftime('%Y-%m-%d')))
    report("The teacher on dlib's chip and on ours (LFW pairsDevTest, threshold from held-out DevTrain pairs)",
           [(r['chip'], 'yes' if r['flip'] else 'no', r['threshold'], r['heldout_accuracy'], r['accuracy'], r['auc'], r['tar_far_1e3']) for r in rows],
           ('chip', 'flip', 'threshold', 'held-out accuracy', 'pairsDevTest accuracy', 'AUC', 'TAR@FAR 1e-3'),
           Path(__file__).parent/'dlib_chip.md')

if __name__ == '__main__':
    main()
