"""Training speed and memory: `uv run python benchmarks/train.py` (needs the LFW crops for the memory run).

Prints and writes benchmarks/train.md: training images per second at 112 x 112 in fp32 and with the default CPU
settings (bf16 autocast + channels_last), side by side in one run, and the peak memory of a one-epoch training run.
"""
import dataclasses, resource, subprocess, sys, tempfile, time
from pathlib import Path
import torch
sys.path.insert(0, str(Path(__file__).parent))
from _common import report
from facerecog.model import SiameseNet
from facerecog.loss import BatchContrastiveLoss
from facerecog.train import train_step, Run, pick_device, augment

def images_per_s(amp:bool, channels_last:bool, steps:int=8, batch:int=144) -> float:
    torch.manual_seed(0)
    dev = pick_device()
    m = SiameseNet(normalize=True).to(dev, memory_format=torch.channels_last if channels_last else torch.contiguous_format)
    opt = torch.optim.AdamW(m.parameters(), 1e-3); lf = BatchContrastiveLoss(1.0)
    b = (torch.randint(0, 255, (batch, 112, 112, 3), dtype=torch.uint8), torch.arange(batch) // 4)
    for _ in range(2): train_step(m, b, lf, opt, Run(dev, 'bf16' if amp else 'float32', augment))
    t = time.perf_counter()
    for _ in range(steps): train_step(m, b, lf, opt, Run(dev, 'bf16' if amp else 'float32', augment))
    return steps * batch / (time.perf_counter() - t)

rows = []
for name, amp, cl in [('fp32', False, False), ('default: bf16 autocast + channels_last', True, True)]:
    rows.append((name, f'{images_per_s(amp, cl):.0f} img/s', 'ResNet18 SiameseNet, 112 x 112, P x K batch of 144, augmentation on'))
code = ("import dataclasses, tempfile, resource; from facerecog.train import train, PRESETS\n"
        "with tempfile.TemporaryDirectory() as d: h = train(dataclasses.replace(PRESETS['recommended'], out=d, epochs=1), quiet=True)\n"
        "print(h[0]['seconds'], h[0]['images_per_s'], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
if '--no-memory' not in sys.argv:
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    if r.returncode == 0:
        secs, ips, rss = r.stdout.split()[-3:]
        rows.append(('one epoch of the recommended preset on DevTrain', f'{float(ips):.0f} img/s, {float(secs):.0f} s',
                     f'peak memory (max RSS) {int(rss) / 1024**2:.2f} GiB'))
    else: print(r.stderr[-2000:])
report('Training speed and memory', rows, ('setting', 'speed', 'notes'), Path(__file__).with_suffix('.md'))
