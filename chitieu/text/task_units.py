"""Who a duty is given to: the lead unit (đơn vị chủ trì) of a task, read from the clause's
structure rather than from a list of names.

A duty's clause is [assignment] subject predicate: "Giao | Sở Xây dựng | chủ trì, phối hợp
với ... hoàn thiện hồ sơ ...". The subject is a noun phrase opened by an agent noun (a capitalised
body "Sở", "Ban", "UBND", "Trường" ..., a plural of bodies "các xã", "Các cấp ủy", a count of
them "37 địa phương") and closed where the predicate opens: at a predicate marker ("chủ trì",
"phối hợp", "có trách nhiệm", "phải", "cũng" ...) or at a lower-case duty verb that follows a word
that can end a name (a level "tỉnh", "xã", a capitalised word, "trực thuộc", "còn lại" ...). A
name keeps the verbs inside it ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông
tỉnh", "Ban Xây dựng Đảng"), since neither follows a name's end.

Where a clause has no subject of its own, `LEAD_UNIT_RULES` say where else the text names the
unit, in order: a bracket after the duty ("(Phòng Kinh tế chủ trì)", "(giao Ban Quản lý dự án
phường)"), the subject of its sentence shared by several predicates ("X chỉ đạo ...; trong quý IV
báo cáo ..."), the unit heading of its list ("1. Sở Tài chính" over "- Chủ trì ...").

Pure standard library.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Bodies that can be given a duty, capitalised as names are ("Sở Tài chính", "Ban cán sự đảng").
_BODY = (
    r"UBND|HĐND|MTTQ|BCĐ|Ủy ban|Uỷ ban|Sở|Ban(?! hành)|Phòng|Văn phòng|Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Đảng bộ|Đảng đoàn"
    r"|Chi bộ|Công an|Bộ|Cục|Chi cục|Trung tâm|Hội(?! nghị| thảo)|Đoàn(?! kết)|Mặt trận|Liên đoàn|Kho bạc|Chi nhánh|Ngân hàng|Trường|Trạm|Hội đồng"
    r"|Cơ quan|Tổ(?! chức| quốc)|Đội|Bệnh viện|Bảo hiểm|Thủ trưởng|Giám đốc|Chủ tịch|Trưởng|Công chức|Cấp ủy|Viện|Tòa án|Toà án|Đài|Quỹ"
    r"|Tổng công ty|Công ty|Hợp tác xã|Chính phủ|Thường trực|Thủ tướng|Lực lượng|Ban Chỉ đạo|Ban chỉ đạo|Bí thư|Phó\s\w+|Ủy viên|Uỷ viên|Bộ phận|bộ phận|[Cc]hủ đầu tư|[Nn]hà thầu"
    # A person by their office: "đồng chí Phó Bí thư, Chủ tịch UBND phường".
    r"|[Đđ]ồng chí\s"
)
# Plural or counted bodies: "các sở, ngành", "Các chi bộ thôn", "những nơi còn lại", "20 địa phương".
_GROUP = (
    r"sở|ngành|địa phương|chi bộ|đảng bộ|đơn vị|cơ quan|bộ|xã|phường|huyện|thôn|tổ chức|cấp ủy|cấp uỷ|chủ đầu tư|doanh nghiệp|trường|ban|hội"
    r"|đoàn thể|tổ|ủy ban|uỷ ban|trạm|tỉnh|thành phố|nơi|lực lượng|thủ trưởng|nhà trường|hợp tác xã|bệnh viện|cơ sở|trung tâm|phòng"
    r"|chi nhánh|ngân hàng|đài|báo|cơ quan báo chí|ban quản lý|thành viên|đại biểu|đảng viên|cán bộ|chủ tịch|giám đốc|bí thư|hộ|đồng chí|bộ phận|nhà thầu"
)
AGENT = re.compile(rf"(?:{_BODY})\b|(?:[Cc]ác|[Nn]hững|[Mm]ỗi|\d+)\s+(?i:{_GROUP})\b|(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s")
# What opens the predicate whatever word comes before it.
_MARKER = (
    r"chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|cần|phải|khẩn trương|tập trung|tiếp tục|sẽ|cũng|đang|dự kiến|phấn đấu|xác định"
    r"|thống nhất|quyết định|được chọn|nghiêm túc|chủ động|kịp thời"
    # A body that directs others: "UBND huyện yêu cầu triển khai ..." (no agent after it).
    r"|yêu cầu|đề nghị"
    # Adjuncts that open the predicate: "Các phòng căn cứ nhiệm vụ được giao xây dựng ...",
    # "Văn phòng Đảng ủy giúp Ban Thường vụ theo dõi ...".
    r"|căn cứ|theo chức năng|theo thẩm quyền|trong phạm vi|giúp|sớm"
)
# Duty verbs: what the subject does. A closed class of the verbs directives use.
DUTY_VERBS = (
    r"hoàn thành|hoàn tất|hoàn thiện|xong|thành lập|triển khai|xây dựng|xây mới|ban hành|trình|báo cáo|khởi công|đưa|bàn giao|tổ chức|nghiên cứu"
    r"|lập|rà soát|giải ngân|thực hiện|đầu tư|cấp|chuẩn bị|kiểm tra|giải quyết|tham mưu|sắp xếp|kiện toàn|xóa|xoá|hỗ trợ|phân bổ|khánh thành"
    r"|quán triệt|mở|hướng dẫn|vận động|đẩy nhanh|đẩy mạnh|tăng cường|bảo đảm|đảm bảo|cân đối|bố trí|theo dõi|đôn đốc|tổng hợp|lãnh đạo"
    r"|chỉ đạo|xử lý|sửa đổi|bổ sung|điều chỉnh|cập nhật|kết nối|tập huấn|tuyên truyền|phổ biến|số hóa|số hoá|lắp đặt|cải tạo|sửa chữa"
    r"|nâng cấp|di dời|thu hồi|bồi thường|đo đạc|phê duyệt|thẩm định|ký kết|vận hành|duy trì|nhận xét|đánh giá|sơ kết|tổng kết|hiệp thương"
    r"|niêm yết|ra quân|ra mắt|làm sạch|đề xuất|tiếp nhận|phát động|biên soạn|gửi|nộp|hoàn chỉnh|ứng dụng|chuyển đổi|ra soát|giám sát"
)
_PREDICATE = re.compile(rf"(?<!\w)(?:({_MARKER})|({DUTY_VERBS}))(?!\w)")
# Words that can end a name: levels and places, a body's own end, a demonstrative.
_NAME_END = re.compile(
    r"(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu|thôn|bản|ấp|tổ dân phố|khu phố|Trung ương|quốc gia|ủy|uỷ|đảng|này"
    r"|còn lại|trực thuộc|liên quan|địa phương|ngành|đơn vị|cơ quan|chủ đầu tư|doanh nghiệp|nơi|lực lượng"
    # Bodies named by their function ("Tổ bầu cử", "Cơ quan lập danh sách cử tri") or by the
    # kind of place they serve ("UBND các xã ven biển", "các huyện miền núi").
    r"|bầu cử|cử tri|ven biển|biên giới|miền núi|vùng cao|trọng điểm|địa bàn|lĩnh vực|nhà thầu)$"
)
# "chỉ đạo X làm ..." is no assignment: the one who directs leads ("Chỉ đạo bộ phận chuyên môn
# cập nhật ..." is the addressee's duty).
_ASSIGN = re.compile(r"(?<!\w)(?:giao nhiệm vụ cho|giao|yêu cầu|đề nghị)\s{1,3}(?:cho\s{1,3})?", re.IGNORECASE)
_ANY_NP = re.compile(r"(?:[Cc]ác\s|[Nn]hững\s)?\w+")
_EXISTS = re.compile(r"(?:có|còn)\s+(?=\d)")
_MAX_WORDS = 20
_DOCUMENT = re.compile(
    r"(?:Thông tư|Nghị quyết|Nghị định|Quyết định|Kế hoạch|Đề án|Chỉ thị|Chương trình|Luật|Kết luận|Thông báo|Công văn|Báo cáo|Dự án|Quy hoạch)$"
)
_WORD_AFTER = re.compile(r"(?<=\s)\w+")
_NP_GOES_ON = re.compile(r"(?:của|và|các|thuộc|trực|còn|có|liên|cùng|ven|vùng|khu|cấp|tại|trên|thôn|xã|phường|tỉnh|huyện|địa|đặc|thị|thành)$")
_WHOLE_HEADS = frozenset(["Chính phủ", "Thủ tướng", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy"])


def _ends_name(before: str) -> bool:
    """True when `before` (the subject so far) ends where a name can end: a level or a body's
    end ("... tỉnh", "... Tỉnh ủy", "... trực thuộc"), a capitalised word or acronym ("Sở Y tế
    Đồng Tháp", "UBND"), or the second syllable of a capitalised word ("Sở Xây dựng")."""
    words = before.split()
    if not words or before.rstrip()[-1:] in ",;:-–":
        return False
    if _NAME_END.search(before.rstrip()):
        return True
    if _DOCUMENT.search(before.rstrip()):
        return False  # "dự thảo Thông tư | hướng dẫn ...": a document is an object, no agent's end
    return words[-1][:1].isupper() or (len(words) >= 2 and words[-2][:1].isupper() and words[-1].islower())


@dataclass(frozen=True)
class Subject:
    """A clause's subject at [start, end) of the clause text, and where its predicate opens."""

    start: int
    end: int
    predicate: int


def subject_of(clause: str, whole: bool = False) -> Subject | None:
    """The subject of a duty's clause, or None when no agent opens it. With `whole`, a clause
    with no predicate ("Sở X " before "hoàn thành trong quý III") is all subject.

    "Giao Sở Xây dựng chủ trì, ..." -> "Sở Xây dựng"; "Kết luận hội nghị, Chủ tịch UBND tỉnh yêu cầu
    các xã, phường còn nhà chưa khởi công phải khởi công ..." -> "các xã, phường còn nhà chưa
    khởi công"; "có 20 địa phương xác định ..." -> "20 địa phương"; "Tổ chức tổng kết ..." -> None.
    """
    at = len(clause) - len(clause.lstrip(" ,-–+•*\t"))
    g = _ASSIGN.search(clause, 0, min(len(clause), at + 160))
    opens = g is not None and g.start() <= at + 1 and g.group().lower().startswith("giao")
    if g is not None and (AGENT.match(clause, g.end()) or opens):
        at = g.end()
    ex = _EXISTS.match(clause, at)
    if ex is not None:
        at = ex.end()
    m = AGENT.match(clause, at)
    # Whatever follows "Giao" opening a clause is given the duty, an agent noun or not ("Giao
    # công chức Văn hóa - Xã hội phối hợp ...").
    if m is None and opens:
        m = _ANY_NP.match(clause, at)
    if m is None:
        return None
    stop = re.compile(r"[;:.!?\n(]").search(clause, m.end())
    limit = stop.start() if stop and not re.match(r"\.\d", clause[stop.start() : stop.start() + 2]) else len(clause)
    # A body's head alone ("Cơ quan", "Ban") is no name: "Cơ quan lập danh sách cử tri".
    bare_head = m.group()[:1].isupper() and not re.match(r"Các|Những|Mỗi", m.group()) and not m.group().strip().isupper() and m.group().strip() not in _WHOLE_HEADS
    # The predicate opens at a predicate marker or at a duty verb after a word that can end a
    # name; failing that, at a level or a body's end followed by a lower-case word that does
    # not continue a noun phrase, whatever verb follows ("Các Ban của HĐND tỉnh | thẩm tra
    # ..."). A marker after a comma opens a later predicate of a series: the end of a name
    # before it is the subject's ("chủ đầu tư và nhà thầu | tăng ca, tăng kíp, phấn đấu ...").
    split = _at_predicate(clause, at, m, limit, bare_head)
    if split is None or clause[:split].rstrip().endswith(","):
        name_end = _at_name_end(clause, at, m, limit)
        if name_end is not None and (split is None or name_end < split):
            split = name_end
    if split is not None:
        return Subject(at, at + len(clause[at:split].rstrip(" ,")), split)
    # Nor that: the first lower-case duty verb after the agent ("Cục Quản lý Khám, chữa bệnh |
    # hoàn thiện dự thảo Thông tư ...").
    for p in _PREDICATE.finditer(clause, m.end(), limit):
        before = clause[at : p.start()]
        if len(before.split()) > _MAX_WORDS:
            break
        if p.group(2) and clause[p.start()].islower() and before.rstrip()[-1:] not in ",;:-–" and not (bare_head and not clause[m.end() : p.start()].strip()):
            return Subject(at, at + len(before.rstrip(" ,")), p.start())
    tail = clause[at:limit].rstrip(" ,")
    if whole and limit == len(clause) and 0 < len(tail.split()) <= 12:
        return Subject(at, at + len(tail), len(clause))
    return None


def _at_predicate(clause: str, at: int, m: re.Match[str], limit: int, bare_head: bool) -> int | None:
    for p in _PREDICATE.finditer(clause, m.end(), limit):
        before = clause[at : p.start()]
        if bare_head and not clause[m.end() : p.start()].strip():
            continue
        if len(before.split()) > _MAX_WORDS:
            return None
        if p.group(1) or (clause[p.start()].islower() and _ends_name(before)):
            return p.start()
    return None


def _at_name_end(clause: str, at: int, m: re.Match[str], limit: int) -> int | None:
    for w in _WORD_AFTER.finditer(clause, m.end(), limit):
        before = clause[at : w.start()]
        if len(before.split()) > _MAX_WORDS:
            return None
        # Only a level or a body's end ends it here: after a capital the lower-case word may be
        # the name's own second syllable ("Sở Kế | hoạch và Đầu tư").
        if w.group()[:1].islower() and not _NP_GOES_ON.match(w.group()) and _NAME_END.search(before.rstrip()) and _ends_name(before):
            return w.start()
    return None


_PARTNER = re.compile(r"(?:chủ trì|và|,|\s)*phối hợp(?:\s+(?:chặt chẽ\s+)?(?:với|cùng))?\s+", re.IGNORECASE)
_OPENERS = re.compile(
    r"^(?:(?:chủ trì|có trách nhiệm|chịu trách nhiệm|cần|phải|khẩn trương|tập trung|tiếp tục|sẽ|cũng|đang|chủ động|nghiêm túc|kịp thời"
    r"|chỉ đạo|lãnh đạo|được giao|thực hiện|và|để|yêu cầu|đề nghị|sớm|phấn đấu)(?:[\s,]+|$))+",
    re.IGNORECASE,
)


_ADJUNCT = re.compile(r"(?:căn cứ|theo chức năng|theo thẩm quyền|trong phạm vi)\s", re.IGNORECASE)


def duty_words(predicate: str) -> str:
    """The duty in a predicate, without the lead's role and its partners: "chủ trì, phối hợp
    với Công an xã xây dựng phương án ..." -> "xây dựng phương án ..."; "chỉ đạo hoàn thành đo
    đạc" -> "hoàn thành đo đạc". A directing verb with no duty after it stays."""
    rest = predicate.lstrip(" ,")
    p = _PARTNER.match(rest)
    if p is not None:
        # The partners are a noun phrase closed like a subject: at the next predicate.
        for v in _PREDICATE.finditer(rest, p.end(), min(len(rest), p.end() + 200)):
            if v.group(1) or (rest[v.start()].islower() and _ends_name(rest[p.end() : v.start()])):
                rest = rest[v.start() :]
                break
    # An adjunct before the duty ("căn cứ nhiệm vụ được giao xây dựng ...") is no part of it.
    adjunct = _ADJUNCT.match(rest)
    if adjunct is not None:
        verb = next((v for v in _PREDICATE.finditer(rest, adjunct.end(), min(len(rest), adjunct.end() + 120)) if v.group(2)), None)
        if verb is not None:
            rest = rest[verb.start() :]
    return _OPENERS.sub("", rest) or rest


# ---- where else the unit is named ------------------------------------------------------


@dataclass(frozen=True)
class UnitContext:
    """What a unit rule needs: the text, the task's span [start, end) and its clause's start."""

    text: str
    start: int
    end: int
    clause_start: int


@dataclass(frozen=True)
class UnitRule:
    """A named place a duty's lead unit is written when its clause has none, with examples
    (text, the unit; tests/unit/test_text_tasks.py reads them)."""

    name: str
    find: Callable[[UnitContext], tuple[str, int] | None]  # (unit, the task's new end)
    examples: tuple[tuple[str, str], ...]


_BRACKET = re.compile(r"[ \t]*\(([^()\n]{3,160})\)")
_BRACKET_LEAD = re.compile(r"(?:giao|đơn vị chủ trì|cơ quan chủ trì|chủ trì|đơn vị thực hiện|đơn vị)\s*:?\s*", re.IGNORECASE)
_BRACKET_ROLE = re.compile(r"\s(?:chủ trì|thực hiện|phối hợp)\b|[;]")


def _bracket(c: UnitContext) -> tuple[str, int] | None:
    m = _BRACKET.match(c.text, c.end)
    if m is None:
        return None
    body = m.group(1).strip()
    lead = _BRACKET_LEAD.match(body)
    if lead is not None:
        body = body[lead.end() :]
    agent = AGENT.match(body)
    if agent is None or _DIGIT.search(body):
        return None
    # A bracket that says what someone does is a clause of its own, not a unit's name:
    # "(Đảng bộ xã Tam Thái được chọn tổ chức đại hội điểm, ...)".
    if any(v.group(2) and body[v.start()].islower() for v in _PREDICATE.finditer(body, agent.end())):
        return None
    role = _BRACKET_ROLE.search(body)
    unit = body[: role.start()] if role else body
    return unit.strip(" ,"), m.end()


_DIGIT = re.compile(r"\d")
_SENTENCE_BREAK = re.compile(r"(?:\.(?!\d)|[!?\n])\s*")


def _shared_subject(c: UnitContext) -> tuple[str, int] | None:
    lo = max(0, c.clause_start - 400)
    start = lo
    for m in _SENTENCE_BREAK.finditer(c.text, lo, c.clause_start):
        start = m.end()
    if start >= c.clause_start:
        return None
    sentence = c.text[start : c.clause_start]
    s = subject_of(re.sub(r"^(?:[-+•*]|\d{1,2}[.)]|[a-zđ][.)])\s*", lambda x: " " * len(x.group()), sentence))
    if s is None:
        return None
    return sentence[s.start : s.end], c.end


_MARKER_LINE = re.compile(r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVX]{1,5}\.)[ \t]*")
_SECTION = re.compile(r"^[ \t]*[IVX]{1,5}\.")


