"""Speed on this machine: `uv run python benchmarks/speed.py` (add `uv sync --group bench` for the face_recognition rows).

Runs, in one process and on the same inputs, so that the ratios mean something on a shared machine:
- `Gallery.identify` on every frame of assets/samples/short_hamilton_clip.mp4 (275 frames of 640 x 360) in float32 (the
  reference) and in bf16 (where the CPU computes it natively), with and without flip, and the video `Tracker` (detect
  every frame, embed new, stale and unsure faces); each path's names are compared face by face with the float32 path's;
- the ONNX engine (the default model's float32 export, as facerecog-export writes it, and the int8 export the package
  ships): identify every frame, the tracker, and embedding, with the names compared the same way, and how far int8 moves
  a distance;
- the library's defaults (`Gallery.from_folder('faces')`, `FacePipeline()`: the shipped int8 export), which the demo runs;
- embedding throughput (faces/s in batches) and latency (one face), float32 and bf16, with and without flip;
- where the time of a frame goes (decode, detect, align, embed, match, draw, encode);
- YuNet at smaller input sizes (faces found, ms per frame);
- the tracker under a concurrent CPU load, with 2 threads and with 1;
- dlib's network as a model users pick (`--model dlib`: its ONNX export on our detector and dlib's chip): identify, the
  tracker, embedding;
- face_recognition (dlib: HOG detector, ResNet encoder), when installed, on the same frames and faces.
Prints a table, writes benchmarks/speed.md and the "speed" section of benchmarks/results.json (the README's Speed table).
"""
import argparse, statistics, subprocess, sys, tempfile, time
from pathlib import Path
import cv2
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, report, update_results
from facerecog.demo import open_source, annotate, Tracker
from facerecog.faces import YuNetDetector
from facerecog.gallery import Gallery
from facerecog.model import load_model, native_bf16
from facerecog.pipeline import set_threads

ROOT = Path(__file__).resolve().parent.parent
p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--frames', type=int, default=None, help='use only the first N frames (a quick check)')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--no-write', action='store_true', help='print only; leave speed.md and results.json alone')
args = p.parse_args()
set_threads(args.threads)

t = time.perf_counter(); src, _ = open_source(ROOT/'assets/samples/short_hamilton_clip.mp4')
frames = [f for _, f in zip(range(args.frames or 10**9), src)]
decode_ms = 1000 * (time.perf_counter() - t) / len(frames)
model = load_model()
# the ONNX engine: the float32 export written beside a copy of the default model's file (as facerecog-export does), and
# the int8 export the package ships beside it
import shutil
from facerecog.engine import export_onnx, onnx_file
from facerecog.model import model_file
from facerecog.pipeline import FacePipeline
ONNX = Path(tempfile.mkdtemp())/'model.safetensors'
shutil.copy(model_file(), ONNX)
export_onnx(ONNX, ('float32',))
shutil.copy(onnx_file(model_file(), 'int8'), onnx_file(ONNX, 'int8'))
onnx_precisions = ['float32', 'int8']
galleries = {'defaults': Gallery.from_folder(ROOT/'faces')}
assert galleries['defaults'].model.precision == 'int8', galleries['defaults'].pipeline
def gallery(amp:bool, flip:bool=True, onnx:str|None=None) -> Gallery:
    "The sample gallery, on the loaded torch model (bf16 or float32) or, with `onnx`, on that ONNX export."
    key = (amp, flip, onnx)
    if key not in galleries:
        galleries[key] = (Gallery.from_folder(ROOT/'faces', model, precision='bf16' if amp else 'float32', flip=flip)
                          if onnx is None else Gallery.from_folder(ROOT/'faces', ONNX, precision=onnx, flip=flip))
    return galleries[key]
bf16 = native_bf16()
rows, res = [], dict(frames=len(frames), threads=args.threads, native_bf16=bf16, machine=machine(), date=time.strftime('%Y-%m-%d'))

