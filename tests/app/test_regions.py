"""The shipped region table: towns by code or name, nesting and known codes."""

import pytest

from app.regions import check_region_code, district_towns, get_region, resolve_town


@pytest.mark.parametrize("value", ["530113102", "汤丹镇"])
def test_town_resolved_by_code_or_name(value):
    assert resolve_town(value) == "530113102"


def test_street_office_resolved_by_name():
    assert resolve_town("铜都街道") == "530113001"


@pytest.mark.parametrize("value", ["北京", "530113", "5301131029", "汤丹", "530112001"])
def test_unknown_town_rejected(value):
    with pytest.raises(ValueError, match="unknown town"):
        resolve_town(value)


def test_district_has_its_nine_towns_and_street_offices():
    names = {town.name for town in district_towns()}

    assert len(names) == 9
    assert {"铜都街道", "碧谷街道", "汤丹镇", "舍块乡"} <= names


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("44", "province", None),
        ("4419", "city", "44"),
        ("530113", "county", "5301"),
        ("530113102", "town", "530113"),
    ],
)
def test_region_level_and_parent_follow_code_length(code, level, parent):
    region = get_region(code)

    assert region is not None
    assert (region.level, region.parent_code) == (level, parent)


def test_known_region_code_accepted():
    assert check_region_code("4419") == "4419"


@pytest.mark.parametrize("code", ["99", "4499", "", "530113999"])
def test_unknown_region_code_rejected(code):
    with pytest.raises(ValueError, match="unknown region code"):
        check_region_code(code)
