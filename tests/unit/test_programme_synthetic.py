"""The demo's synthetic programme: reproducible from its seed, shaped by the census proportions,
labelled synthetic, and consistent with the rules the services enforce (so the demo never trips on them)."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from stdnum.cn import uscc as stdnum_uscc

from fedstd.registry.v1 import events_pb2 as registry
from services.common import divisions
from services.programme import synthetic
from services.programme.synthetic import LAST_ACTIVITY, LAUNCH, PLAN_END, REGION, TARGET_SHARE, generate
from services.registry import industry, numbers
from services.registry.policy import RegistryPolicy


@pytest.fixture(scope="module")
def programme() -> synthetic.Programme:
    return generate(seed=11, enterprises=3000)


def fingerprint(programme: synthetic.Programme) -> tuple:
    return (programme.leagues, programme.committee, [repr(c) for c in programme.chambers],
            [repr(e) for e in programme.enterprises], [repr(s) for s in programme.standards], programme.leader_rounds,
            programme.training, programme.reports)


def test_the_same_seed_gives_the_same_programme_and_another_seed_another() -> None:
    assert fingerprint(generate(5, 400)) == fingerprint(generate(5, 400))
    assert fingerprint(generate(5, 400)) != fingerprint(generate(6, 400))


def test_too_few_enterprises_are_refused() -> None:
    with pytest.raises(ValueError):
        generate(1, 99)


def test_apportion_splits_the_total_exactly_by_largest_remainder() -> None:
    assert synthetic.apportion(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    shares = synthetic.apportion(1000, synthetic.league_weights())
    assert sum(shares.values()) == 1000
    assert (shares["150100"], shares["150200"], shares["150600"]) == (195, 140, 130)  # the census's three leagues


def test_enterprises_follow_the_census_proportions(programme: synthetic.Programme) -> None:
    total = len(programme.enterprises)
    per_league = Counter(e.league_code for e in programme.enterprises)
    assert per_league == Counter(synthetic.apportion(total, synthetic.league_weights()))
    # The nine leagues the census does not name share the rest by their banner/county units.
    assert per_league["150700"] > per_league["150300"]  # Hulunbuir (14 units) over Wuhai (3)
    sections = Counter(e.section for e in programme.enterprises)
    for section, share in synthetic.CENSUS_SECTION_SHARES.items():
        assert abs(sections[section] / total - share) < 0.025, section
    assert abs(sum(e.is_private for e in programme.enterprises) / total - synthetic.PRIVATE_SHARE) < 0.015


def test_half_of_the_leagues_reach_the_target_at_the_end_and_half_do_not(programme: synthetic.Programme) -> None:
    figures = programme.figures_on(PLAN_END)
    reached = []
    for league in programme.leagues:
        share = figures[league.code]["enterprises_two_star_or_above"] / figures[league.code]["private_enterprises_registered"]
        assert (share >= TARGET_SHARE) == (league.target >= TARGET_SHARE), league
        reached.append(share >= TARGET_SHARE)
    assert reached.count(True) == reached.count(False) == 6
    # ... and they get there over the years.
    ends = [programme.figures_on(date(year, 12, 31))[REGION]["enterprises_two_star_or_above"] for year in (2021, 2022, 2023)]
    assert 0 < ends[0] < ends[1] < ends[2]


def test_every_name_is_labelled_synthetic(programme: synthetic.Programme) -> None:
    names = ([e.name for e in programme.enterprises] + [e.manager for e in programme.enterprises]
             + [c.name for c in programme.chambers] + [s.title for s in programme.standards]
             + [m.person_name for m in programme.committee] + [m.organisation for m in programme.committee]
             + [b.title for b in programme.training] + [b.organiser for b in programme.training]
             + [d.title for e in programme.enterprises for d in e.declarations])
    assert all("示例" in name for name in names)


def test_enterprises_fit_the_registry_s_rules(programme: synthetic.Programme) -> None:
    usccs = [e.uscc for e in programme.enterprises]
    assert len(set(usccs)) == len(usccs)
    for enterprise in programme.enterprises:
        assert stdnum_uscc.is_valid(enterprise.uscc)
        assert divisions.league_of(enterprise.division_code) == enterprise.league_code
        assert all(industry.sector_fits(s, enterprise.section, enterprise.industry_division) for s in enterprise.plan_sectors)
        assert LAUNCH <= enterprise.registered_on <= LAST_ACTIVITY
        for day in (enterprise.joined_on, enterprise.enrolled_on, enterprise.withdrawn_on):
            assert day is None or enterprise.registered_on <= day <= LAST_ACTIVITY
        if enterprise.evaluations:
            assert enterprise.is_private and enterprise.enrolled_on < enterprise.evaluations[0].evaluated_on
        days = [e.evaluated_on for e in enterprise.evaluations]
        assert days == sorted(days) and all(day <= LAST_ACTIVITY for day in days)
        for evaluation in enterprise.evaluations:
            assert evaluation.revoked_on is None or evaluation.evaluated_on <= evaluation.revoked_on <= LAST_ACTIVITY
        declared = [d.number for d in enterprise.declarations]
        assert len(set(declared)) == len(declared)
        for declaration in enterprise.declarations:
            assert numbers.DECLARED_FORMS[declaration.kind].fullmatch(numbers.normalize(declaration.number))
            assert enterprise.registered_on < declaration.disclosed_on
            assert (declaration.kind == registry.DECLARED_STANDARD_KIND_ENTERPRISE) <= bool(declaration.indicators)


def test_group_standards_go_through_their_lifecycle_in_date_order(programme: synthetic.Programme) -> None:
    policy = RegistryPolicy()
    published = [s for s in programme.standards if s.published_on]
    assert published and len(published) < len(programme.standards)  # some still in development at the end
    numbers_given = [s.number for s in published]
    assert len(set(numbers_given)) == len(numbers_given)
    for standard in programme.standards:
        days = [step.on for step in standard.steps]
        assert days == sorted(days) and days[0] >= LAUNCH and days[-1] <= LAST_ACTIVITY
        assert standard.steps[0].action == "propose"
        for step in standard.steps:
            if step.action == "open_comment":
                assert (step.args[0] - step.on).days >= policy.min_comment_days
            if step.action == "review":
                assert step.args[2] >= policy.min_reviewers
        if standard.number:
            assert numbers.GROUP.fullmatch(standard.number)
    failed_once = [s for s in programme.standards if sum(step.action == "review" for step in s.steps) == 2]
    assert failed_once  # a technical review that sent a draft back


def test_each_key_field_has_its_published_forerunner_standard_before_its_scheme(programme: synthetic.Programme) -> None:
    for key_field in programme.key_fields:
        standard = next(s for s in programme.standards if (s.forerunner_year, s.key_field) == (key_field.year, key_field.name))
        calendar = synthetic.scheme_calendar(key_field.year, standard.published_on)
        assert standard.published_on < calendar.published_on < calendar.ranked_on
        entries = synthetic.participants(programme, key_field)
        assert len(entries) >= 6
        assert all(d.disclosed_on < calendar.ranked_on for _, d in entries)
        assert calendar.commitment_on(14) < calendar.notice_opens_on < calendar.notice_closes_on < calendar.finalized_on


def test_training_reaches_each_manager_once(programme: synthetic.Programme) -> None:
    trained = [uscc for batch in programme.training for _, uscc in batch.trainees]
    assert len(trained) == len(set(trained)) > 0
    registered = {e.uscc: e.registered_on for e in programme.enterprises}
    assert all(registered[uscc] < batch.held_on for batch in programme.training for _, uscc in batch.trainees)


def test_annual_reports_cover_every_league_and_year_and_end_in_different_states(programme: synthetic.Programme) -> None:
    assert {(r.league_code, r.year) for r in programme.reports} == {
        (league.code, year) for league in programme.leagues for year in (2021, 2022, 2023)}
    outcomes = Counter(r.outcome for r in programme.reports)
    assert outcomes["returned"] == 1 and outcomes["submitted"] == 2
    assert all(r.mistake for r in programme.reports if r.outcome == "returned")
    assert any(r.mistake for r in programme.reports if r.outcome == "accepted")  # returned, corrected, accepted


@pytest.mark.parametrize("total", [700, 749, 800, 950, 1000, 523])
def test_brand_scores_respect_the_caps_and_add_up(total: int) -> None:
    scores = synthetic.brand_scores(total)
    assert sum(scores) == total
    assert all(0 <= score <= cap for score, cap in zip(scores, (150, 300, 250, 150, 150)))
