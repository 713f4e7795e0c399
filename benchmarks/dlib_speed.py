"""How fast dlib's face-recognition network runs: dlib itself against our conversion (facerecog.dlibnet) under
onnxruntime (float32) and PyTorch, on the same 150 px chips, in one process (compare rows of one run only).

    uv sync --group teacher && uv run python benchmarks/dlib_speed.py     # LFW in the cache (facerecog-data)

Chips: our chip (YuNet's landmarks onto DLIB_CHIP_TEMPLATE, no dlib) of 256 DevTrain photos. "batch 64": faces per
call; "one face": one chip per call (a camera's single face). The last column is the largest difference from dlib's
own descriptor of the same chip. Writes benchmarks/dlib_speed.md.
"""
import os, sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.data import find_lfw, read_people, image_path
from facerecog.faces import lfw_face
from facerecog.files import load_image
from facerecog.dlibnet import DlibOnnx, dlib_chip, dlib_torch, dlib_model_file

root = find_lfw()
if root is None: sys.exit("LFW is not here: run facerecog-data (or set FACERECOG_LFW)")
try: import dlib
except ImportError: sys.exit("dlib is not installed: uv sync --group teacher")
people = [p for p in read_people(root.parent/'peopleDevTrain.txt')][:400]
photos = [image_path(root, p.name, 1) for p in people][:256]
chips = np.stack([dlib_chip(im, lfw_face(im)[0]) for im in map(load_image, photos)])
net = dlib.face_recognition_model_v1(str(dlib_model_file()))
threads = os.cpu_count()

def timed(fn, n, repeat=3):
    "Best of `repeat` runs of fn(), in faces per second, and its result."
    best, out = 0.0, None
    for _ in range(repeat):
        t0 = time.perf_counter(); out = fn(); best = max(best, n / (time.perf_counter() - t0))
    return best, out

ref = np.array(net.compute_face_descriptor(list(chips)), np.float32)
rows = []
def row(what, fn, n):
    fps, out = timed(fn, n)
    diff = float(np.abs(np.asarray(out, np.float32) - ref[:len(out)]).max())
    rows.append((what, f"{fps:,.0f} faces/s", f"{1000 / fps:.1f} ms", f"{diff:.1e}"))
    print(rows[-1], flush=True)

row('dlib compute_face_descriptor, batch 64', lambda: np.concatenate([np.array(net.compute_face_descriptor(list(chips[i:i + 64])))
                                                                     for i in range(0, len(chips), 64)]), len(chips))
row('dlib compute_face_descriptor, one face', lambda: np.array([net.compute_face_descriptor(c) for c in chips[:32]]), 32)
ox = DlibOnnx(threads=threads)
row('facerecog DlibOnnx (onnxruntime float32), batch 64', lambda: ox(chips, 64), len(chips))
row('facerecog DlibOnnx (onnxruntime float32), one face', lambda: np.concatenate([ox(chips[i:i + 1], 1) for i in range(64)]), 64)
import torch
torch.set_num_threads(threads)
tn = dlib_torch()
def torch_run(batch):
    with torch.inference_mode():
        x = torch.from_numpy(chips.astype(np.float32).transpose(0, 3, 1, 2))
        return torch.cat([tn(x[i:i + batch]) for i in range(0, len(x), batch)]).numpy()
row('facerecog DlibNet (PyTorch float32), batch 64', lambda: torch_run(64), len(chips))
report(f"dlib's network: dlib against facerecog's conversion, {len(chips)} chips, {threads} threads", rows,
       ('what', 'speed', 'per face', 'max difference from dlib'), Path(__file__).with_suffix('.md'))
