"""Which training choices matter: short runs that differ from the recipe in one setting each, scored on held-out DevTrain people.

    uv run python benchmarks/ablation.py [--epochs 5] [--only 'recipe,flatten head'] [--only 'distilled, P x K'] [--runs DIR] [--threads N]
    uv run python benchmarks/ablation.py --score 'recipe, 40 epochs=runs/rec40' --score 'recipe, 70 epochs=runs/rec70'
    uv run python benchmarks/ablation.py --table   # only rewrite ablation.md from results.json

`--score NAME=RUN` scores a finished training run (a facerecog-train --out folder) the same way instead of training:
that is how the longer schedules, trained on their own, get their row.

Each variant trains into DIR/<name> (default: cache_home()/'ablation'; resumable: rerun the same command), then is scored
on 3,000 pairs of the DevTrain people that training held out (`calibration_pairs`), with flip test-time augmentation:
AUC, and accuracy at the best threshold of those pairs. The DevTest pairs are never touched here: choices are made on
DevTrain people only, and only the finalist is scored on pairsDevTest (benchmarks/evaluate.py).
Rows are merged into benchmarks/results.json under "ablation"; benchmarks/ablation.md is regenerated from it.
"""
import argparse, dataclasses, json, sys, time
from pathlib import Path
import numpy as np, torch
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results, results_table
from facerecog.files import cache_home
from facerecog.train import train
from facerecog.config import PRESETS, AUGMENTS
from facerecog.augment import CHANCE
from facerecog.model import load_model
from facerecog.evaluate import pair_distances, calibration_pairs
from facerecog.metrics import auc, best_threshold
ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('--epochs', type=int, default=5)
ap.add_argument('--only', action='append', default=None, help="variants, comma-separated (or one name, commas and all), repeatable")
ap.add_argument('--runs', default=str(cache_home()/'ablation')); ap.add_argument('--threads', type=int, default=None)
ap.add_argument('--score', action='append', default=[], help='NAME=RUN_DIR: score a finished run instead of training')
ap.add_argument('--table', action='store_true', help='train nothing: only rewrite ablation.md from results.json')
a = ap.parse_args()
if a.threads: torch.set_num_threads(a.threads)

rec = dataclasses.replace(PRESETS['recommended'], epochs=a.epochs)
dis = dataclasses.replace(PRESETS['distilled'], epochs=a.epochs)
old = dataclasses.replace(rec, head='flatten', shift=0.03, rotate=10.0, zoom=0.08, slots_per_person=10, warmup=0.15, pos_margin=0.0)
R = dataclasses.replace
variants = {  # name: (config, what differs from the recipe)
    'recipe': (rec, "the recommended preset: average-pool head, light augmentation, each person once per epoch, positive margin 0.25"),
    'old recommended': (old, "the previous preset: flatten head, rotation/zoom augmentation, up to 10 slots per person, 15% warm-up, no positive margin"),
    'flatten head': (R(rec, head='flatten'), "BatchNorm, dropout, Linear over the flattened 4 x 4 map, BatchNorm"),
    'gap head': (R(rec, head='gap'), "average pool, dropout, Linear, BatchNorm"),
    'strong augmentation': (R(rec, shift=0.03, rotate=10.0, zoom=0.08), "±10° rotation and ±8% zoom, ±3% shift"),
    'no augmentation': (R(rec, augment=False), "no flips, shifts or brightness changes"),
    '10 slots per person': (R(rec, slots_per_person=10), "people with many photos appear up to 10 times per epoch"),
    'no positive margin': (R(rec, pos_margin=0.0), "same pairs always pulled together (positive margin 0)"),
    'margin 0.8': (R(rec, margin=0.8), "different pairs beyond 0.8 cost nothing"),
    'balanced negatives': (R(rec, negatives='balanced'), "only the hardest different pairs, one per same pair (dlib)"),
    # learning from the teacher (facerecog-teacher first): the distilled preset and one change each
    'distilled': (dis, "the distilled preset: every photo once per epoch in batches of 128, 1 - cosine to the teacher + RKD distance + 0.25 x contrastive"),
    'cosine only': (R(dis, contrastive_weight=0.0, distil_dist=0.0), "1 - cosine to the teacher's embedding, nothing else"),
    'no contrastive': (R(dis, contrastive_weight=0.0), "1 - cosine + RKD distance, no contrastive loss"),
    '+ RKD angle': (R(dis, distil_angle=2.0), "the distilled preset plus RKD angle (weight 2, as Park et al.)"),
    'SP instead of RKD': (R(dis, distil_dist=0.0, distil_sp=1.0), "similarity-preserving distillation (Tung and Mori) in place of RKD distance"),
    'distilled, P x K': (R(dis, sampling='batch', slots_per_person=10), "the distilled terms on P x K batches (32 people x 4 photos + 16 singles, up to 10 slots per person)"),
    # the teacher's views (augment chapter): the same view for teacher and student at every step
    'consistent views': (R(dis, augment=False, views=8), "the consistent preset: 8 views of each photo (all augmentation families), the teacher's flip-averaged embedding of the very view the student sees"),
}
# each family in a few words, with its chance of changing a view (geometry changes every view)
AUGMENT_WHAT = {f: w + (f', {CHANCE[f]:.0%} of views' if f in CHANCE else '') for f, w in dict(
    geometry='rotation, zoom, shift and mirror image', colour='brightness, contrast, saturation and tint',
    blur='Gaussian blur', lowres='down-scaled to a small face and back', gray='grayscale',
    occlude='a rectangle over part of the face', jpeg='strong JPEG compression', mixup='another photo blended in').items()}
