"""Entry point of the frozen program (PyInstaller): the same as ``relief-desk``."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
