"""Is a student better than the shipped one? Held-out DevTrain people and the sample gallery; never a DevTest photo.

    uv run python benchmarks/student.py [NAME=MODEL ...]

MODEL is a shipped model's name, a model file (a run's model.safetensors) or 'dlib' (dlib's network, the teacher group);
default: distilled, lfw-only and dlib. Each is scored, in float32, on
- the 3,000 held-out DevTrain pairs thresholds are chosen on (`calibration_pairs`), with and without flip: AUC and the
  accuracy at their best threshold;
- every pair of the held-out people's photos: TAR at FAR 1e-3, where naming happens (the 3,000 pairs hold too few
  different pairs to measure it);
- simulated galleries of those people (`gallery_trials`, as `calibrate_gallery` runs them for the shipped model): the
  share of enrolled people named right in galleries of 2 and 50 people, at the threshold naming 1% of strangers;
  both, as the pairs, with flip and without (`_noflip`: one pass, which would halve the default path's cost);
- the sample gallery `faces/` (one face per photo): the largest same-person distance, the smallest different-person one,
  the gap between them (dlib: 0.18), and how many different-person pairs fall under the held-out threshold.
The held-out people are the default model's (`val_people`; a run with the same seed and split holds out the same ones).
Prints and writes benchmarks/student.md; rows are merged into benchmarks/results.json under "student".
"""
import argparse, itertools, sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results, results_table
from facerecog.files import cache_home, load_image
from facerecog.config import model_file
from facerecog.model import read_metadata, load_model
from facerecog.data import read_people
from facerecog.evaluate import calibration_pairs, pair_distances, gallery_trials
from facerecog.metrics import auc, best_threshold, tar_at_far, verification_metrics
from facerecog.pipeline import FacePipeline
ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('models', nargs='*', default=['distilled=distilled', 'lfw-only=lfw-only', 'dlib=dlib'])
a = ap.parse_args()
data = cache_home()/'lfw'
held = read_metadata(model_file())['val_people']
people = [p for p in read_people(data/'peopleDevTrain.txt') if p.name in set(held)]
pairs = calibration_pairs(held, data/'peopleDevTrain.txt')

def gallery_faces(pipe):
    "(person, photo, embedding) of the first face of every photo in faces/."
    out = []
    for d in sorted(p for p in (ROOT/'faces').iterdir() if p.is_dir()):
        for f in sorted(d.iterdir()):
            faces = pipe(load_image(f))
            if faces: out.append((d.name, f.name, faces[0].embedding))
    return out

def score(name, spec):
    t0 = time.time()
    m = load_model(spec) if spec != 'dlib' else FacePipeline('dlib').model
    crops = cache_home()/('lfw-chips-dlib-150' if spec == 'dlib' else f"lfw-crops-{m.config['input_size']}")
    row = dict(model=name, file=str(spec), machine=machine())
    same = np.array([p.same for p in pairs])
    imgs = [load_image(q) for p in people for q in p.paths(crops)]  # every held-out photo, for TAR and the galleries
    who = np.array([i for i, p in enumerate(people) for _ in range(p.count)])
    iu = np.triu_indices(len(imgs), 1)
    for flip in (True, False):  # without flip: one pass, what would make the default path twice as fast
        sfx = '' if flip else '_noflip'
        d = pair_distances(m, pairs, crops, flip)
        t = best_threshold(d, same)
        if flip: row['threshold'] = round(float(t), 4)
        e = m.embed_crops(imgs, 128, flip)
        dd = np.linalg.norm(e[iu[0]] - e[iu[1]], axis=1)
        named = {g['enrolled']: g['rank1'] for g in gallery_trials(e, who)['by_size']}
        row.update({f'heldout_auc{sfx}': round(auc(d, same), 4),
                    f'heldout_accuracy{sfx}': round(verification_metrics(d, same, t)['accuracy'], 4),
                    f'heldout_tar_far_1e3{sfx}': round(tar_at_far(dd, who[iu[0]] == who[iu[1]], 1e-3), 4),
                    f'heldout_named_2{sfx}': round(named[2], 3), f'heldout_named_50{sfx}': round(named[50], 3)})
    g = gallery_faces(FacePipeline(m, precision='float32'))
    sd = [(np.linalg.norm(x[2] - y[2]), x[0] == y[0], f"{x[0]}/{x[1]} - {y[0]}/{y[1]}") for x, y in itertools.combinations(g, 2)]
    same_max = max(d for d, s, _ in sd if s)
    diff = sorted((d, w) for d, s, w in sd if not s)
    row.update(gallery_same_max=round(float(same_max), 3), gallery_diff_min=round(float(diff[0][0]), 3),
               gallery_gap=round(float(diff[0][0] - same_max), 3), nearest_strangers=diff[0][1],
               gallery_diff_under_threshold=int(sum(d < row['threshold'] for d, _ in diff)), seconds=round(time.time() - t0))
    print(row, flush=True)
    return row

rows = [score(*s.split('=', 1)) if '=' in s else score(s, s) for s in a.models]
cols = ['model', 'heldout_auc', 'heldout_accuracy', 'heldout_auc_noflip', 'heldout_accuracy_noflip', 'heldout_tar_far_1e3',
        'heldout_named_2', 'heldout_named_50', 'heldout_tar_far_1e3_noflip', 'heldout_named_50_noflip', 'threshold',
        'gallery_same_max', 'gallery_diff_min', 'gallery_gap', 'gallery_diff_under_threshold']
for r in rows: res = update_results('student', r, key=('model',))
md = results_table('Students on held-out DevTrain people and the sample gallery (`benchmarks/student.py`)', res['student'], cols)
(Path(__file__).parent/'student.md').write_text(md)
print(md)
