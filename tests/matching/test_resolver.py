"""The title resolver on a small hand-made table."""

import pytest

from matching.resolver import TitleResolver, segments_of
from matching.text import normalize
from matching.vocabulary import Occupation

TABLE = [
    Occupation("4-07-05-00", "安全保护服务人员"),
    Occupation("4-07-05-01", "保安员", ("保安", "门卫", "保安队长")),
    Occupation("4-09-08-00", "环境卫生服务人员"),
    Occupation("4-09-08-01", "保洁员", ("保洁", "清洁工", "保洁阿姨")),
    Occupation("6-18-02-00", "机械热加工人员"),
    Occupation("6-18-02-04", "焊工", ("电焊工", "电焊", "二保焊", "氩弧焊工")),
    Occupation("6-29-00-00", "建筑施工人员", ("建筑工人", "工地小工")),
    Occupation("6-29-01-00", "房屋建筑施工人员"),
    Occupation("6-29-01-01", "砌筑工", ("泥瓦工", "瓦工")),
    Occupation("6-29-01-04", "钢筋工", ("钢筋绑扎",)),
    Occupation("6-29-03-00", "建筑安装施工人员"),
    Occupation("6-29-03-01", "机械设备安装工", ("设备安装",)),
    Occupation("4-02-02-00", "道路运输服务人员"),
    Occupation("4-02-02-02", "道路货运汽车驾驶员L", ("货车司机", "货运司机")),
    Occupation("6-30-05-00", "起重装卸机械操作工"),
    Occupation("6-30-05-03", "装载机司机", ("铲车司机", "开铲车", "装载机")),
]


@pytest.fixture(scope="module")
def resolver():
    return TitleResolver(TABLE)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("日结轻松保安+包吃住", "4-07-05-01"),
        ("电焊师傅（二保焊）月薪8千", "6-18-02-04"),
        ("做过保洁", "4-09-08-01"),
        ("会开铲车", "6-30-05-03"),
        ("某某建设集团招聘钢筋工 300一天", "6-29-01-04"),
        ("急招货车司机 包吃住 8000-12000", "4-02-02-02"),
        ("資深電焊工", "6-18-02-04"),
        ("ＣＮ保安　月薪５０００", "4-07-05-01"),
    ],
)
def test_common_titles_resolve_to_their_trade(resolver, title, code):
    assert resolver.resolve(title).code == code


def test_look_alike_trades_stay_apart(resolver):
    assert resolver.resolve("保洁").code == "4-09-08-01"
    assert resolver.resolve("保安").code == "4-07-05-01"


def test_answers_are_occupations_never_groups(resolver):
    result = resolver.resolve("建筑工人")

    assert result.code is not None
    assert result.code.startswith("6-29-")
    assert not result.code.endswith("-00")


def test_part_of_a_known_word_still_finds_it(resolver):
    assert resolver.resolve("设备安装工").code == "6-29-03-01"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "12345", "8000-12000", "ＡＢＣ"])
def test_text_without_chinese_words_gets_no_code_and_a_reason(resolver, text):
    result = resolver.resolve(text)

    assert result.code is None
    assert result.score == 0.0
    assert result.reason


def test_unrelated_text_is_not_answered_confidently(resolver):
    result = resolver.resolve("今天天气很好我们去公园散步吧")

    assert result.code is None or result.score < 0.3


def test_very_long_text_is_resolved_without_error(resolver):
    result = resolver.resolve("包吃住" * 3000 + "保安")

    assert result.code == "4-07-05-01"


def test_alternatives_are_ranked_and_exclude_the_answer(resolver):
    result = resolver.resolve("焊工")

    scores = [c.score for c in result.alternatives]
    assert scores == sorted(scores, reverse=True)
    assert result.code not in {c.code for c in result.alternatives}
    assert all(c.score <= result.score for c in result.alternatives)


def test_same_input_gives_same_answer(resolver):
    first = resolver.resolve("电焊工学徒")

    assert all(resolver.resolve("电焊工学徒") == first for _ in range(3))


def test_recruiter_name_before_the_trade_is_ignored():
    assert segments_of(normalize("东川某某建材公司招聘保安"))[0] == "保安"


def test_salary_and_perks_are_stripped():
    assert segments_of(normalize("保安 月薪5000-6000 包吃住 五险一金")) == ["保安"]


def test_limit_of_one_gives_no_alternatives_and_zero_gives_no_candidates(resolver):
    assert resolver.resolve("焊工", limit=1).alternatives == ()
    assert resolver.resolve("焊工", limit=0).code is None
