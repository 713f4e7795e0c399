"""The book's widgets as a reader meets them: JupyterLab on 127.0.0.1, driven by headless Chromium.

    uv run python .ci/browser.py [--keep]      # needs Debian's chromium and chromium-driver (.ci/run installs them)

What it checks, on a copy of the notebooks (JupyterLab saves what it runs; the committed book is never touched):
1. Opened, not run: every widget cell of nbs/14_views.ipynb shows its saved picture, and no "Error displaying widget".
2. Run All (JupyterLab's own command, the path that once deleted what the explorer read): no cell ends in an error,
   and the widget cells write nothing to stderr.
3. Each threshold slider, moved by typing into its readout as a reader would, changes what its widget shows
   (the measures' text, the bytes of its pictures).
4. The webcam explorer, on a machine without a camera, plays the sample clip: start, frames change, stop.
5. A hostile gallery: a person enrolled under the folder name HOSTILE (an <img> tag with an onerror handler) is
   named in the webcam explorer's status line as text; no element of that tag appears, and its script never runs.
6. The group namer on a clustering of the sample photos and clip: type a name and press name (the largest group's
   faces move into the gallery, where Gallery.from_folder finds the person), choose a group and press merge into
   (two groups become one), then undo both; the files on disk are checked after each step by a cell run in the page.
Screenshots go to a temporary folder (printed at the end). Exits non-zero with the reason on any failure.
`--break-slider` checks the check: it breaks the explorer's slider callback in the copy (and drops the notebook's own
slider test, so that only this script can notice) and must then fail.
"""
from __future__ import annotations
import argparse, os, secrets, shutil, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = 'nbs/14_views.ipynb'
WIDGET_CELLS = ['te', 'tf', 'lt', 'wx', 'gn']  # the cells ending in these names show a widget
CHROMIUM, DRIVER = shutil.which('chromium') or '/usr/bin/chromium', shutil.which('chromedriver') or '/usr/bin/chromedriver'

def fail(msg:str):
    print(f"browser test FAILED: {msg}", flush=True)
    sys.exit(1)

def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]

def start_lab(work:Path, port:int, token:str, log) -> subprocess.Popen:
    "JupyterLab serving `work`, with `window.jupyterapp` exposed for the driver."
    cmd = [str(Path(sys.executable).parent/'jupyter'), 'lab', '--no-browser', f'--port={port}', '--ip=127.0.0.1',
           f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={work}', '--expose-app-in-browser',
           '--allow-root', '--ServerApp.open_browser=False']
    settings = work/'.lab-settings'/'@jupyterlab'/'notebook-extension'
    settings.mkdir(parents=True, exist_ok=True)
    (settings/'tracker.jupyterlab-settings').write_text('{"windowingMode": "none"}')  # every cell stays in the page
    env = {**os.environ, 'YOLO_OFFLINE': '1', 'TQDM_DISABLE': '1', 'JUPYTERLAB_SETTINGS_DIR': str(work/'.lab-settings')}
    env.pop('MPLBACKEND', None)  # the kernel draws inline, as for a reader
    lab = subprocess.Popen(cmd, cwd=work, stdout=log, stderr=subprocess.STDOUT, env=env)
    for _ in range(120):
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/api/status?token={token}', timeout=2)
            return lab
        except OSError: time.sleep(0.5)
        if lab.poll() is not None: break
    fail(f"JupyterLab did not start on 127.0.0.1:{port}; its log: {log.name}")

def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1400,1200'): opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    drv.set_script_timeout(300)  # Run All in a fresh clone embeds the gallery twice: longer than selenium's 30 s default
    return drv

