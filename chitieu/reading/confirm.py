"""The office's step after drafting: confirm draft targets and tasks read from documents."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from chitieu.errors import Invalid
from chitieu.org import access
from chitieu.plans.models import Target
from chitieu.reading.models import stamp
from chitieu.tasks.models import Task


def confirm_targets(targets: Iterable[Target], *, user: Any) -> int:
    """Confirm draft targets (set `confirmed`), each checked by its own rules; return how many
    changed. Office admins only (Forbidden otherwise); in one transaction, so one target that
    fails its checks (Invalid, keyed "chỉ tiêu N.field") confirms none."""
    access.require(access.can_manage(user), "Chỉ Văn phòng được xác nhận chỉ tiêu.")
    errors: dict[str, str] = {}
    count = 0
    with transaction.atomic():
        for target in targets:
            if target.confirmed:
                continue
            try:
                target.full_clean()
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors[f"chỉ tiêu {target.number}.{name}"] = " ".join(messages)
                continue
            target.confirmed = True
            stamp(target, user, "Xác nhận chỉ tiêu đọc từ văn bản")
            target.save()
            count += 1
        if errors:
            raise Invalid("Chưa xác nhận chỉ tiêu nào.", errors)
    return count


def confirm_tasks(tasks: Iterable[Task], *, user: Any) -> int:
    """Confirm draft tasks so they appear in task lists; return how many changed. Office
    admins only (Forbidden otherwise); one transaction."""
    access.require(access.can_manage(user), "Chỉ Văn phòng được xác nhận nhiệm vụ.")
    count = 0
    with transaction.atomic():
        for task in tasks:
            if task.confirmed:
                continue
            task.confirmed = True
            stamp(task, user, "Xác nhận nhiệm vụ đọc từ văn bản")
            task.save()
            count += 1
    return count