def _heading(c: UnitContext) -> tuple[str, int] | None:
    line_start = c.text.rfind("\n", 0, c.start) + 1
    if _MARKER_LINE.match(c.text, line_start):
        return None  # the duty opens its own numbered item: no heading above it is its unit
    pos = line_start
    floor = max(0, line_start - 3000)  # a list's heading is near: look back 30 lines, 3000 characters
    for _ in range(30):
        if pos <= floor:
            return None
        prev_start = max(c.text.rfind("\n", floor, pos - 1) + 1, floor)
        line = c.text[prev_start : pos - 1]
        pos = prev_start
        marker = _MARKER_LINE.match(line)
        if marker is None:
            continue
        if _SECTION.match(line):
            return None
        head = line[marker.end() :].strip().rstrip(":").strip()
        if head.lower().startswith("đối với "):
            head = head[8:]
        agent = AGENT.match(head)
        if agent is not None and len(head.split()) <= 12 and not _PREDICATE.search(head, agent.end()):
            return head, c.end
        return None
    return None


_UNIT_COLON = re.compile(r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[-–+•*])?[ \t]*([^:\n]{2,120}?)[ \t]*:[ \t]*")


def _unit_colon(c: UnitContext) -> tuple[str, int] | None:
    line_start = c.text.rfind("\n", 0, c.start) + 1
    m = _UNIT_COLON.fullmatch(c.text, line_start, c.start)
    if m is None:
        return None
    head = m.group(1).strip()
    agent = AGENT.match(head)
    if agent is None or len(head.split()) > 12 or _PREDICATE.search(head, agent.end()):
        return None
    return head, c.end


