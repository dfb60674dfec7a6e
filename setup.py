"""The top-level ``resources/`` (fonts, the OpenAPI document) installs as the package data
``pos_client/resources``: the one thing setup.cfg cannot say (a package outside its
parent's folder). Everything else is in setup.cfg."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pos_client", "pos_client.*",
                                      "central_sim", "central_sim.*",
                                      "pcpos_sim", "pcpos_sim.*"]),
              "pos_client.resources"],
    package_dir={"pos_client.resources": "resources"},
    package_data={"pos_client.resources": ["*.yaml", "fonts/*"]},
)