def timed(fn, *a, reps:int=1):
    "Median seconds of `reps` calls, and the last result."
    ts, out = [], None
    for _ in range(reps):
        t = time.perf_counter(); out = fn(*a); ts.append(time.perf_counter() - t)
    return statistics.median(ts), out

def names(ms_per_frame): return [m.name for ms in ms_per_frame for m in ms]

# 1. The video, end to end (no drawing): identify every frame, and the tracker
ref_t, ref = timed(lambda: [gallery(False).identify(f) for f in frames])
ref_names, n_faces = names(ref), sum(map(len, ref))
res['faces'] = n_faces
margins = [min(m.runner_up_distance - m.distance, abs(m.distance - gallery(False).threshold)) for ms in ref for m in ms]
paths = {}
def video_row(label, secs, got, embedded=None, key=None):
    same = sum(a == b for a, b in zip(ref_names, names(got))) if len(names(got)) == n_faces else None
    diff = [round(margins[i], 3) for i, (a, b) in enumerate(zip(ref_names, names(got))) if a != b]
    r = dict(fps=round(len(frames) / secs, 1), ms_per_frame=round(1000 * secs / len(frames), 1), same_names=f"{same}/{n_faces}",
             changed_margins=diff, embedded=embedded)
    paths[key or label] = r
    rows.append((label, f"{r['fps']} fps", f"{r['ms_per_frame']} ms", f"{same} of {n_faces} faces named as float32 names them"
                 + (f" (the {len(diff)} others had a float32 margin of {max(diff):.3f} or less)" if diff else '')
                 + (f"; {embedded} of {n_faces} faces embedded" if embedded is not None else '')))
video_row('identify every frame, float32 + flip (reference)', ref_t, ref, key='identify_float32_flip')
for amp, flip, key in [(True, True, 'identify_bf16_flip'), (True, False, 'identify_bf16_noflip'), (False, False, 'identify_float32_noflip')]:
    s, got = timed(lambda: [gallery(amp, flip).identify(f) for f in frames])
    video_row(f"identify every frame, {'bf16' if amp else 'float32'}{' + flip' if flip else ', no flip'}", s, got, key=key)
for prec in onnx_precisions:
    for flip in (True, False):
        s, got = timed(lambda: [gallery(False, flip, prec).identify(f) for f in frames])
        video_row(f"identify every frame, ONNX {prec}{' + flip' if flip else ', no flip'}", s, got, key=f"identify_onnx_{prec}{'_flip' if flip else '_noflip'}")
    tr = Tracker(gallery(False, True, prec), every=5)
    s, got = timed(lambda: [tr(f) for f in frames])
    video_row(f"Tracker every 5, ONNX {prec} + flip", s, got, tr.embedded, key=f'tracker5_onnx_{prec}')
for every, amp in [(5, True), (5, False), (10, True)]:
    tr = Tracker(gallery(amp), every=every)
    s, got = timed(lambda: [tr(f) for f in frames])
    video_row(f"Tracker every {every}, torch {'bf16' if amp else 'float32'} + flip", s, got, tr.embedded, key=f'tracker{every}_{"bf16" if amp else "float32"}')
# the defaults: what Gallery.from_folder('faces') and facerecog-demo run (the shipped int8 export, YuNet on every frame)
s, got = timed(lambda: [galleries['defaults'].identify(f) for f in frames])
video_row("identify every frame, the defaults (int8 export + flip)", s, got, key='identify_defaults')
tr = Tracker(galleries['defaults'], every=5)
s, got = timed(lambda: [tr(f) for f in frames])
video_row(f"Tracker every 5, the defaults: the demo's path (all {n_faces} faces found: YuNet on every frame)", s, got, tr.embedded, key='tracker5_defaults')
# dlib's network as a model users pick (--model dlib): its own names, so they are counted, not compared with the reference
galleries['dlib'] = Gallery.from_folder(ROOT/'faces', 'dlib')
for label, key, run in [("identify every frame, dlib's network (--model dlib)", 'identify_dlib', lambda: [galleries['dlib'].identify(f) for f in frames]),
                        ("Tracker every 5, dlib's network (--model dlib)", 'tracker5_dlib', (lambda tr: lambda: [tr(f) for f in frames])(Tracker(galleries['dlib'], every=5)))]:
    s, got = timed(run)
    named = sum(m.known for ms in got for m in ms)
    paths[key] = dict(fps=round(len(frames) / s, 1), ms_per_frame=round(1000 * s / len(frames), 1), named=f"{named}/{sum(map(len, got))}")
    rows.append((label, f"{paths[key]['fps']} fps", f"{paths[key]['ms_per_frame']} ms", f"{named} of {sum(map(len, got))} faces named (its own threshold and names)"))
