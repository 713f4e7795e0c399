"""Who gets named on the sample clip, facerecog against face_recognition (dlib) on the same faces:
`uv sync --group bench && uv run python benchmarks/clip.py [--model NAME_OR_FILE ...]`.

Every frame of assets/samples/short_hamilton_clip.mp4 is read; YuNet finds the faces; each face is named
- by facerecog (`Gallery.identify` on those boxes, float32, the gallery's own threshold for its size), and
- by face_recognition, given the same boxes (`face_encodings(frame, known_face_locations=...)`), against the same
  gallery photos encoded by face_recognition itself, with its own rule (nearest photo, distance <= 0.5 "confident").
Reported per model: of the faces dlib names confidently, the share facerecog names the same (agreement); of the faces
that dlib puts beyond 0.6 from every gallery photo (strangers to dlib), the share facerecog names anyway (false names).
Rows go to benchmarks/results.json ("clip") and benchmarks/clip.md.
"""
import argparse, sys, time
from collections import Counter
from pathlib import Path
import numpy as np, cv2
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results, results_table
from facerecog.files import load_image
from facerecog.faces import detect_faces
from facerecog.gallery import Gallery, UNKNOWN
from facerecog.model import load_model, SHIPPED_MODELS

ROOT = Path(__file__).resolve().parent.parent
ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('--model', action='append', default=None, help=f"shipped model name ({', '.join(SHIPPED_MODELS)}) or file; repeatable (default: both shipped)")
ap.add_argument('--max-frames', type=int, default=None)
a = ap.parse_args()
try:
    import face_recognition
except ImportError: sys.exit("face_recognition is not installed: uv sync --group bench")

cap = cv2.VideoCapture(str(ROOT/'assets/samples/short_hamilton_clip.mp4')); frames = []
while True:
    ok, f = cap.read()
    if not ok or (a.max_frames and len(frames) >= a.max_frames): break
    frames.append(np.ascontiguousarray(f[..., ::-1]))
faces = [detect_faces(f) for f in frames]
print(f"{len(frames)} frames, {sum(map(len, faces))} faces (YuNet)", flush=True)

# dlib's names on the same boxes, against the gallery photos encoded by face_recognition itself
known, who = [], []
for person in sorted(p for p in (ROOT/'faces').iterdir() if p.is_dir()):
    for photo in sorted(person.iterdir()):
        if photo.suffix.lower() not in ('.jpg', '.jpeg', '.png'): continue
        e = face_recognition.face_encodings(load_image(photo))
        if e: known.append(e[0]); who.append(person.name)
known = np.array(known); who = np.array(who)
dlib = []
for f, fs in zip(frames, faces):
    locs = [(int(b[1]), int(b[2]), int(b[3]), int(b[0])) for b in (np.round(x.box).astype(int).clip(0, None) for x in fs)]
    for e in face_recognition.face_encodings(f, known_face_locations=locs):
        d = np.linalg.norm(known - e, axis=1); i = int(d.argmin()); dlib.append((who[i], float(d[i])))
confident = [i for i, (n, d) in enumerate(dlib) if d <= 0.5]
strangers = [i for i, (n, d) in enumerate(dlib) if d > 0.6]
print(f"dlib: {len(confident)} faces named with distance <= 0.5 ({dict(Counter(dlib[i][0] for i in confident))}), {len(strangers)} beyond 0.6 from everybody", flush=True)

rows = []
for model in a.model or list(SHIPPED_MODELS):
    g = Gallery.from_folder(ROOT/'faces', load_model(model), precision='float32', quiet=True)
    ms = [m for f, fs in zip(frames, faces) for m in (g.identify(f, faces=fs) if fs else [])]
    names = [m.name for m in ms]
    same = sum(names[i] == dlib[i][0] for i in confident); named = sum(names[i] != UNKNOWN for i in strangers)
    pw = g.model.threshold  # the pairwise threshold, for comparison: what naming would be at the risk of one comparison
    at_pw = [m.nearest if m.distance < pw else UNKNOWN for m in ms]
    row = dict(model=str(model), threshold=round(g.threshold, 4), faces=len(names), named=sum(n != UNKNOWN for n in names),
               dlib_confident=len(confident), same_name=same, agreement=round(same / max(len(confident), 1), 3),
               dlib_strangers=len(strangers), strangers_named=named, false_name_rate=round(named / max(len(strangers), 1), 4),
               nearest_agreement=round(sum(ms[i].nearest == dlib[i][0] for i in confident) / max(len(confident), 1), 3),
               pairwise_threshold=round(pw, 4), agreement_pairwise=round(sum(at_pw[i] == dlib[i][0] for i in confident) / max(len(confident), 1), 3),
               false_name_rate_pairwise=round(sum(at_pw[i] != UNKNOWN for i in strangers) / max(len(strangers), 1), 4),
               names=dict(Counter(n for n in names if n != UNKNOWN)), machine=machine(), date=time.strftime('%Y-%m-%d'))
    print(row, flush=True); rows.append(row)
    update_results('clip', row, key=('model',))
from _common import load_results
md = results_table("The sample clip: facerecog's names against face_recognition's (dlib) on the same YuNet faces", load_results()['clip'],
                   ['model', 'threshold', 'dlib_confident', 'same_name', 'agreement', 'dlib_strangers', 'strangers_named', 'false_name_rate', 'nearest_agreement', 'pairwise_threshold', 'agreement_pairwise', 'false_name_rate_pairwise'],
                   "agreement: of the faces dlib names with distance <= 0.5, the share facerecog names the same at its gallery threshold (threshold); false_name_rate: of the faces dlib puts beyond 0.6 from everybody, the share facerecog names anyway. nearest_agreement: the share whose nearest enrolled person is dlib's name, whatever the threshold; the last three: the same at the model's pairwise threshold, for comparison (not what the gallery uses).")
(Path(__file__).with_suffix('.md')).write_text(md); print(md)
