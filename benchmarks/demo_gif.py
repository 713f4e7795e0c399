"""The README's animation and who it names: `uv run python benchmarks/demo_gif.py`.

Runs the demo's pipeline with its defaults (faces tracked, re-recognised every 5th frame and at once when new or unsure;
bf16 where the CPU computes it natively) on assets/samples/short_hamilton_clip.mp4 with
the sample gallery and the shipped model, writes assets/docs/demo.gif, and records in benchmarks/results.json
("demo_clip") in how many of the 275 frames each name was drawn. Lin-Manuel Miranda and Alex Lacamoire are enrolled;
everybody else in the clip is a stranger and should be "Unknown".
"""
import sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from _common import machine, update_results
from facerecog.gallery import Gallery
from facerecog.demo import run_video
ROOT = Path(__file__).resolve().parent.parent
g = Gallery.from_folder(ROOT/'faces', precision='auto')
s = run_video(ROOT/'assets/samples/short_hamilton_clip.mp4', g, gif=ROOT/'assets/docs/demo.gif', quiet=True)  # every 5th frame re-recognised (the default), GIF_WIDTH px wide
row = dict(frames=s['frames'], every=5, faces=s['faces'], embedded=s['embedded'], precision='bf16' if g.pipeline.bf16 else getattr(g.pipeline.model, 'precision', 'float32'), names=s['names'], threshold=round(g.threshold, 4), rule=g.rule, machine=machine(), date=time.strftime('%Y-%m-%d'))
print(row); update_results('demo_clip', row)
