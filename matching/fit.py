"""The rules of the components that compare codes and places, one pair at a time.

The engine applies these through small lookup tables built over the distinct codes
and places in play, so the rules are written once, here, in plain Python.
"""

from matching.profiles import AlertLevel, Priority
from matching.vocabulary import code_level, code_prefix
from matching.weights import PriorityPolicy

# Occupation fit: the same occupation; a vacancy for a whole group and someone in it
# (any construction worker, and a bricklayer); someone known only by a group and a
# vacancy inside it (a 普工 for a welding job), less the broader the group; or the
# same minor group (welder and cutter are both 6-18-02).
SAME_OCCUPATION = 1.0
WITHIN_GROUP = 0.8
ONLY_GROUP_KNOWN = {1: 0.2, 2: 0.4, 3: 0.5}  # by the level of the person's group
SAME_MINOR_GROUP = 0.5

# Location fit by how far the work is from where the person wants to be. The five
# stations' provinces are far from home, where housing decides a lot.
IN_DESIRED_REGION = 1.0
IN_HOME_DISTRICT = 0.8
# (stays near home, willing to relocate): the rest of the city is too far to
# commute from the district.
IN_HOME_CITY = (0.3, 0.6)
IN_HOME_PROVINCE = (0.3, 0.5)
FAR_AWAY = (0.0, 0.4)
HOUSING_BONUS = 0.2

_PRIORITY_SHARE = {AlertLevel.RED: 0.8, AlertLevel.YELLOW: 0.6}
ZERO_EMPLOYMENT_SHARE = 1.0
LONG_UNEMPLOYED_SHARE = 0.4
# Unemployment counts from three months, fully from a year.
LONG_UNEMPLOYED_FROM = 90
LONG_UNEMPLOYED_DAYS = 365


def occupation_fit(offered: str, wanted: str) -> float:
    """Return how well a person's occupation ``offered`` fits a vacancy's ``wanted``.

    Examples
    --------
    >>> occupation_fit("6-18-02-04", "6-18-02-04")
    1.0
    >>> occupation_fit("6-29-01-01", "6-29-00-00")
    0.8
    >>> occupation_fit("6-00-00-00", "6-18-02-04")
    0.2
    >>> occupation_fit("6-18-02-05", "6-18-02-04")
    0.5
    >>> occupation_fit("4-09-08-01", "4-07-05-01")
    0.0
    """
    if offered == wanted:
        return SAME_OCCUPATION
    a, b = code_prefix(offered), code_prefix(wanted)
    if a.startswith(b + "-"):
        return WITHIN_GROUP
    if b.startswith(a + "-"):
        return ONLY_GROUP_KNOWN[code_level(offered)]
    # The minor group is the first three parts of the full code: 6-18-02-04 -> 6-18-02.
    same_minor_group = offered[:-3] == wanted[:-3]
    if min(code_level(offered), code_level(wanted)) >= 3 and same_minor_group:
        return SAME_MINOR_GROUP
    return 0.0


def location_fit(
    region: str,
    *,
    has_housing: bool,
    desired: tuple[str, ...],
    home: str,
    is_willing_to_relocate: bool,
) -> tuple[float, str]:
    """Return the location fit of work in ``region`` and its reason, in Chinese.

    Work in a wished region fits fully. Otherwise fit falls with distance from
    ``home`` (district, city, province, beyond), far less for someone who will not
    relocate; work outside the district gains when the employer houses its workers.
    Someone who names no region is taken to wish for their home district.
    """
    if is_wished(region, desired or ((home,) if home else ())):
        return IN_DESIRED_REGION, "在期望地区"
    return distance_fit(
        region,
        has_housing=has_housing,
        home=home,
        is_willing_to_relocate=is_willing_to_relocate,
    )


def is_wished(region: str, wished: tuple[str, ...]) -> bool:
    """Return whether ``region`` lies in one of the ``wished`` regions."""
    return any(region.startswith(code) for code in wished)


def distance_fit(
    region: str, *, has_housing: bool, home: str, is_willing_to_relocate: bool
) -> tuple[float, str]:
    """Return the location fit of work in ``region`` that is not in a wished region."""
    willing = int(is_willing_to_relocate)
    if home and region.startswith(home[:6]):
        return IN_HOME_DISTRICT, "在本区"
    if home and region.startswith(home[:4]):
        value, reason = IN_HOME_CITY[willing], "在本市外区"
    elif home and region.startswith(home[:2]):
        value, reason = IN_HOME_PROVINCE[willing], "在本省外市"
    else:
        value, reason = FAR_AWAY[willing], "在省外"
    reason += "，愿意外出" if willing else "，未表示愿意外出"
    if has_housing and willing:
        return value + HOUSING_BONUS, reason + "，提供住宿"
    return value, reason


def priority_reasons(priority: Priority) -> list[str]:
    """Return why a person comes first, in Chinese, most pressing first."""
    reasons = []
    if priority.is_zero_employment:
        reasons.append("零就业家庭")
    if priority.alert_level == AlertLevel.RED:
        reasons.append("红色预警家庭")
    elif priority.alert_level == AlertLevel.YELLOW:
        reasons.append("黄色预警家庭")
    if priority.unemployed_days >= LONG_UNEMPLOYED_FROM:
        reasons.append(f"已失业 {priority.unemployed_days} 天")
    return reasons


def priority_boost(priority: Priority, policy: PriorityPolicy) -> float:
    """Return how much the priority layer lifts a person's rank, at most one boost.

    Examples
    --------
    >>> policy = PriorityPolicy(max_boost=0.05)
    >>> priority_boost(Priority(is_zero_employment=True), policy)
    0.05
    >>> priority_boost(Priority(alert_level=AlertLevel.YELLOW), policy)
    0.03
    """
    if not policy.is_enabled:
        return 0.0
    share = ZERO_EMPLOYMENT_SHARE if priority.is_zero_employment else 0.0
    share = max(share, _PRIORITY_SHARE.get(priority.alert_level, 0.0))
    if priority.unemployed_days >= LONG_UNEMPLOYED_FROM:
        waited = min(priority.unemployed_days, LONG_UNEMPLOYED_DAYS)
        share += LONG_UNEMPLOYED_SHARE * waited / LONG_UNEMPLOYED_DAYS
    return round(policy.max_boost * min(share, 1.0), 6)
