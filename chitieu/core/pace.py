"""What the rest of a target's period must achieve, and the chance that it will.

`required_pace(target, fig, best)` says what the months (or years) the figures do not cover yet
must achieve for the target to be met; `chance(target, fig, best)` the probability that it is
met by the end of its period, with the method and its inputs. `chitieu.core.evaluation` calls
both in the same pass that judges the target, on the figures it already has (`best`, see
`chitieu.core.figures.best_by_period`; `fig`, the period's figure from
`chitieu.core.forecast.period_figure` or `chitieu.core.terms`). Methods follow
../shared/world/forecast-methods.md (SDG progress assessments of UN, ESCAP, Eurostat).

Required pace (`Required`), the "rest" being the months the figures do not cover yet:
- Sum within a period ("thu ngân sách 165.011,6 tỷ đồng"): the target less the sum so far,
  and that amount per remaining month.
- The rest is named "6 tháng cuối năm", "quý IV", "tháng 12" or "N tháng còn lại của năm".
- Growth within a year, figures being growth rates ("GRDP tăng 12,35%", 6 tháng 11,2%):
  g_req = (G - W*g_ytd) / (1 - W), W the share of the year's output the covered months
  produced. Without the unit's levels chitieu takes a fixed profile, quarters 22% / 24,5% /
  25,5% / 28% of the year (within a quarter, pro rata to its months): the second half weighs
  more, as in every Vietnamese province, and W(6 tháng) = 0,465 is the weight under which the
  HĐND's own arithmetic holds (12,35% for the year after 11,2% in H1 needs 13,35% in H2).
  Other periods (a quarter, a half) weigh their months equally.
- Average growth over a term, compounded: r_req = [(1+G)^N / prod(1+g_i)]^(1/(N-k)) - 1 over
  the k years with a figure (or from the baseline level to the latest one); an average of a
  rate that is not a growth: (N*G - sum of the k years) / (N-k).
- Anything else (a level, a share): the target's value by the end of the period.
- None when nothing is left to achieve (the figures cover the whole period) or no figure.

Probability (`Chance`), d = +1 when higher is better, -1 otherwise; Phi the normal CDF:
- "growth-normal" (growth within a year): the rest's growth ~ N(g_ytd + a, s^2), a the unit's
  typical acceleration (rest of year vs. the same months) over the earlier years in `best`,
  s its standard deviation, both shrunk toward a = 0, s = POOLED_GROWTH_SD (1,5 điểm %) with
  SHRINK_YEARS pseudo-years; P = Phi(d (g_ytd + a - g_req) / s).
- "term-t" (average growth over a term): the remaining years' mean ~ Student-t with n-1 df
  around mu (the mean of the n annual growths known, the term's and the earlier ones), scale
  sigma*sqrt(1/m + 1/n); with fewer than 2 growths sigma = POOLED_GROWTH_SD and a normal.
- "forecast-normal" (everything else): the forecast ~ N(forecast, s^2), s the default:
  DEFAULT_CV of the part still to come (at least 1% of the forecast, an amount not yet
  reported being uncertain), or half the forecast's own spread (seasonal shares of earlier
  years, trend residuals) when it has one, but not under half the default;
  P = Phi(d (forecast - threshold) / s).
The threshold is the target's value, for a range the bound that matters (the lower one when
higher is better). Labels: P >= 0,8 "có khả năng đạt", >= 0,5 "cần nỗ lực", >= 0,2 "có nguy
cơ không đạt", else "khó đạt"; beside them the deterministic UN-style class of the forecast's
ratio to the target (>= 0,95 "đúng hướng", >= 0,10 "có tiến bộ, cần đẩy nhanh", else "ít tiến
bộ hoặc đi lùi").

Pure standard library.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from statistics import NormalDist, fmean, stdev
from typing import TYPE_CHECKING

from chitieu.core.choices import Aggregation, Comparator, PeriodKind, TermAggregation
from chitieu.core.figures import Figure, Key, Observation, key
from chitieu.core.forecast import complete_figure, default_term_aggregation, period_figure
from chitieu.core.periods import Period, PeriodError
from chitieu.core.quantities import format_number, format_reading, join_unit

if TYPE_CHECKING:
    from chitieu.core.evaluation import TargetSpec

__all__ = [
    "DEFAULT_CV",
    "LABELS",
    "POOLED_GROWTH_SD",
    "QUARTER_WEIGHTS",
    "Chance",
    "Required",
    "chance",
    "chance_label",
    "normal_chance",
    "progress_class",
    "required_growth",
    "required_pace",
    "required_sum",
    "required_term_rate",
    "student_t_cdf",
    "year_weight",
]

#: Share of a year's output produced in each quarter (module docstring).
QUARTER_WEIGHTS = (0.22, 0.245, 0.255, 0.28)
#: Spread (percentage points) of a rest-of-period growth when the unit's own history is short.
POOLED_GROWTH_SD = 1.5
#: Pseudo-years of the pooled values when the unit's own are shrunk toward them.
SHRINK_YEARS = 2
#: Relative spread of the part of a sum or level not yet reported, without a spread of its own.
DEFAULT_CV = 0.1
#: (lowest probability, label), highest first.
LABELS = (
    (0.8, "có khả năng đạt"),
    (0.5, "cần nỗ lực"),
    (0.2, "có nguy cơ không đạt"),
    (0.0, "khó đạt"),
)
_NORMAL = NormalDist()


@dataclass(frozen=True)
class Required:
    """What the rest of the period must achieve: `value` in `unit` ("%", "%/năm", the
    target's unit), `per_month` for a sum (the amount per remaining month), `months` left
    and the sentence `words` ("6 tháng cuối năm cần tăng 13,35%")."""

    value: float
    unit: str
    words: str
    months: int
    per_month: float | None = None


@dataclass(frozen=True)
class Chance:
    """The probability (0..1) of meeting the target, its `method`, the `inputs` it used and
    its Vietnamese `label`."""

    value: float
    method: str
    inputs: dict[str, float] = field(default_factory=dict)
    #: The deterministic ratio shown beside it for auditability: the forecast over the target
    #: (the evaluation's `forecast.achievement`), None when it has none.
    progress: float | None = None

    @property
    def label(self) -> str:
        return chance_label(self.value)

    @property
    def progress_class(self) -> str:
        return "" if self.progress is None else progress_class(self.progress)


#: UN-style progress classes of the forecast's ratio to the target, highest first.
PROGRESS_CLASSES = (
    (0.95, "đúng hướng"),
    (0.10, "có tiến bộ, cần đẩy nhanh"),
    (-math.inf, "ít tiến bộ hoặc đi lùi"),
)


def progress_class(ratio: float) -> str:
    """The UN-style class of a forecast's ratio to its target: >= 0,95 "đúng hướng", >= 0,10
    "có tiến bộ, cần đẩy nhanh", else "ít tiến bộ hoặc đi lùi" (forecast-methods.md)."""
    return next(label for low, label in PROGRESS_CLASSES if ratio >= low)


def chance_label(p: float) -> str:
    """ "có khả năng đạt" (>= 0,8), "cần nỗ lực" (>= 0,5), "có nguy cơ không đạt" (>= 0,2),
    "khó đạt"."""
    return next(label for low, label in LABELS if p >= low)


# ---- formulas ----------------------------------------------------------------------------------


def year_weight(months: int) -> float:
    """Share of the year's output produced in its first `months` months (QUARTER_WEIGHTS,
    pro rata within a quarter): 0.465 for six months, 0.72 for nine."""
    months = max(0, min(12, months))
    full, part = divmod(months, 3)
    return math.fsum(QUARTER_WEIGHTS[:full]) + (QUARTER_WEIGHTS[full] * part / 3 if part else 0.0)


def required_growth(target: float, so_far: float, weight: float) -> float:
    """The growth the rest of the period needs for the whole to grow by `target` after the
    part weighing `weight` (0..1) grew by `so_far`: (G - W*g) / (1 - W)."""
    return (target - weight * so_far) / (1 - weight)


def required_sum(target: float, so_far: float, months_left: int) -> tuple[float, float]:
    """(amount still needed, per remaining month) for a sum target."""
    rest = target - so_far
    return rest, rest / months_left


def required_term_rate(target: float, years: int, growths: list[float]) -> float | None:
    """The yearly growth (%) the remaining years of a `years`-year term need for an average
    growth of `target` %/year, compounded, after the growths (%) of the years known; None
    when no compound rate exists (a fall of 100% or more)."""
    done = math.prod(1 + g / 100 for g in growths)
    whole = 1 + target / 100
    left = years - len(growths)
    if done <= 0 or whole <= 0 or left <= 0:
        return None
    return (float((whole**years / done) ** (1 / left)) - 1) * 100


def normal_chance(centre: float, threshold: float, spread: float, *, higher: bool) -> float:
    """P(X meets `threshold`) for X ~ N(centre, spread^2); a step when spread is 0."""
    d = 1 if higher else -1
    if spread <= 0:
        return 1.0 if d * (centre - threshold) >= 0 else 0.0
    return _NORMAL.cdf(d * (centre - threshold) / spread)


def student_t_cdf(x: float, df: int) -> float:
    """The Student-t distribution function with `df` degrees of freedom (Simpson's rule on its
    density; exact enough for a probability shown with two digits)."""
    if df <= 0:
        raise ValueError("df must be positive")
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def pdf(t: float) -> float:
        return c * float((1 + t * t / df) ** (-(df + 1) / 2))

    a = abs(x)
    n = 400
    h = a / n
    area = pdf(0) + pdf(a) + sum((4 if i % 2 else 2) * pdf(i * h) for i in range(1, n))
    half = min(0.5, area * h / 3)
    return 0.5 + half if x >= 0 else 0.5 - half


# ---- from a target and its figures ------------------------------------------------------------

_CHANGES = (Comparator.INCREASE_BY, Comparator.DECREASE_BY)


def _threshold(t: TargetSpec) -> float:
    if t.comparator is Comparator.RANGE and t.value_max is not None and not t.higher_is_better:
        return t.value_max
    return t.value


def _is_growth(t: TargetSpec) -> bool:
    """Figures that are growth rates themselves (no baseline level)."""
    return t.comparator in _CHANGES and t.baseline_value is None


def _term_how(t: TargetSpec) -> TermAggregation:
    return t.term_aggregation or default_term_aggregation(t.aggregation)


def _rest_words(period: Period, months: int) -> str:
    if period.kind is PeriodKind.TERM:
        years = max(1, round(months / 12))
        return f"{years} năm còn lại của giai đoạn"
    if period.kind is PeriodKind.YEAR:
        named = {1: "tháng 12", 3: "quý IV", 6: "6 tháng cuối năm"}
        return named.get(months, f"{months} tháng còn lại của năm")
    return f"{months} tháng còn lại"


def _verb(t: TargetSpec, value: float) -> str:
    rising = (value >= 0) == (t.comparator is not Comparator.DECREASE_BY)
    return "tăng" if rising else "giảm"


def _yearly_values(period: Period, best: Mapping[Key, Observation], aggregation: Aggregation,
                   *, as_of: date) -> list[tuple[int, float]]:
    """(year, figure) of each year up to the end of `period` with a final figure for the
    whole year (`period_figure`), in order."""
    years = sorted({o.period.start.year for o in best.values()})
    out = []
    for y in years:
        if y > period.end.year:
            continue
        fig = period_figure(Period.year(y), best, aggregation, as_of=as_of)
        if fig is not None and fig.final and as_of >= Period.year(y).end:
            out.append((y, fig.value))
    return out


def required_pace(t: TargetSpec, fig: Figure | None, best: Mapping[Key, Observation], *, as_of: date) -> Required | None:
    """What the rest of `t`'s period must achieve (module docstring), None when the figures
    already cover it all or there is none."""
    if fig is None or fig.final:
        return None
    period = t.period
    left = period.months - fig.covered_months
    if left <= 0:
        return None
    rest = _rest_words(period, left)
    if period.kind is PeriodKind.TERM:
        return _required_term(t, fig, best, left, rest, as_of=as_of)
    if _is_growth(t):
        weight = year_weight(fig.covered_months) if period.kind is PeriodKind.YEAR else fig.covered_months / period.months
        need = required_growth(t.value, fig.to_date, weight)
        words = f"{rest} cần {_verb(t, need)} {join_unit(format_reading(abs(need)), t.unit)}"
        return Required(need, t.unit, words, left)
    if t.aggregation is Aggregation.SUM and t.comparator not in _CHANGES:
        amount, monthly = required_sum(_threshold(t), fig.to_date, left)
        if amount <= 0:
            words = f"đã đạt {join_unit(format_number(_threshold(t)), t.unit)}, {rest} chỉ cần giữ kết quả"
            return Required(0.0, t.unit, words, left, 0.0)
        words = (f"{rest} cần thêm {join_unit(format_reading(amount), t.unit)} "
                 f"(bình quân {join_unit(format_reading(monthly), t.unit)}/tháng)")
        return Required(amount, t.unit, words, left, monthly)
    return _required_level(t, left, rest)


def _required_level(t: TargetSpec, left: int, rest: str) -> Required:
    value = _threshold(t)
    sign = "không vượt quá" if not t.higher_is_better else "đạt"
    return Required(value, t.unit, f"đến hết kỳ cần {sign} {join_unit(format_number(value), t.unit)}", left)


def _required_term(t: TargetSpec, fig: Figure, best: Mapping[Key, Observation], left: int, rest: str,
                   *, as_of: date) -> Required | None:
    years = len(t.period.years)
    done = fig.covered_months // 12
    remaining = years - done
    if remaining <= 0:
        return None
    rest = f"{remaining} năm còn lại của giai đoạn"
    how = _term_how(t)
    if t.comparator in _CHANGES and how is TermAggregation.AVERAGE and t.is_percent:
        if t.baseline_value is not None:
            # fig.value is the compound rate from the baseline over the years it spans
            growths = [fig.to_date] * done
        else:
            known = [g for y, g in _yearly_values(t.period, best, t.aggregation, as_of=as_of)
                     if t.period.start.year <= y]
            growths = known[:done] if len(known) >= done else [fig.to_date] * done
        need = required_term_rate(t.value, years, growths)
        if need is None:
            return None
        words = f"{rest} cần {_verb(t, need)} bình quân {format_reading(abs(need))}%/năm"
        return Required(need, "%/năm", words, left)
    if how is TermAggregation.AVERAGE:
        need = (years * t.value - done * fig.to_date) / remaining
        return Required(need, t.unit, f"{rest} cần bình quân {join_unit(format_reading(need), t.unit)}/năm", left)
    if how is TermAggregation.SUM:
        amount, monthly = required_sum(_threshold(t), fig.to_date, left)
        words = f"{rest} cần thêm {join_unit(format_reading(max(amount, 0.0)), t.unit)}"
        return Required(max(amount, 0.0), t.unit, words, left, max(monthly, 0.0))
    if t.aggregation is Aggregation.LAST and fig.to_date > 0 and _threshold(t) > 0 and t.comparator not in _CHANGES:
        need = (float((_threshold(t) / fig.to_date) ** (1 / remaining)) - 1) * 100
        words = (f"{rest} cần {_verb(t, need)} bình quân {format_reading(abs(need))}%/năm "
                 f"để đạt {join_unit(format_number(_threshold(t)), t.unit)}")
        return Required(need, "%/năm", words, left)
    return _required_level(t, left, rest)


# ---- probability --------------------------------------------------------------------------------


def _accelerations(t: TargetSpec, fig: Figure, best: Mapping[Key, Observation], *, as_of: date) -> list[float]:
    """For each earlier year with a growth for the same covered months and for the whole year:
    the rest-of-year growth those imply less the growth of the covered months."""
    out = []
    period = t.period
    weight = year_weight(fig.covered_months)
    for back in range(1, 6):
        try:
            year = period.shifted_years(-back)
            part = fig.period.shifted_years(-back)
        except PeriodError:
            break
        whole = best.get(key(year))
        same = best.get(key(part))
        if whole is None:
            found = complete_figure(year, best, t.aggregation)
            whole_value = found[0] if found else None
        else:
            whole_value = whole.value
        if whole_value is None or same is None:
            continue
        rest = required_growth(whole_value, same.value, weight)
        out.append(rest - same.value)
    return out


def _shrunk(own: list[float]) -> tuple[float, float, int]:
    """(mean, sd, n) of `own` shrunk toward 0 and POOLED_GROWTH_SD."""
    n = len(own)
    mean = fmean(own) * n / (n + SHRINK_YEARS) if own else 0.0
    own_var = stdev(own) ** 2 if n >= 2 else 0.0
    var = ((n - 1) * own_var + SHRINK_YEARS * POOLED_GROWTH_SD**2) / (max(n - 1, 0) + SHRINK_YEARS)
    return mean, math.sqrt(var), n


def chance(t: TargetSpec, fig: Figure | None, best: Mapping[Key, Observation], required: Required | None,
           *, as_of: date) -> Chance | None:
    """The probability that `t` is met by the end of its period (module docstring), None for
    a final figure or none."""
    if fig is None or fig.final and as_of >= t.period.end:
        return None
    higher = t.higher_is_better
    if t.period.kind is not PeriodKind.TERM and _is_growth(t) and required is not None:
        a, s, n = _shrunk(_accelerations(t, fig, best, as_of=as_of))
        centre = fig.to_date + a
        p = normal_chance(centre, required.value, s, higher=higher)
        return Chance(p, "growth-normal", {"so_far": fig.to_date, "required": required.value,
                                           "acceleration": a, "sd": s, "years": n})
    if t.period.kind is PeriodKind.TERM and required is not None and required.unit == "%/năm" \
            and t.comparator in _CHANGES:
        growths = _term_growths(t, best, as_of=as_of)
        m = max(1, len(t.period.years) - fig.covered_months // 12)
        n = len(growths)
        d = 1 if higher else -1
        if n >= 2:
            mu, sigma = fmean(growths), stdev(growths)
            scale = max(sigma, 1e-9) * math.sqrt(1 / m + 1 / n)
            p = student_t_cdf(d * (mu - required.value) / scale, n - 1)
        else:
            mu = growths[0] if growths else fig.to_date
            sigma = POOLED_GROWTH_SD
            p = normal_chance(mu, required.value, sigma / math.sqrt(m), higher=higher)
        return Chance(p, "term-t", {"mean": mu, "sd": sigma, "years_known": n, "years_left": m,
                                    "required": required.value})
    threshold = _threshold(t)
    value = t.measure(fig.value)
    left = max(0.0, 1 - fig.covered_months / t.period.months)
    summed = t.aggregation is Aggregation.SUM and t.comparator not in _CHANGES
    to_come = abs(value - fig.to_date) if summed else abs(value) * left
    floor = max(DEFAULT_CV * to_come, 0.01 * abs(value)) or DEFAULT_CV
    if fig.low is not None and fig.high is not None and fig.high > fig.low:
        # the forecast's own spread, never narrower than half the default: two or three
        # earlier years alike say little about how far this one can stray
        spread = max(abs(t.measure(fig.high) - t.measure(fig.low)) / 2, floor / 2)
    else:
        spread = floor
    p = normal_chance(value, threshold, spread, higher=higher)
    return Chance(p, "forecast-normal", {"forecast": value, "threshold": threshold, "sd": spread})


def _term_growths(t: TargetSpec, best: Mapping[Key, Observation], *, as_of: date) -> list[float]:
    """The unit's annual growths (%) known up to the term's end: the yearly figures when they
    are growths, else the changes between consecutive yearly levels (the baseline standing
    for the year before the term)."""
    values = _yearly_values(t.period, best, t.aggregation, as_of=as_of)
    if t.baseline_value is None:
        return [g for _, g in values]
    levels = dict(values)
    levels.setdefault(t.period.start.year - 1, t.baseline_value)
    return [(levels[y] / levels[y - 1] - 1) * 100 for y in sorted(levels)
            if y - 1 in levels and levels[y - 1] > 0]
