"""The `chitieu` command: Django's management commands with chitieu's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["chitieu", *sys.argv[1:]])


if __name__ == "__main__":
    main()