res['video'] = paths

# 2. Embeddings: throughput and latency
g = gallery(True)
crops = [c for f in frames[:120] for c in g.pipeline.align(f, g.pipeline.detect(f))]
emb = {}
def embed_row(label:str, key:str, pipe, crops=crops):
    "Throughput (in batches) and latency (one face) of `pipe` on the clip's crops: a row and an entry of `emb`."
    s_, _ = timed(pipe.embed_crops, crops, reps=3)
    one, _ = timed(pipe.embed_crops, crops[:1], reps=30)
    emb[key] = dict(faces_per_s=round(len(crops) / s_), one_face_ms=round(1000 * one, 1))
    rows.append((label, f"{emb[key]['faces_per_s']} faces/s in batches", f"{emb[key]['one_face_ms']} ms for one face",
                 f"{len(crops)} faces from the clip"))
for amp in (False, True):
    for flip in (True, False):
        prec = 'bf16' if amp else 'float32'
        embed_row(f"embed, {prec}{' + flip' if flip else ''}", f"{prec}{'_flip' if flip else ''}", Gallery(model, precision=prec, flip=flip).pipeline)

# 2b. The ONNX engine: the same crops through the exports (facerecog-export), float32 and int8
for prec in onnx_precisions:
    for flip in (True, False):
        embed_row(f"embed, ONNX {prec}{' + flip' if flip else ''}", f"onnx_{prec}{'_flip' if flip else ''}", gallery(False, flip, prec).pipeline)
if 'int8' in onnx_precisions:  # how far int8 moves a distance, on the clip's faces
    e32, e8 = gallery(False, True, 'float32').pipeline.embed_crops(crops), gallery(False, True, 'int8').pipeline.embed_crops(crops)
    D = lambda e: np.linalg.norm(e[:, None] - e[None], axis=-1)
    emb['int8_max_distance_change'] = round(float(np.abs(D(e32) - D(e8)).max()), 4)
    rows.append(('int8 vs float32 ONNX, largest change of a distance between two faces of the clip', f"{emb['int8_max_distance_change']}", '', ''))
embed_row("embed, the defaults: FacePipeline().embed_crops (int8 export + flip)", 'defaults', FacePipeline())
# dlib's network (--model dlib): onnxruntime float32 on dlib's 150 px chip of the same faces
dpipe = galleries['dlib'].pipeline
dchips = [c for f in frames[:120] for c in dpipe.align(f, dpipe.detect(f))]
embed_row("embed, dlib's network (--model dlib: ONNX float32 + flip, dlib's 150 px chip)", 'dlib', dpipe, dchips)
res['embed'] = emb

