"""Relief Desk (救助工作台): social-assistance case management."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("relief-desk")
except PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"