# JavaScript run in the page: the notebook's cells through JupyterLab's own objects.
CELLS_JS = """
const nb = window.jupyterapp.shell.currentWidget.content;
return nb.widgets.map(c => [c.model.sharedModel.getSource().trim().split('\\n').pop(), c.node]);
"""
READY_JS = """
const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
return !!(w && w.content && w.content.widgets && w.content.widgets.length && w.sessionContext && w.sessionContext.session
          && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle');
"""
RUN_ALL_JS = """
const done = arguments[arguments.length - 1];
window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => done('ok'), e => done('error: ' + e));
"""
OUTPUTS_JS = """
const nb = window.jupyterapp.shell.currentWidget.content;
return nb.widgets.filter(c => c.model.type === 'code').map(c => [c.model.sharedModel.getSource().trim().split('\\n').pop(),
    c.model.executionCount, c.model.outputs.toJSON()]);
"""
STATE_JS = """
const [node, done] = [arguments[0], arguments[arguments.length - 1]];
const imgs = Array.from(node.querySelectorAll('.jp-OutputArea-output img'));
Promise.all(imgs.map(async i => {
    const buf = await (await fetch(i.src)).arrayBuffer();
    const h = await crypto.subtle.digest('SHA-256', buf);
    return Array.from(new Uint8Array(h)).slice(0, 8).map(b => b.toString(16)).join('');
})).then(hs => done({text: node.querySelector('.jp-OutputArea') ? node.querySelector('.jp-OutputArea').innerText : '', images: hs}),
         e => done({error: String(e)}));
"""

def wait(pred, timeout:float, what:str, step:float=0.5):
    t0 = time.time()
    while time.time() - t0 < timeout:
        v = pred()
        if v: return v
        time.sleep(step)
    fail(f"timed out after {timeout:.0f} s waiting for {what}")

def widget_cells(drv, names=WIDGET_CELLS) -> dict:
    return {last: node for last, node in drv.execute_script(CELLS_JS) if last in names}

def fresh(fn, *args, tries:int=20):
    "`fn(*args)`, again when JupyterLab re-rendered the cell under us (a stale element) or it is not shown yet."
    from selenium.common.exceptions import StaleElementReferenceException
    for i in range(tries):
        try: return fn(*args)
        except (StaleElementReferenceException, KeyError):
            if i == tries - 1: raise
            time.sleep(0.5)

def node(drv, name:str):
    "The output area of the widget cell ending in `name`, looked up afresh."
    return fresh(lambda: widget_cells(drv, WIDGET_CELLS + ['wy'])[name])

def state(drv, name:str) -> dict:
    "The text of a widget cell's output and a hash of each picture it shows."
    s = fresh(lambda: drv.execute_async_script(STATE_JS, node(drv, name)))
    if 'error' in s: fail(f"could not read the pictures of '{name}': {s['error']}")
    return s

def elements(drv, name:str, css:str) -> list:
    from selenium.webdriver.common.by import By
    return fresh(lambda: node(drv, name).find_elements(By.CSS_SELECTOR, css))

def text(drv, name:str) -> str: return fresh(lambda: node(drv, name).text)

def move_slider(drv, name:str, shots:Path):
    "Type a new threshold into the slider's readout, as a reader can, and check that the widget's text or pictures change."
    from selenium.webdriver.common.keys import Keys
    readout = lambda: elements(drv, name, '.widget-slider .widget-readout')[0]
    if not elements(drv, name, '.widget-slider .widget-readout'): fail(f"the widget of cell '{name}' shows no threshold slider")
    before = state(drv, name)
    cur = float(fresh(lambda: readout().text))
    new = round(cur / 2, 3)  # down: at half the threshold a named face turns Unknown (up may change nothing: both faces of two_people.jpg are named already)
    fresh(lambda: drv.execute_script("arguments[0].scrollIntoView({block: 'center'});", readout()))
    fresh(lambda: readout().click())
    fresh(lambda: readout().send_keys(Keys.CONTROL, 'a'))
    fresh(lambda: readout().send_keys(f'{new}', Keys.ENTER))
    wait(lambda: abs(float(fresh(lambda: readout().text)) - new) < 1e-6, 10, f"the slider of '{name}' to take the value {new}")
    after = wait(lambda: (lambda s: s if s['images'] != before['images'] else None)(state(drv, name)), 20,
                 f"the pictures of '{name}' to change when its threshold moved from {cur} to {new}")
    if name.startswith('t') and after['text'] == before['text']: fail(f"the measures of '{name}' did not change with the threshold")
    drv.save_screenshot(str(shots/f'slider_{name}.png'))
    print(f"  {name}: threshold {cur} -> {new}: pictures changed" + (", measures changed" if after['text'] != before['text'] else ''))

