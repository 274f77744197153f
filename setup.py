# Metadata lives in pyproject.toml. This shim exists for scrapyd-deploy, which builds the project's
# egg with `setup.py bdist_egg`.
from setuptools import setup

setup()