def _lead_in(c: UnitContext) -> tuple[str, int] | None:
    """The addressee of the sentence that opens a list: "UBND xã đề nghị Thủ trưởng các cơ quan,
    đơn vị:" over "1. Rà soát ...", "2. Chỉ đạo ...". Walks up over the list's items only."""
    pos = c.text.rfind("\n", 0, c.start) + 1
    floor = max(0, pos - 3000)
    for _ in range(30):
        if pos <= floor:
            return None
        prev_start = max(c.text.rfind("\n", floor, pos - 1) + 1, floor)
        line = c.text[prev_start : pos - 1].strip()
        pos = prev_start
        if _MARKER_LINE.match(line) and not line.endswith(":"):
            continue  # an earlier item of the same list
        if not line.endswith(":"):
            return None
        # The last directing verb before the colon addresses the list.
        g = next(reversed(list(_ASSIGN.finditer(line))), None)
        if g is not None:
            unit = line[g.end() : -1].strip(" ,")
            return (unit, c.end) if 0 < len(unit.split()) <= 12 and not _PREDICATE.search(unit) else None
        s = subject_of(line[:-1])
        return (line[s.start : s.end], c.end) if s is not None else None
    return None


LEAD_UNIT_RULES: tuple[UnitRule, ...] = (
    UnitRule(
        "the unit before a colon opening the line",
        _unit_colon,
        (("5. Sở Tư pháp: chủ trì thẩm định dự thảo Nghị quyết, hoàn thành trước ngày 10/5/2026.", "Sở Tư pháp"),),
    ),
    UnitRule(
        "a bracket after the duty",
        _bracket,
        (
            ("1. Rà soát danh mục các tuyến phố, xong trước ngày 31/3/2026 (Phòng Kinh tế, Hạ tầng và Đô thị chủ trì).", "Phòng Kinh tế, Hạ tầng và Đô thị"),
            ("3. Lắp đặt hệ thống chiếu sáng, hoàn thành trong quý II/2026 (giao Ban Quản lý dự án phường).", "Ban Quản lý dự án phường"),
        ),
    ),
    UnitRule(
        "the subject its sentence's predicates share",
        _shared_subject,
        (("Ban cán sự đảng UBND tỉnh chỉ đạo xử lý dứt điểm các dự án chậm tiến độ; trong quý IV/2025 báo cáo kết quả rà soát.", "Ban cán sự đảng UBND tỉnh"),),
    ),
    UnitRule(
        "the unit heading of its list",
        _heading,
        (("1. Sở Tài chính\n- Chủ trì tham mưu điều chuyển vốn của các dự án chậm giải ngân, xong trước 30/6/2026.", "Sở Tài chính"),),
    ),
    UnitRule(
        "the addressee of the list's lead-in",
        _lead_in,
        (
            (
                "UBND xã đề nghị Thủ trưởng các cơ quan, đơn vị:\n1. Rà soát danh sách cán bộ, gửi về Phòng Nội vụ chậm nhất ngày 10/4/2026.",
                "Thủ trưởng các cơ quan, đơn vị",
            ),
        ),
    ),
)