def play_webcam(drv, shots:Path):
    "The webcam explorer without a camera: start plays the sample clip (frames change, fps shown), stop stops it."
    t = text(drv, 'wx')
    if 'No camera' not in t or 'sample clip' not in t: fail(f"the webcam explorer does not say it falls back to the sample clip: {t[:300]!r}")
    button = lambda label: next((b for b in elements(drv, 'wx', 'button.jupyter-button') if b.text.strip() == label), None)
    if not (fresh(button, 'start') and fresh(button, 'stop')): fail("the webcam explorer's start and stop buttons are missing")
    fresh(lambda: drv.execute_script("arguments[0].scrollIntoView({block: 'center'});", button('start')))
    fresh(lambda: button('start').click())
    seen = {tuple(state(drv, 'wx')['images'])}
    wait(lambda: (seen.add(tuple(state(drv, 'wx')['images'])) or len(seen) >= 4), 30, "the webcam explorer to show new frames", 0.3)
    wait(lambda: 'fps' in text(drv, 'wx'), 10, "the webcam explorer's fps line")
    drv.save_screenshot(str(shots/'webcam_playing.png'))
    fresh(lambda: button('stop').click())
    wait(lambda: 'Stopped after' in text(drv, 'wx'), 10, "the webcam explorer to say it stopped")
    print(f"  wx: played the sample clip ({len(seen)} different frames seen), stopped")

ADD_CELL_JS = """
const [code, done] = [arguments[0], arguments[arguments.length - 1]];
const nb = window.jupyterapp.shell.currentWidget.content;
nb.model.sharedModel.insertCell(nb.widgets.length, {cell_type: 'code', source: code});
nb.activeCellIndex = nb.widgets.length - 1;
window.jupyterapp.commands.execute('notebook:run-cell').then(() => done('ok'), e => done('error: ' + e));
"""
HOSTILE = "<img src=x onerror=this.id='pwned'>"
HOSTILE_CELL = f"""import tempfile, shutil
_d = Path(tempfile.mkdtemp())
shutil.copytree(REPO/'faces', _d/'faces', ignore=shutil.ignore_patterns('.*'))
(_d/'faces'/'Lin-Manuel Miranda').rename(_d/'faces'/{HOSTILE!r})
(_d/'frames').mkdir()
for i in range(30): shutil.copy(REPO/'faces'/'Lin-Manuel Miranda'/'lin-manuel-miranda.png', _d/'frames'/f'{{i:02d}}.png')
wy = WebcamExplorer(Gallery.from_folder(_d/'faces', quiet=True), source=_d/'frames')
wy.slider.value = 2.0
wy"""

def hostile_name(drv, shots:Path):
    "A person enrolled under an HTML tag for a name: shown as text in the status line, never made an element."
    from selenium.webdriver.common.by import By
    r = drv.execute_async_script(ADD_CELL_JS, HOSTILE_CELL)
    if r != 'ok': fail(f"could not add and run the hostile-gallery cell: {r}")
    wait(lambda: any(b.text.strip() == 'start' for b in elements(drv, 'wy', 'button.jupyter-button')), 60, "the hostile gallery's explorer")
    button = lambda label: next((b for b in elements(drv, 'wy', 'button.jupyter-button') if b.text.strip() == label), None)
    fresh(lambda: drv.execute_script("arguments[0].scrollIntoView({block: 'center'});", button('start')))
    fresh(lambda: button('start').click())
    status = lambda: ' '.join(e.text for e in elements(drv, 'wy', '.jp-OutputArea .widget-html'))  # the status line alone
    wait(lambda: HOSTILE in status(), 40, f"the status line to name the face {HOSTILE!r} as text (it shows {status()!r})")
    drv.save_screenshot(str(shots/'hostile_name.png'))
    if drv.execute_script("return document.getElementById('pwned') !== null"): fail("the hostile name's onerror handler ran in the page")
    if fresh(lambda: node(drv, 'wy').find_elements(By.CSS_SELECTOR, 'img[src="x"]')): fail("the hostile name became an <img> element")
    fresh(lambda: button('stop').click())
    print(f"  wy: a person named {HOSTILE!r} is shown as text; no element made, no script run")

