"""dlib's descriptors (face_recognition, the `bench` group) of LFW photos, on the face our detector finds (the same faces
facerecog embeds), cached by photo in `cache_home()/bench/dlib-lfw.npz`: what `benchmarks/cluster.py` compares with.

    uv run --group bench python benchmarks/dlib_lfw.py --people peopleDevTest.txt
"""
import argparse, sys
from pathlib import Path
import numpy as np
from facerecog.data import find_lfw, read_people, image_path
from facerecog.faces import lfw_face
from facerecog.files import load_image, cache_home, atomic_write, progress

CACHE = cache_home()/'bench'/'dlib-lfw.npz'

def load_cache() -> dict:
    if not CACHE.exists(): return {}
    with np.load(CACHE) as z: return dict(zip(z['keys'].tolist(), z['emb']))

def save_cache(d:dict):
    keys = sorted(d)
    with atomic_write(CACHE) as t, open(t, 'wb') as f:
        np.savez(f, keys=np.array(keys), emb=np.stack([d[k] for k in keys]))

def dlib_descriptors(paths:list, root:Path) -> np.ndarray:
    "dlib's 128-d descriptor of the LFW face of each photo (resumable: saved every 200 photos)."
    import face_recognition
    d, todo = load_cache(), [p for p in paths if str(Path(p).relative_to(root)) not in load_cache()]
    for i, p in enumerate(progress(todo, desc='dlib', unit='photo')):
        img = load_image(p)
        b = np.round(lfw_face(img)[0].box).astype(int).clip(0, None)
        d[str(Path(p).relative_to(root))] = face_recognition.face_encodings(img, known_face_locations=[(b[1], b[2], b[3], b[0])])[0]
        if i % 200 == 199: save_cache(d)
    if todo: save_cache(d)
    return np.stack([d[str(Path(p).relative_to(root))] for p in paths])

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--people', default='peopleDevTest.txt')
    a = ap.parse_args()
    root = find_lfw()
    if root is None: sys.exit("LFW is not here: run facerecog-data first")
    paths = [image_path(root, p.name, i) for p in read_people(root.parent/a.people) for i in range(1, p.count + 1)]
    print(dlib_descriptors(paths, root).shape)
