__version__ = "0.1.0"

# The main names at the top level, `from facerecog import Gallery, load_image, ...`, imported on first use (PEP 562) so that
# `import facerecog` (and the command-line tools, which live in facerecog.cli) stay light: torch and OpenCV load only when needed.
# Submodule names (train, demo...) are not listed: they are the modules themselves. This file is written by hand (nbdev writes the modules, not the package's __init__); nbs/index.ipynb tests it.
_LAZY = {
    'load_image': 'files', 'cache_home': 'files', 'atomic_write': 'files', 'download_lfw': 'data',
    'Face': 'faces', 'detect_faces': 'faces', 'align_face': 'faces', 'YuNetDetector': 'faces', 'YoloDetector': 'faces', 'prepare_lfw': 'faces',
    'SiameseNet': 'model', 'load_model': 'model', 'save_model': 'model',
    'FacePipeline': 'pipeline', 'set_threads': 'pipeline',
    'TrainConfig': 'config', 'PRESETS': 'config', 'RecogConfig': 'config',
    'Gallery': 'gallery', 'Match': 'gallery', 'UNKNOWN': 'gallery',
    'Tracker': 'demo', 'annotate': 'demo', 'run_video': 'demo', 'identify_paths': 'gallery',
    'cluster_folder': 'cluster', 'collect_faces': 'cluster', 'cluster_faces': 'cluster', 'GroupEdits': 'cluster',
}
__all__ = ['__version__', *_LAZY]

def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f'facerecog.{_LAZY[name]}'), name)
    raise AttributeError(f"module 'facerecog' has no attribute {name!r}")

def __dir__(): return sorted(__all__)