# what each augmentation family of the views is worth: 4 views a photo (5 epochs draw 5 of them, with replacement), all families,
# then the same with one family left out; each family draws from its own generator, so the others' draws stay the same
con4 = R(dis, augment=False, views=4)
variants['4 views'] = (con4, "the consistent preset with 4 views of each photo (the plain one and 3 drawn from every augmentation family)")
for fam in AUGMENTS:
    variants[f'4 views without {fam}'] = (
        R(con4, view_augments=','.join(f for f in AUGMENTS if f != fam)),
        f"the consistent preset with 4 views of each photo, their augmentation families all but {fam} ({AUGMENT_WHAT[fam]})")
only = [o for spec in a.only for o in ([spec] if spec in variants else spec.split(','))] if a.only else ([] if a.score or a.table else list(variants))
unknown = [o for o in only if o not in variants]
if unknown: sys.exit(f"unknown variants {unknown}; choose from {list(variants)}")
data, crops = cache_home()/'lfw', cache_home()/'lfw-crops-112'
def heldout_row(name:str, what:str, out:Path, hist:list) -> dict:
    "Score the model of the finished run `out` on 3,000 pairs of its held-out DevTrain people."
    model = load_model(out/'model.safetensors')
    pairs = calibration_pairs(model.meta['val_people'], data/'peopleDevTrain.txt', 3000)
    d = pair_distances(model, pairs, crops, flip=True); s = np.array([p.same for p in pairs])
    t = best_threshold(d, s)
    row = dict(variant=name, what=what, epochs=len(hist), heldout_auc=round(auc(d, s), 4), heldout_accuracy=round(float(((d < t) == s).mean()), 4),
               train_minutes=round(sum(h['seconds'] for h in hist) / 60, 1), machine=machine(), date=time.strftime('%Y-%m-%d'))
    print(row, flush=True)
    update_results('ablation', row, key=('variant', 'epochs'))

for name in only:
    cfg, what = variants[name]
    out = Path(a.runs)/f"{name.replace(' ', '_')}-{a.epochs}ep"
    hist = train(R(cfg, out=str(out)), quiet=True)
    heldout_row(name, what, out, hist)
for spec in a.score:
    name, _, run = spec.partition('=')
    if not (Path(run)/'model.safetensors').is_file(): sys.exit(f"--score {spec!r}: no finished run (model.safetensors) in {run}")
    h = json.loads((Path(run)/'history.json').read_text())
    cfg = h['config']; base = dis if cfg.get('teacher') else rec
    diff = {k: v for k, v in cfg.items() if k not in ('out', 'epochs', 'data', 'crops') and v != getattr(base, k)}
    procs = load_model(Path(run)/'model.safetensors').meta.get('hardware', '').rpartition(', ')[2]  # '2 processes' for a torchrun run
    heldout_row(name, f"the {'distilled' if base is dis else 'recommended'} preset trained {len(h['history'])} epochs" + (f", with {diff}" if diff else '') + (f", in {procs} (torchrun)" if procs.endswith('processes') else ''),
                Path(run), h['history'])
rows = json.loads((Path(__file__).parent/'results.json').read_text())['ablation']
md = results_table(f"Ablation: short runs scored on held-out DevTrain people (3,000 pairs, flip TTA)", rows,
                   ['variant', 'what', 'epochs', 'heldout_auc', 'heldout_accuracy', 'train_minutes'])
(Path(__file__).with_suffix('.md')).write_text(md); print(md)
