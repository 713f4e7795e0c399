"""Detection schedules for video, against YuNet on every full frame: `uv run python benchmarks/schedule.py`.

Issue 19 asked whether the detector must run less often for the demo's 60 fps. This measures, on every frame of
assets/samples/short_hamilton_clip.mp4 (640 x 360), the candidates against the reference (YuNet on every whole frame at
its own size):
- YuNet on every whole frame, scaled down to a longer side of 480 or 320 px (`YuNetDetector(max_size=...)`,
  `facerecog-demo --detect-size`);
- YuNet on the whole frame every K frames, and in between only around each face of the previous frame: the region
  grown by one face size on every side, scaled to 160 px, searched at a lower score threshold, keeping at most one face
  per track (a region-of-interest re-detection);
For each: milliseconds of detection per frame, the share of the reference's faces found (a box overlapping one of them
by IoU >= 0.5), and the faces found that the reference has not. Writes benchmarks/schedule.md.
"""
import argparse, sys, time
from pathlib import Path
import cv2
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.demo import open_source, iou
from facerecog.faces import Face, YuNetDetector, detect_faces
from facerecog.pipeline import set_threads

ROOT = Path(__file__).resolve().parent.parent
p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--threads', type=int, default=2)
p.add_argument('--no-write', action='store_true', help='print only; leave schedule.md alone')
args = p.parse_args()
set_threads(args.threads)
frames = list(open_source(ROOT/'assets/samples/short_hamilton_clip.mp4')[0])

def roi_faces(image, boxes, detector, grow:float=1.0, side:int=160) -> list[Face]:
    "The face near each box, found again by `detector` in the region around it (at most one per box)."
    H, W = image.shape[:2]
    kept = []
    for b in boxes:
        gw, gh = grow * (b[2] - b[0]), grow * (b[3] - b[1])
        X0, Y0 = max(0, int(b[0] - gw)), max(0, int(b[1] - gh))
        X1, Y1 = min(W, int(np.ceil(b[2] + gw))), min(H, int(np.ceil(b[3] + gh)))
        roi = image[Y0:Y1, X0:X1]
        s = side / max(roi.shape[:2])
        roi = cv2.resize(roi, (max(1, round(roi.shape[1] * s)), max(1, round(roi.shape[0] * s))))
        off = np.array([X0, Y0], np.float32)
        near = [Face(f.box / s + np.tile(off, 2), f.score, f.landmarks / s + off) for f in detect_faces(roi, detector)]
        near = [f for f in near if iou(f.box, b) >= 0.3 and all(iou(f.box, k.box) < 0.3 for k in kept)]
        if near: kept.append(max(near, key=lambda f: f.score))
    return kept

def timed(schedule) -> tuple[list, float]:
    "The faces of every frame by `schedule(i, frame, previous faces)`, and ms per frame (best of 3 runs)."
    best = float('inf')
    for _ in range(3):
        t, prev, out = time.perf_counter(), [], []
        for i, f in enumerate(frames):
            prev = schedule(i, f, prev)
            out.append(prev)
        best = min(best, (time.perf_counter() - t) / len(frames) * 1000)
    return out, best

full = YuNetDetector()
ref, ref_ms = timed(lambda i, f, prev: detect_faces(f, full))
n = sum(map(len, ref))
rows = [('YuNet on every whole frame, 640 px (the reference, the default)', f'{ref_ms:.2f}', f'{n} of {n} (100%)', 0)]

def row(what:str, got:list, ms:float):
    found = sum(any(iou(a.box, b.box) >= 0.5 for b in g) for r, g in zip(ref, got) for a in r)
    extra = sum(not any(iou(a.box, b.box) >= 0.5 for b in r) for r, g in zip(ref, got) for a in g)
    rows.append((what, f'{ms:.2f}', f'{found} of {n} ({found / n:.1%})', extra))

for size in (480, 320):
    small = YuNetDetector(max_size=size)
    row(f'YuNet on every whole frame, scaled to {size} px', *timed(lambda i, f, prev: detect_faces(f, small)))
for score in (0.3, 0.5):
    near = YuNetDetector(score_threshold=score)
    for k in (2, 3, 5):
        sched = lambda i, f, prev: detect_faces(f, full) if i % k == 0 or not prev else roi_faces(f, [x.box for x in prev], near)
        row(f'whole frame every {k}, around each face between (score >= {score})', *timed(sched))

header = ('detection', 'ms per frame', 'reference faces found', 'faces the reference has not')
if args.no_write: print('\n'.join(' | '.join(map(str, r)) for r in rows))
else: report('Detection schedules on the sample clip', rows, header, Path(__file__).parent/'schedule.md')
