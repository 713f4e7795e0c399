"""Demo speed: `uv run python benchmarks/demo.py`.

Prints and writes benchmarks/demo.md: frames per second of the demo pipeline on short_hamilton_clip.mp4 (every frame
recognised, and recognising every Nth frame with tracking between), and milliseconds per face for detect, align and embed.
"""
import sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.data import load_image
from facerecog.faces import detect_faces, align_face, default_detector
from facerecog.model import load_model, embed_crops
from facerecog.gallery import Gallery
from facerecog.demo import run_video, open_source

ROOT = Path(__file__).resolve().parent.parent
VIDEO = ROOT/'assets/samples/short_hamilton_clip.mp4'
g = Gallery.from_folder(ROOT/'faces')
rows = []
for every in (1, 3, 5):
    s = run_video(VIDEO, g, out=None, every=every, quiet=True)
    rows.append((f'facerecog-demo pipeline, every {every}', f"{s['fps']:.1f} fps", f"{s['frames']} frames of 640 x 360: {s['names']}"))
frames, _ = open_source(VIDEO); video = [f for _, f in zip(range(90), frames)]
faces = [(f, d) for f in video for d in detect_faces(f)]
t = time.perf_counter(); [detect_faces(f) for f in video]; det_ms = 1000 * (time.perf_counter() - t) / len(faces)
t = time.perf_counter(); crops = [align_face(f, d) for f, d in faces]; al_ms = 1000 * (time.perf_counter() - t) / len(faces)
m = load_model()
t = time.perf_counter(); [embed_crops(m, [c], flip=True) for c in crops]; em_ms = 1000 * (time.perf_counter() - t) / len(faces)
t = time.perf_counter(); embed_crops(m, crops, batch_size=64, flip=True); emb_ms = 1000 * (time.perf_counter() - t) / len(faces)
rows += [('detect (YuNet)', f'{det_ms:.1f} ms per face', f'{len(faces)} faces in {len(video)} frames'),
         ('align', f'{al_ms:.2f} ms per face', '5-point warp to 112 x 112'),
         ('embed, one face at a time (with flip)', f'{em_ms:.1f} ms per face', 'as the demo does'),
         ('embed, batches of 64 (with flip)', f'{emb_ms:.1f} ms per face', 'as evaluation does')]
report('Demo speed', rows, ('what', 'speed', 'notes'), Path(__file__).with_suffix('.md'))