# 3. Where a frame's time goes (identify every frame, the defaults, with drawing and encoding)
g = galleries['defaults']
pipe, stage = g.pipeline, dict(decode=decode_ms)
t = time.perf_counter(); dets = [pipe.detect(f) for f in frames]; stage['detect'] = 1000 * (time.perf_counter() - t) / len(frames)
t = time.perf_counter(); cr = [pipe.align(f, d) for f, d in zip(frames, dets)]; stage['align'] = 1000 * (time.perf_counter() - t) / len(frames)
t = time.perf_counter(); E = [pipe.embed_crops(c) if c else None for c in cr]; stage['embed'] = 1000 * (time.perf_counter() - t) / len(frames)
t = time.perf_counter(); [g._nearest(e) for e in E if e is not None]; stage['match'] = 1000 * (time.perf_counter() - t) / len(frames)
t = time.perf_counter(); ann = [annotate(f, ms) for f, ms in zip(frames, ref)]; stage['draw'] = 1000 * (time.perf_counter() - t) / len(frames)
with tempfile.TemporaryDirectory() as d:
    w = cv2.VideoWriter(str(Path(d)/'o.mp4'), cv2.VideoWriter_fourcc(*'mp4v'), 30, (frames[0].shape[1], frames[0].shape[0]))
    t = time.perf_counter()
    for a in ann: w.write(cv2.cvtColor(a, cv2.COLOR_RGB2BGR))
    w.release(); stage['encode'] = 1000 * (time.perf_counter() - t) / len(frames)
res['profile_ms_per_frame'] = {k: round(v, 2) for k, v in stage.items()}
rows.append(('profile, ms per frame (identify every frame, the defaults)', ' / '.join(f"{k} {v:.1f}" for k, v in stage.items()), f"{sum(stage.values()):.1f} ms in all", ''))

# 4. YuNet input size
det = {}
for size in (640, 480, 320):
    yn = YuNetDetector(max_size=size)
    s, found = timed(lambda: [yn(f) for f in frames])
    det[size] = dict(ms_per_frame=round(1000 * s / len(frames), 2), faces=sum(map(len, found)))
    rows.append((f"YuNet, longer side {size} px", f"{det[size]['ms_per_frame']} ms per frame", f"{det[size]['faces']} faces found", ''))
res['yunet'] = det

# 5. Under a concurrent load (another process keeps both cores busy)
load = subprocess.Popen([sys.executable, '-c', 'import numpy as np\na = np.random.rand(700, 700)\nwhile True: a @ a'])
try:
    busy = {}
    for th in (2, 1):
        set_threads(th); tr = Tracker(g, every=5)
        s, _ = timed(lambda: [tr(f) for f in frames])
        busy[th] = round(len(frames) / s, 1)
        rows.append((f"Tracker every 5, the defaults, with another busy process, {th} thread{'s' if th > 1 else ''}", f"{busy[th]} fps", '', ''))
finally: load.kill(); set_threads(args.threads)
res['busy_fps'] = busy

# 6. face_recognition (dlib), when installed
try:
    import face_recognition
    t = time.perf_counter(); locs = [face_recognition.face_locations(f) for f in frames]
    encs = [face_recognition.face_encodings(f, l) for f, l in zip(frames, locs)]; s = time.perf_counter() - t
    fr_faces = sum(map(len, locs))
    one_img, one_loc = next((f, l[:1]) for f, l in zip(frames, locs) if l)
    one, _ = timed(face_recognition.face_encodings, one_img, one_loc, reps=30)
    res['face_recognition'] = dict(fps=round(len(frames) / s, 1), faces=fr_faces, one_face_ms=round(1000 * one, 1))
    rows.append(('face_recognition (dlib HOG + encodings), every frame', f"{res['face_recognition']['fps']} fps", f"{fr_faces} faces found",
                 f"{res['face_recognition']['one_face_ms']} ms to encode one face"))
    r = paths['tracker5_defaults']['fps'] / res['face_recognition']['fps']
    rows.append(('ratio: facerecog, the defaults, Tracker every 5 (the demo) / face_recognition', f"{r:.1f}x", f"identify every frame: {paths['identify_defaults']['fps'] / res['face_recognition']['fps']:.1f}x", ''))
except ImportError:
    print('face_recognition is not installed (uv sync --group bench): its rows are skipped.')

res['rows'] = [dict(what=a, speed=b, per=c, notes=d) for a, b, c, d in rows]
if not args.no_write:
    report('Speed', rows, ('what', 'speed', 'per', 'notes'), Path(__file__).with_suffix('.md'))
    update_results('speed', res)
else: print('\n'.join(' | '.join(map(str, r)) for r in rows))
