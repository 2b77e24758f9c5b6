"""The `chitieu` command: Django's management commands with chitieu's settings.

A person at a terminal should not need a web secret to read a text or print a review, so:
- `chitieu demo` runs in demo mode (CHITIEU_DEMO=1) unless the environment says otherwise;
- other terminal commands without CHITIEU_SECRET_KEY get a random secret that lives only as
  long as the process (nothing they sign outlives it); the commands that serve pages
  (`runserver`, and `demo` when told CHITIEU_DEMO=0) keep the strict start-up check;
- a misconfiguration is one Vietnamese line on stderr and exit code 2, never a traceback;
- a wrong call (a missing or unknown option) is answered in Vietnamese (chitieu.cli_messages).
"""

import errno
import os
import sys

#: Commands that answer web requests: their sessions and CSRF tokens need a real secret.
SERVING_COMMANDS = frozenset({"runserver", "testserver"})


def prepare_environment(argv: list[str], env: dict[str, str]) -> None:
    """Set the defaults `argv` implies in `env` (os.environ in use); values already set win."""
    env.setdefault("DJANGO_SETTINGS_MODULE", "chitieu.settings")
    command = argv[1] if len(argv) > 1 else ""
    if command == "demo":
        env.setdefault("CHITIEU_DEMO", "1")
    elif command not in SERVING_COMMANDS and not env.get("CHITIEU_SECRET_KEY"):
        env.setdefault("CHITIEU_EPHEMERAL_SECRET", "1")


def main() -> None:
    prepare_environment(sys.argv, os.environ)  # type: ignore[arg-type]
    from chitieu.cli_messages import install

    install()
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["chitieu", *sys.argv[1:]])
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Lỗi cấu hình: {exc}\n")
        sys.exit(2)
    except OSError as exc:
        sys.stderr.write(f"Lỗi: {file_problem(exc)}\n")
        sys.exit(1)
    except Exception as exc:
        if "--traceback" in sys.argv:
            raise
        sys.stderr.write(
            f"Lỗi không lường trước ({exc.__class__.__name__}): {exc}. "
            "Chạy lại với --traceback để xem chi tiết và báo cho Văn phòng.\n"
        )
        sys.exit(1)


#: Why a file could not be read or written, by errno, in Vietnamese.
_FILE_REASONS = {
    errno.ENOENT: "không có thư mục hoặc tệp này",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
}


def file_problem(exc: OSError) -> str:
    """"không ghi được «/nonexistent/x.xlsx»: không có thư mục hoặc tệp này" for `exc`."""
    reason = _FILE_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    where = f" «{exc.filename}»" if exc.filename else ""
    return f"không đọc hoặc ghi được tệp{where}: {reason}."


if __name__ == "__main__":
    main()