CHECK_CELL = """import json as _json
print(_json.dumps(dict(named=len(list((work/'faces'/'Browser Named').glob('*.jpg'))),
                       groups={g: len(c) for g, c in gn.edits.groups().items()},
                       enrolled='Browser Named' in Gallery.from_folder(work/'faces', quiet=True).names)))
gcheck = 1
gcheck"""

def files_now(drv) -> dict:
    "Run a cell that reads the groups folder and the gallery from disk; what it found."
    import json
    r = drv.execute_async_script(ADD_CELL_JS, CHECK_CELL)
    if r != 'ok': fail(f"could not run the file check cell: {r}")
    def found():
        cells = [outs for last, count, outs in drv.execute_script(OUTPUTS_JS) if last == 'gcheck']
        if not cells: return None
        for o in cells[-1]:
            if o.get('output_type') == 'error': fail(f"the file check cell failed: {o.get('ename')}: {o.get('evalue')}")
            if o.get('output_type') == 'stream': return json.loads(''.join(o['text']).strip().splitlines()[-1])
    return wait(found, 60, "the file check cell's answer")

def name_groups(drv, shots:Path):
    "The group namer as a reader uses it: name the largest group, merge two, undo both; the files follow each step."
    import re
    from selenium.webdriver.support.ui import Select
    labels = lambda: [m.groups() for e in elements(drv, 'gn', '.widget-label')
                      if (m := re.fullmatch(r'(.+) \((\d+) faces\)', e.text.strip()))]
    button = lambda label: next(b for b in elements(drv, 'gn', 'button.jupyter-button') if b.text.strip() == label)
    click = lambda el: (drv.execute_script("arguments[0].scrollIntoView({block: 'center'});", el), el.click())
    start = files_now(drv)
    (g1, n1), (g2, n2), (g3, n3) = [(g, int(n)) for g, n in fresh(labels)[:3]]
    if start['groups'].get(g1) != n1: fail(f"the namer shows {g1} with {n1} faces, the folder holds {start['groups'].get(g1)}")
    box = fresh(lambda: elements(drv, 'gn', 'input[type=text]')[0])
    click(box); box.send_keys('Browser Named')
    fresh(lambda: click(button('name')))
    wait(lambda: 'moved into the gallery as Browser Named' in text(drv, 'gn'), 30, "the status line to say the group was named")
    after = files_now(drv)
    if after['named'] != n1 or g1 in after['groups'] or not after['enrolled']:
        fail(f"after naming {g1} ({n1} faces): the gallery folder holds {after['named']}, groups {after['groups']}, enrolled {after['enrolled']}")
    drv.save_screenshot(str(shots/'groups_named.png'))
    fresh(lambda: Select(elements(drv, 'gn', 'select')[0]).select_by_visible_text(g3))  # the first row is now g2
    fresh(lambda: click(button('merge into')))
    wait(lambda: f'{g2} merged into {g3}' in text(drv, 'gn'), 30, "the status line to say the groups were merged")
    merged = files_now(drv)
    if merged['groups'].get(g3) != n2 + n3 or g2 in merged['groups']: fail(f"after merging {g2} into {g3}: groups {merged['groups']}")
    for said in (f'undid: {g2} merged into {g3}', f'undid: {g1}: {n1} faces moved'):
        fresh(lambda: click(button('undo')))
        wait(lambda: said in text(drv, 'gn'), 30, f"the status line to say {said!r}")
    back = files_now(drv)
    if back['groups'] != start['groups'] or back['named'] != 0: fail(f"after two undos: groups {back['groups']}, named {back['named']}; expected {start['groups']}")
    drv.save_screenshot(str(shots/'groups_undone.png'))
    print(f"  gn: named {g1} ({n1} faces, found in the gallery), merged {g2} into {g3}, undid both: the files followed each step")

