"""Word lists the extractor reads by: units, comparators, cues. Lower-case, NFC.

Phrases are tuples of words; `match_forward`/`match_backward` find the longest one that
starts (or ends) at a token index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from chitieu.core.choices import Comparator
from chitieu.text.tokens import Token

Phrase = tuple[str, ...]

# Comparator values (chitieu.core.choices), named once for the tables below.
EQ, GE, LE = Comparator.EQ.value, Comparator.GE.value, Comparator.LE.value
RANGE = Comparator.RANGE.value
INCREASE, DECREASE = Comparator.INCREASE_BY.value, Comparator.DECREASE_BY.value
CHANGE_COMPARATORS = frozenset([INCREASE, DECREASE])


def phrases(*items: str) -> dict[Phrase, str]:
    """Return {("ít", "nhất"): "ít nhất", ...} for the given space-separated phrases."""
    return {tuple(s.split()): s for s in items}


def _by_length(table: Iterable[Phrase]) -> list[Phrase]:
    return sorted(table, key=len, reverse=True)


class PhraseSet:
    """A set of phrases matched longest-first on lower-cased tokens.

    Phrases are indexed by their first and by their last word, so a match at a token
    looks only at the phrases that could start (or end) there.
    """

    def __init__(self, items: Iterable[str]) -> None:
        self.items = _by_length(tuple(s.split()) for s in items)
        self.max_len = max((len(p) for p in self.items), default=0)
        self._by_first: dict[str, list[Phrase]] = {}
        self._by_last: dict[str, list[Phrase]] = {}
        for p in self.items:  # longest first within each bucket
            self._by_first.setdefault(p[0], []).append(p)
            self._by_last.setdefault(p[-1], []).append(p)
        self.last_words = frozenset(self._by_last)

    def forward(self, toks: Sequence[Token], i: int, stop: int | None = None) -> int:
        """Return the length of the longest phrase starting at toks[i], or 0."""
        end = len(toks) if stop is None else stop
        if i >= end:
            return 0
        for p in self._by_first.get(toks[i].low, ()):
            n = len(p)
            if n == 1:
                return 1  # the bucket's key is the word itself; shorter phrases come last
            # The second word first: most phrases are two words, and a generator costs more.
            if i + n <= end and toks[i + 1].low == p[1] and (n == 2 or all(toks[i + k].low == p[k] for k in range(2, n))):
                return n
        return 0

    def backward(self, toks: Sequence[Token], j: int, start: int = 0) -> int:
        """Return the length of the longest phrase ending at toks[j] (inclusive), or 0."""
        if j < start or j >= len(toks):
            return 0
        for p in self._by_last.get(toks[j].low, ()):
            n = len(p)
            if n == 1:
                return 1
            if j - n + 1 >= start and toks[j - 1].low == p[-2] and (n == 2 or all(toks[j - n + 1 + k].low == p[k] for k in range(n - 2))):
                return n
        return 0


# Scale words: "204 nghìn tỷ đồng".
SCALES = PhraseSet(["nghìn tỷ", "ngàn tỷ", "nghìn tỉ", "ngàn tỉ", "nghìn", "ngàn", "triệu", "tỷ", "tỉ"])
SCALE_SPELLINGS = {"tỉ": "tỷ"}

# Money and measures: always a quantity when they follow a number.
MEASURES = PhraseSet(
    [
        "đồng", "usd", "đô la", "đôla", "đô la mỹ", "euro", "yên", "ha", "héc-ta", "hecta", "km", "km2",
        "km²", "m", "m2", "m²", "m3", "m³", "tấn", "kg", "tạ", "lít", "mw", "kw", "kwh", "gwh",
        "teu", "tấn/năm", "điểm phần trăm", "điểm %", "điểm", "bậc", "lần",
    ]
)  # fmt: skip

# Count nouns: what a number counts. Longest match wins ("lượt tổ chức đảng" over "lượt").
COUNTS = PhraseSet(
    [
        "lượt người", "lượt khách", "lượt", "người", "lao động", "khách",
        "tổ chức đảng", "tổ chức cơ sở đảng", "tổ chức", "đảng viên", "đồng chí",
        "chỉ tiêu", "tiêu chí", "hộ", "hộ gia đình", "hộ dân", "căn", "căn hộ", "nhà",
        "ngôi nhà", "xã", "phường", "thị trấn", "huyện", "quận", "thôn", "làng", "ấp", "bản",
        "tổ dân phố", "doanh nghiệp", "hợp tác xã", "dự án", "công trình", "trường", "trường học",
        "phòng học", "lớp", "học sinh", "trường hợp", "lượt trường hợp", "sinh viên", "giáo viên", "giường bệnh", "giường",
        "bác sĩ", "trạm y tế", "bệnh viện", "cơ sở", "sản phẩm", "mô hình",
        "khu công nghiệp", "cụm công nghiệp", "khu", "cụm", "vụ", "vụ việc", "vụ án", "đơn",
        "hồ sơ", "thủ tục", "văn bản", "cuộc", "hội viên", "đoàn viên", "chi bộ", "đảng bộ",
        "cán bộ", "công chức", "thẻ", "tuyến", "cây", "con", "chiếc", "phương tiện", "cửa hàng",
        "chợ", "siêu thị", "thiết chế", "nhà văn hóa", "di tích", "lễ hội", "đề tài", "sáng kiến",
        "bằng", "giấy chứng nhận", "việc làm", "lao động việc làm", "người dân", "trẻ em",
        "đối tượng", "cơ sở giáo dục", "trường chuẩn quốc gia",
        "đơn vị", "tàu", "chuyến", "container", "cảng", "bến",
        "thuê bao", "hạng", "em", "cháu", "giải", "huy chương", "trang trại", "gia trại", "làng nghề",
        "cầu", "hồ chứa", "tàu cá", "hộ kinh doanh", "cơ sở sản xuất", "nhãn hiệu",
        "tin bài", "bệnh nhân", "ca bệnh", "ca", "liều vắc xin", "mũi tiêm", "nhà ở", "nhà tạm",
        "buổi", "lượt kiểm tra", "đơn thư", "lượt công dân", "công dân", "kiến nghị", "vụ tai nạn",
        "đối tượng", "cán bộ, công chức", "viên chức", "giáo viên", "bác sĩ", "điều dưỡng",
        "đường bay", "chuyến bay", "quốc gia", "quốc gia và vùng lãnh thổ",
    ]
)  # fmt: skip

# Words that never count as the unit of a number ("5 năm thực hiện", "lần thứ 15").
NOT_UNITS = frozenset(
    "năm tháng ngày tuần quý giờ phút giây lần khóa kỳ điều khoản mục chương phần trang "
    "nội dung ý kiến trái giờ h nhiệm đợt bước mặt vấn đề và hoặc của các những với tại trong vạn "
    "theo để đến từ là được có thì mà nhưng như cho về trên dưới khi sau trước đã sẽ "
    # abstract policy nouns: "3 đột phá", "5 nhiệm vụ", "2 giải pháp" are not indicators
    "đột giải khâu chương quan định lĩnh nhóm phong chủ bài tầng cấp trọng tuổi "
    # a rating, not a count: "sản phẩm OCOP từ 3 sao trở lên", "khách sạn 4 - 5 sao"
    "sao".split()
)

PERCENT_DENOMS = PhraseSet(["năm", "tháng", "quý"])
DENOMINATORS = PhraseSet(
    ["vạn dân", "nghìn dân", "ngàn dân", "1.000 dân", "10.000 dân", "người", "năm", "tháng",
     "hộ", "ha", "km2", "km²", "lao động", "dân", "người/năm", "người/tháng", "ngày", "xã"]
)  # fmt: skip

# Words just before a number that state how it compares; value = comparator.
BOUNDS: dict[Phrase, str] = {
    **{p: GE for p in phrases("trên", "hơn", "ít nhất", "tối thiểu", "không dưới",
                                  "không thấp hơn", "cao hơn", "từ", "lớn hơn",
                                  # a bound before a copula: "tổng nguồn vốn tối thiểu là 75.000 tỷ đồng"
                                  "tối thiểu là", "ít nhất là", "tối thiểu bằng")},
    **{p: LE for p in phrases("dưới", "không quá", "tối đa", "tối đa là", "không vượt quá", "không vượt",
                                  "thấp hơn", "không cao hơn", "nhỏ hơn", "chưa đến", "chưa tới",
                                  "xuống dưới", "giảm xuống dưới")},
    **{p: EQ for p in phrases("khoảng", "gần", "xấp xỉ", "hơn kém", "chừng", "còn",
                                 "xuống còn", "chỉ còn", "giảm còn", "giảm xuống còn", "lên",
                                 "tăng lên", "đạt mức", "ở mức", "bằng", "là", "chiếm")},
}
BOUND_SET = PhraseSet(" ".join(p) for p in BOUNDS)
CHANGES: dict[Phrase, str] = {
    **{p: INCREASE for p in phrases("tăng", "ước tăng", "tăng thêm", "tăng bình quân",
                                           "bình quân tăng", "tăng trưởng bình quân",
                                           "tăng trung bình", "cao hơn cùng kỳ", "vượt")},
    **{p: DECREASE for p in phrases("giảm", "ước giảm", "giảm thêm", "giảm bình quân",
                                           "bình quân giảm", "giảm trung bình", "tụt", "tụt xuống", "tụt giảm", "sụt giảm")},
}
CHANGE_SET = PhraseSet(" ".join(p) for p in CHANGES)
# Adverbs of degree a change verb takes before its value ("tăng mạnh 16,2%"): a closed class.
DEGREE_ADVERBS = frozenset(["mạnh", "nhẹ", "nhanh", "vọt", "sâu"])
# Verbs that introduce a value without changing its comparator.
VERBS = PhraseSet(
    ["đạt", "ước đạt", "ước", "ước tính", "ước tính đạt", "đạt được", "mới đạt", "chỉ đạt", "gấp",
     "tăng gấp", "bằng khoảng", "giải ngân được", "giải ngân",
     "mới chỉ đạt", "đã đạt", "dự kiến đạt", "phấn đấu đạt", "phấn đấu", "bình quân", "là",
     "ở mức", "đạt mức", "với", "có", "cho", "được", "thực hiện", "thực hiện được", "khoảng",
     "chiếm", "chiếm tỷ lệ", "tổng cộng", "tổng số", "gồm", "ra", "đưa ra", "về", "đạt tỷ lệ",
     "tương đương", "bằng", "duy trì", "duy trì ở mức", "giữ ở mức", "kiềm chế", "kiềm chế ở mức",
     "lũy kế", "luỹ kế", "và vượt", "chỉ tiêu", "đạt và vượt",
     "ổn định", "duy trì ổn định", "duy trì ổn định ở mức", "ổn định ở mức", "nâng tổng số lên",
     "nâng tổng số", "nâng lên", "đưa tổng số lên", "âm", "tăng trưởng âm", "kế hoạch", "kh", "ước thực hiện", "thực hiện năm",
     "ước thực hiện năm", "mục tiêu", "chỉ tiêu năm", "kế hoạch năm"]
)  # fmt: skip

AFTER_BOUNDS: dict[Phrase, str] = {("trở", "lên"): GE, ("trở", "xuống"): LE, ("trở", "lại"): LE}
AFTER_BOUND_SET = PhraseSet(" ".join(p) for p in AFTER_BOUNDS)

# A share of a plan: "đạt 33,59% dự toán Trung ương giao", "107% kế hoạch".
PLAN_HEADS = PhraseSet(["dự toán", "kế hoạch", "kh", "chỉ tiêu", "mục tiêu", "nghị quyết"])
COMPARE_HEADS = PhraseSet(["so với", "so", "so cùng kỳ", "so với cùng kỳ"])

# Words that end a name phrase read after a unit.
POST_STOPS = frozenset(
    "trong theo tại để nhằm do so góp tăng giảm bằng từ đến khi nhưng song còn "
    "hoặc thì mà nên sẽ với chiếm ước".split()
)
# Words stripped from either end of a name.
NAME_TRIM = frozenset(
    "và cho của với là được có ở mức thì để về tới đến trong theo tại số khoảng đạt ước "
    "còn cũng như bao gồm gồm riêng đồng thời đó trên hơn đã sẽ đang vừa đều, "
    "nhằm hiện nay tính chung nói cùng kỳ".split()
)  # fmt: skip
LEAD_TRIM = PhraseSet(
    ["trong đó", "bao gồm", "đồng thời", "cụ thể", "riêng", "và", "còn", "cùng với", "với",
     "về", "đó là", "là", "gồm", "trong", "tính chung", "nhìn chung", "ngoài ra", "bên cạnh đó",
     "theo đó", "như", "như sau", "nhất là", "đặc biệt là", "đặc biệt", "trong số", "tính đến nay",
     "đến nay", "hiện nay", "hiện", "toàn tỉnh", "toàn thành phố", "toàn huyện", "thành phố",
     "tỉnh", "huyện", "cả tỉnh", "cả nước", "có", "trên địa bàn", "trên địa bàn tỉnh",
     "trên địa bàn thành phố", "trên địa bàn huyện", "trên địa bàn thành phố có", "trên địa bàn tỉnh có", "hằng năm", "hàng năm", "mỗi năm", "phấn đấu", "phấn đấu đến năm",
     "để đạt mục tiêu", "để đạt được mục tiêu", "nhằm đạt mục tiêu", "để hoàn thành mục tiêu"]
)  # fmt: skip
AUX = frozenset(["đã", "sẽ", "đang", "vừa"])

# Measure heads a "trong đó" sub-item borrows from its head: "tăng trưởng ... ; trong đó dịch
# vụ tăng 7,84%" names "Tăng trưởng dịch vụ".
MEASURE_HEADS = PhraseSet(["tốc độ tăng trưởng", "tăng trưởng", "tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "cơ cấu"])
NAME_STARTS_MEASURE = PhraseSet(
    ["tốc độ", "tăng trưởng", "tỷ lệ", "tỉ lệ", "tỷ trọng", "tỉ trọng", "cơ cấu", "chỉ số", "tổng",
     "thu", "chi", "số", "giá trị", "kim ngạch", "sản lượng", "vốn", "thu nhập", "grdp", "doanh thu"]
)  # fmt: skip

# Cues that a number is a result (a report) or a target (a plan), nearest one wins.
RESULT_CUES = PhraseSet(
    ["ước đạt", "ước tăng", "ước giảm", "ước thực hiện", "ước tính", "ước", "đã", "đạt được",
     "mới chỉ đạt", "so với cùng kỳ", "so cùng kỳ", "cùng kỳ", "kết quả",
     "thực hiện được", "lũy kế", "luỹ kế", "sơ bộ", "chính thức", "còn lại", "hiện có",
     "báo cáo", "đến nay", "tính đến", "đứng thứ", "xếp thứ", "xếp hạng", "thực hiện năm",
     "thực tế", "kết quả thực hiện", "kết quả thực hiện các chỉ tiêu", "kết quả thực hiện chỉ tiêu",
     "kết quả đạt được", "đã hoàn thành", "hoàn thành vượt", "sơ kết", "tổng kết", "năm triển khai",
     "năm thực hiện", "kiểm điểm", "đạt thấp", "chưa đạt", "không đạt", "chỉ tiêu đạt và vượt",
     "đạt và vượt kế hoạch", "vượt kế hoạch", "vượt chỉ tiêu nghị quyết",
     "vượt mục tiêu nghị quyết", "đạt chỉ tiêu nghị quyết"]
)  # fmt: skip
TARGET_CUES = PhraseSet(
    ["phấn đấu", "chỉ tiêu", "mục tiêu", "đề ra", "đã đề ra", "đặt ra", "đặt mục tiêu", "xác định", "kế hoạch năm",
     "dự kiến", "phải đạt", "cần đạt", "định hướng", "nghị quyết", "đạt và vượt",
     "chủ yếu", "nhiệm vụ năm", "phương hướng", "sẽ", "đến năm", "đề án", "chương trình", "kế hoạch"]
)  # fmt: skip

# Phrases that hold a cue word but say nothing of the kind: "hoàn thành kế hoạch" is done in
# a report ("11/13 huyện hoàn thành kế hoạch") and to be done in a plan.
# "hoàn thành 36/38 cuộc kiểm tra theo chương trình năm" names the plan a result is held to.
NEUTRAL_CUES = PhraseSet(
    ["hoàn thành kế hoạch", "hoàn thành chỉ tiêu", "theo chương trình", "theo chương trình năm", "theo kế hoạch",
     "theo kế hoạch năm",
     # A programme's name ("Chương trình mục tiêu quốc gia giảm nghèo bền vững") sets no plan.
     "chương trình mục tiêu", "chương trình mục tiêu quốc gia"]
)  # fmt: skip

SPEECH = PhraseSet(
    ["nêu rõ", "nhấn mạnh", "cho biết", "khẳng định", "đề nghị", "yêu cầu", "phát biểu", "báo cáo",
     "như sau", "cụ thể", "gồm", "bao gồm", "chỉ rõ", "kết luận", "thông tin", "chỉ đạo", "đó là",
     "lưu ý", "chỉ tiêu cụ thể", "thống nhất"]
)  # fmt: skip
# Verbs that adopt a document ("Nghị quyết đã thông qua", "Kế hoạch đã được phê duyệt").
ADOPTION_VERBS = PhraseSet(["thông qua", "phê duyệt", "ban hành", "ký ban hành", "biểu quyết thông qua"])
DOC_REF_HEADS = PhraseSet(["nghị quyết", "chỉ thị", "kết luận", "quyết định", "đề án", "chương trình", "kế hoạch"])

# Words before a number that make it a reference, not a quantity ("Nghị quyết số 45").
REF_WORDS = PhraseSet(
    ["số", "thứ", "khóa", "khoá", "lần", "lần thứ", "điều", "khoản", "mục", "chương", "phụ lục",
     "nghị quyết", "chỉ thị", "kết luận", "quyết định", "công văn", "thông báo", "tờ trình",
     "thông tư", "nghị định", "điện thoại", "fax", "đt", "sđt", "hotline", "covid", "ngày", "tháng",
     "quý", "năm", "giai đoạn", "nhiệm kỳ", "top", "mã", "hộp thư", "cương lĩnh", "hiến pháp"]
)  # fmt: skip
# Words that make a following number a name ("đường 3/2", "Hội nghị 15") unless a unit
# follows it ("kỷ luật 39 đảng viên").
WEAK_REF_WORDS = PhraseSet(
    ["luật", "đường", "phố", "quốc lộ", "tỉnh lộ", "hương lộ", "nhà", "tầng", "phòng", "lô", "ô", "km",
     "đại hội", "hội nghị", "kỳ họp", "phiên", "tập", "sáng", "chiều", "tối", "đêm", "hôm", "nhóm",
     "tuyến", "kênh", "đoàn", "trung đoàn", "sư đoàn", "tiểu đoàn", "phân khu", "khu", "cụm", "tổ",
     "xóm", "ấp", "thôn", "bản", "khối", "đợt", "giải"]
)  # fmt: skip
PHONE_WORDS = frozenset(["thoại", "fax", "đt", "sđt", "hotline", "dđ", "zalo", "tel", "phone"])

# Cues that make a clause a plan whatever else it says ("phấn đấu ... đạt trên 95% kế hoạch").
STRONG_TARGET_CUES = PhraseSet(["phấn đấu", "mục tiêu", "đề ra", "phải đạt", "cần đạt", "dự kiến"])
# Where a name ends in whose it is ("của huyện"), the owner is not part of the name.
OWNER_TAILS = PhraseSet(["của huyện", "của tỉnh", "của thành phố", "của xã", "của quận", "của thị xã", "của phường", "của địa phương", "của đơn vị", "của ngành"])
# Words right before a value that say which column of a plan-versus-actual pair it is in
# ("kế hoạch 7%, thực hiện 7,2%").
PLAN_WORDS = frozenset(["kế hoạch", "kh", "mục tiêu", "chỉ tiêu", "chỉ tiêu năm", "kế hoạch năm"])
ACTUAL_WORDS = frozenset(["thực hiện", "th", "ước thực hiện", "thực hiện năm", "ước thực hiện năm", "ước"])
# Colon heads that open a section rather than name a measure ("Kết quả 6 tháng đầu năm:").
SECTION_HEADS = PhraseSet(["kết quả", "nhiệm vụ", "tình hình", "phương hướng", "mục tiêu", "chỉ tiêu", "giải pháp", "về"])
# A name that opens with an organisation ("Ban Thường vụ Thành ủy kiểm tra chuyên đề ...")
# names what it does, from its first lower-case action verb on.
ORG_HEADS = PhraseSet(
    ["ban thường vụ", "ban chấp hành", "ban chỉ đạo", "ủy ban", "uỷ ban", "ubnd", "hđnd", "đảng ủy",
     "đảng uỷ", "thành ủy", "tỉnh ủy", "huyện ủy", "quận ủy", "sở", "công an", "mặt trận", "lực lượng",
     "cấp ủy", "các cấp ủy", "hội đồng", "thường trực", "các cấp", "các ngành", "ngành"]
)  # fmt: skip
ACTION_VERBS = PhraseSet(
    ["kiểm tra", "giám sát", "kết nạp", "thành lập", "thu hút", "giải quyết", "xây dựng", "tổ chức",
     "cấp", "xử lý", "phát hiện", "trồng", "ban hành", "triển khai", "hoàn thành", "đào tạo",
     "bồi dưỡng", "tiếp nhận", "giải ngân", "đón", "tạo", "thi hành", "khen thưởng", "tuyển",
     "bắt giữ", "khởi tố", "thu", "chi", "hỗ trợ", "cấp mới"]
)  # fmt: skip
