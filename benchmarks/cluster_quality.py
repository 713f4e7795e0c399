"""Which faces are too small or too blurred to group: the shipped model on held-out DevTrain people's LFW photos,
shrunk until the face is S pixels wide, or blurred (Gaussian, sigma in pixels of the 250 px photo), then detected and
embedded as any photo is. For each condition: how many faces YuNet still finds, their median sharpness (the clustering
chapter's `sharpness`), TAR / FAR at the model's pairwise threshold against the same people's unaltered photos, and FAR
between altered photos of different people (both altered alike: whether poor faces of strangers fall together), at the
pairwise threshold and at the clustering cut.

    uv run python benchmarks/cluster_quality.py    # writes benchmarks/cluster_quality.md
"""
import sys
from pathlib import Path
import cv2, numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.data import find_lfw, read_people, image_path
from facerecog.faces import lfw_face, align_face
from facerecog.files import load_image, progress
from facerecog.pipeline import FacePipeline
from facerecog.cluster import sharpness

root = find_lfw()
if root is None: sys.exit("LFW is not here: run facerecog-data (or set FACERECOG_LFW)")
pipe = FacePipeline()
t = pipe.model.threshold
from facerecog.cluster import cluster_threshold
tc = cluster_threshold(pipe.model.meta)  # the clustering cut
held = set(pipe.model.meta['val_people'])
items = [(p.name, i) for p in read_people(root.parent/'peopleDevTrain.txt') if p.name in held for i in range(1, p.count + 1)]
imgs = [load_image(image_path(root, n, k)) for n, k in items]
names = np.array([n for n, _ in items])

def embed(images):
    "Embedding and sharpness of the LFW face of each image (NaN where YuNet finds none)."
    E, S = np.full((len(images), pipe.model.config['embedding_dim']), np.nan, np.float32), np.full(len(images), np.nan)
    for i, im in enumerate(images):
        fs = pipe.detect(im)
        if not fs: continue
        c = np.array([im.shape[1], im.shape[0]]) / 2
        f = min(fs, key=lambda f: np.linalg.norm(f.center - c))
        crop = pipe.align(im, [f])[0]
        E[i], S[i] = pipe.embed_crops([crop])[0], sharpness(crop)
    return E, S

base, base_s = embed(imgs)
width = np.nanmedian([lfw_face(im)[0].width for im in imgs])

def row(label, E, S):
    ok = ~np.isnan(S)
    d = np.linalg.norm(E[:, None] - base[None], axis=2)
    same = names[:, None] == names[None]
    np.fill_diagonal(same, False)
    diff = names[:, None] != names[None]
    g, i = d[ok][same[ok]], d[ok][diff[ok]]
    # both faces of a pair altered alike: do poor faces of different people fall together (a group of blurred strangers)?
    dd = np.linalg.norm(E[ok][:, None] - E[ok][None], axis=2)
    both = dd[diff[np.ix_(ok, ok)]]
    return (label, f"{ok.mean():.3f}", f"{np.nanmedian(S):.0f}", f"{(g < t).mean():.3f}", f"{(i < t).mean():.4f}",
            f"{(both < t).mean():.4f}", f"{(both < tc).mean():.4f}")

rows = [row(f'unaltered (face {width:.0f} px)', base, base_s)]
for s in progress([64, 48, 40, 32, 28, 24, 20, 16], desc='sizes'):
    small = [cv2.resize(im, None, fx=s / width, fy=s / width, interpolation=cv2.INTER_AREA) for im in imgs]
    rows.append(row(f'face {s} px wide', *embed(small)))
for sigma in progress([1, 1.5, 2, 2.5, 3, 4], desc='blur'):
    rows.append(row(f'blur sigma {sigma}', *embed([cv2.GaussianBlur(im, (0, 0), sigma) for im in imgs])))
report(f"Face quality: {len(items)} photos of {len(held)} held-out DevTrain people, shipped model, pairwise threshold {t:.3f}",
       rows, ('condition', 'found', 'median sharpness', 'TAR', 'FAR', 'FAR both altered', 'FAR both altered, at the cut'),
       Path(__file__).with_suffix('.md'))