def break_slider(nb_path:Path):
    "In the copy: the threshold explorer's slider calls nothing, and the notebook's own check of it is gone."
    import json
    nb = json.loads(nb_path.read_text())
    good = "self.slider.observe(lambda ch: self.update(), names='value')"
    for c in nb['cells']:
        src = ''.join(c['source'])
        if 'class ThresholdExplorer(' in src and good in src: c['source'] = src.replace(good, "self.slider.observe(lambda ch: None, names='value')")
    nb['cells'] = [c for c in nb['cells'] if 'te.slider.value = te.slider.min' not in ''.join(c['source'])]
    nb_path.write_text(json.dumps(nb))

def main(broken:bool=False) -> Path:
    for exe in (CHROMIUM, DRIVER):
        if not Path(exe).exists(): fail(f"{exe} is missing: apt-get install chromium chromium-driver")
    shots = Path(tempfile.mkdtemp(prefix='facerecog-browser-'))
    work = shots/'book'
    shutil.copytree(ROOT/'nbs', work/'nbs')
    for d in ('faces', 'assets', 'benchmarks'): (work/d).symlink_to(ROOT/d)  # what the notebooks read beside them
    if broken: break_slider(work/NOTEBOOK)
    port, token = free_port(), secrets.token_hex(16)
    log = open(shots/'jupyterlab.log', 'w')
    lab, drv, t0 = start_lab(work, port, token, log), None, time.time()
    try:
        drv = browser()
        drv.get(f'http://127.0.0.1:{port}/lab/tree/{NOTEBOOK}?token={token}')
        wait(lambda: drv.execute_script(READY_JS), 90, "JupyterLab to open the notebook with an idle kernel")
        # 1. opened, not run: the saved pictures
        time.sleep(2)
        cells = sorted(fresh(widget_cells, drv))
        if cells != sorted(WIDGET_CELLS): fail(f"widget cells found: {cells}, expected {WIDGET_CELLS}")
        for name in cells:
            if 'Error displaying widget' in text(drv, name): fail(f"cell '{name}' shows 'Error displaying widget' before running")
            if not state(drv, name)['images']: fail(f"cell '{name}' shows no picture before the notebook runs")
        drv.save_screenshot(str(shots/'opened.png'))
        print(f"opened, not run: {len(cells)} widget cells show their saved pictures")
        # 2. Run All
        r = drv.execute_async_script(RUN_ALL_JS)
        if r != 'ok': fail(f"Run All: {r}")
        wait(lambda: drv.execute_script(READY_JS), 300, "Run All to finish")
        for last, count, outs in drv.execute_script(OUTPUTS_JS):
            for o in outs:
                if o.get('output_type') == 'error': fail(f"the cell ending in '{last}' failed after Run All: {o.get('ename')}: {o.get('evalue')}")
                if last in WIDGET_CELLS and o.get('output_type') == 'stream' and o.get('name') == 'stderr':
                    fail(f"the widget cell '{last}' wrote to stderr: {''.join(o.get('text', ''))[:300]!r}")
            if count is None: fail(f"the cell ending in '{last}' did not run in Run All")
        drv.save_screenshot(str(shots/'run_all.png'))
        print(f"Run All: every cell ran, no error ({time.time() - t0:.0f} s so far)")
        # 3. sliders, 4. webcam
        for name in ('te', 'tf', 'lt'): move_slider(drv, name, shots)
        play_webcam(drv, shots)
        hostile_name(drv, shots)
        name_groups(drv, shots)
        for last, count, outs in drv.execute_script(OUTPUTS_JS):
            for o in outs:
                if o.get('output_type') == 'error' or (o.get('name') == 'stderr' and last in WIDGET_CELLS):
                    fail(f"after moving the sliders, the cell ending in '{last}' shows: {str(o)[:300]}")
        print(f"browser test passed in {time.time() - t0:.0f} s; screenshots in {shots}")
    finally:
        if drv is not None: drv.quit()
        lab.terminate()
        try: lab.wait(10)
        except subprocess.TimeoutExpired: lab.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    return shots

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--break-slider', action='store_true', help="break the explorer's slider callback in the copy: the test must fail")
    main(ap.parse_args().break_slider)