_DEMONSTRATIVE = re.compile(r"(?:[Cc]ác|[Nn]hững)\s+(.{2,30}?)\s+(?:này|trên|nói trên)$")
_NEXT_NAME = re.compile(r"(?:,[ \t]*|[ \t]+và[ \t]+|[ \t]+)(\w+)")


def antecedent(text: str, at: int, unit: str) -> str:
    """The bodies a demonstrative subject points back to: "Các đảng bộ này" after "các Đảng bộ
    Cẩm Giàng, Bình Giang, Thanh Miện có tỷ lệ ..." is those three; `unit` itself when it is
    no demonstrative or nothing before names its kind with names."""
    m = _DEMONSTRATIVE.fullmatch(unit)
    if m is None:
        return unit
    kind = m.group(1).lower()
    lo = max(0, at - 400)
    window = text[lo:at]
    found = None
    for k in re.finditer(re.escape(kind), window.lower()):
        pos = end = k.end()
        while (w := _NEXT_NAME.match(window, pos)) is not None and w.group(1)[:1].isupper():
            pos = end = w.end()
        if end > k.end():
            found = window[k.start() : end]
    if found is None:
        return unit
    return found[:1].upper() + found[1:]


def lead_unit_elsewhere(text: str, start: int, end: int, clause_start: int) -> tuple[str | None, int]:
    """(the unit, the task's end) by the first of `LEAD_UNIT_RULES` that finds one; (None,
    end) when none does. A bracket after the duty joins its span."""
    c = UnitContext(text, start, end, clause_start)
    for rule in LEAD_UNIT_RULES:
        found = rule.find(c)
        if found is not None and found[0]:
            return found
    return None, end
