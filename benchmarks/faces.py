"""Face detection and alignment speed: `uv run python benchmarks/faces.py` (add --lfw to time prepare_lfw on all of LFW).

Prints and writes benchmarks/faces.md: YuNet milliseconds per 640 x 360 video frame and per 250 x 250 LFW image,
aligned crops per second, and the time prepare_lfw takes for the whole of LFW.
"""
import sys, tempfile, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.files import load_image, cache_home
from facerecog.faces import YuNetDetector, detect_faces, align_face, prepare_lfw
from facerecog.demo import open_source
ROOT = Path(__file__).resolve().parent.parent
det = YuNetDetector()

def per_call_ms(images, fn, repeat=3):
    fn(images[0])
    t = time.perf_counter()
    for _ in range(repeat):
        for im in images: fn(im)
    return 1000 * (time.perf_counter() - t) / (repeat * len(images))

frames, _ = open_source(ROOT/'assets/samples/short_hamilton_clip.mp4')
video = [f for _, f in zip(range(60), frames)]
lfw = [load_image(p) for p in sorted((ROOT/'nbs/fixtures/lfw/lfw-deepfunneled').rglob('*.jpg'))]
rows = [('YuNet, 640 x 360 video frame', f'{per_call_ms(video, det):.1f} ms', f'{len(video)} frames of short_hamilton_clip.mp4'),
        ('YuNet, 250 x 250 LFW image', f'{per_call_ms(lfw, det):.1f} ms', f'{len(lfw)} fixture images')]
pairs = [(im, f) for im in lfw for f in det(im)[:1]]
t = time.perf_counter(); n = 0
for _ in range(20):
    for im, f in pairs: align_face(im, f); n += 1
rows.append(('align_face to 112 x 112', f'{n / (time.perf_counter() - t):.0f} crops/s', '5-point similarity warp'))
src = cache_home()/'lfw'/'lfw-deepfunneled'
if '--lfw' in sys.argv and src.is_dir():
    with tempfile.TemporaryDirectory() as d:
        rep = prepare_lfw(src, Path(d)/'crops', quiet=True)
    rows.append(('prepare_lfw, all of LFW', f"{rep['seconds']:.0f} s", f"{rep['images']} images, {rep['faces_found']} faces found, {len(rep['fallbacks'])} centre-crop fallbacks"))
report('Face detection and alignment', rows, ('what', 'speed', 'on'), Path(__file__).with_suffix('.md'))
