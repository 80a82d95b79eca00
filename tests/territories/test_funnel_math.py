"""Funnel math against worked examples (territories/funnel.py has the formulas and the first example)."""

from decimal import Decimal as D

import pytest

from territories.funnel import FunnelInputError, Stage, compute_funnel

STAGES = [Stage("Qualified", D(50)), Stage("Proposal", D(60)), Stage("Negotiation", D(70))]


def worked_example(**changes):
    inputs = {
        "target": D(1_000_000),
        "closed": D(100_000),
        "average_deal_size": D(45_000),
        "stages": [
            Stage("Qualified", D(50), D(600_000)),
            Stage("Proposal", D(60), D(300_000)),
            Stage("Negotiation", D(70), D(200_000)),
        ],
    }
    return compute_funnel(**{**inputs, **changes})


def test_the_worked_example_of_the_readme_comes_out_as_written():
    funnel = worked_example()
    assert funnel.remaining == D(900_000)
    assert funnel.win_rate == D("0.21")
    assert funnel.deals_needed == 20
    assert [stage.opportunities_needed for stage in funnel.stages] == [96, 48, 29]
    assert funnel.pipeline_needed == D("4285714.29")
    assert funnel.expected_bookings == D("392000.00")
    assert funnel.gap == D("2419047.62")
    assert funnel.opportunities_to_add == 54
    assert funnel.coverage == D("0.26")


def test_each_stage_shows_what_must_reach_it_and_what_the_pipeline_in_it_should_bring():
    qualified, proposal, negotiation = worked_example().stages
    assert (qualified.win_rate, proposal.win_rate, negotiation.win_rate) == (D("0.21"), D("0.42"), D("0.7"))
    assert (qualified.pipeline_needed, proposal.pipeline_needed, negotiation.pipeline_needed) == (
        D("4285714.29"),
        D("2142857.14"),
        D("1285714.29"),
    )
    assert (qualified.expected_bookings, proposal.expected_bookings, negotiation.expected_bookings) == (
        D("126000.00"),
        D("126000.00"),
        D("140000.00"),
    )


def test_with_no_pipeline_the_gap_is_the_whole_pipeline_needed():
    funnel = compute_funnel(target=D(1_000_000), closed=D(100_000), average_deal_size=D(45_000), stages=STAGES)
    assert funnel.open_pipeline == 0
    assert funnel.expected_bookings == 0
    assert funnel.gap == funnel.pipeline_needed == D("4285714.29")
    assert funnel.opportunities_to_add == funnel.stages[0].opportunities_needed == 96
    assert funnel.coverage == D("0.00")


def test_opportunities_round_up_but_an_exact_count_stays_as_it_is():
    # $100,000 at $40,000 a deal is 2.5 deals: 3 to win.
    funnel = compute_funnel(
        target=D(100_000), closed=D(0), average_deal_size=D(40_000), stages=[Stage("Proposal", D(50))]
    )
    assert funnel.deals_needed == 3
    assert funnel.stages[0].opportunities_needed == 5  # 100,000 / (40,000 x 0.5) = 5 exactly: not 6
    funnel = compute_funnel(
        target=D(100_001), closed=D(0), average_deal_size=D(40_000), stages=[Stage("Proposal", D(50))]
    )
    assert funnel.stages[0].opportunities_needed == 6  # 5.00005 is a sixth opportunity to find


def test_each_stage_is_rounded_from_the_exact_ratio_not_from_the_rounded_stage_below():
    # Rounding stage by stage would give ceil(ceil(20 / 0.7) / 0.6) = ceil(29 / 0.6) = 49 proposals; the exact
    # ratio 900,000 / (45,000 x 0.42) = 47.6 needs 48.
    assert worked_example().stages[1].opportunities_needed == 48


def test_money_is_rounded_to_cents_half_up():
    # 100 / 0.3 = 333.333... -> 333.33; 200 / 0.3 = 666.666... -> 666.67
    low = compute_funnel(target=D(100), closed=D(0), average_deal_size=D(10), stages=[Stage("Won", D(30))])
    high = compute_funnel(target=D(200), closed=D(0), average_deal_size=D(10), stages=[Stage("Won", D(30))])
    assert low.pipeline_needed == D("333.33")
    assert high.pipeline_needed == D("666.67")
    assert low.pipeline_needed.as_tuple().exponent == -2


def test_a_target_already_met_needs_nothing():
    funnel = compute_funnel(target=D(500_000), closed=D(620_000), average_deal_size=D(45_000), stages=STAGES)
    assert funnel.remaining == 0
    assert funnel.deals_needed == 0
    assert funnel.pipeline_needed == 0
    assert funnel.gap == 0 and not funnel.has_gap
    assert funnel.opportunities_to_add == 0
    assert funnel.coverage is None


def test_pipeline_that_covers_the_remaining_target_leaves_no_gap():
    funnel = compute_funnel(
        target=D(100_000),
        closed=D(0),
        average_deal_size=D(25_000),
        stages=[Stage("Proposal", D(50), D(100_000)), Stage("Negotiation", D(80), D(100_000))],
    )
    # expected: 100,000 x 0.4 + 100,000 x 0.8 = 120,000 >= 100,000
    assert funnel.expected_bookings == D("120000.00")
    assert funnel.gap == 0
    assert funnel.opportunities_to_add == 0


def test_a_rate_of_100_percent_is_allowed_and_one_stage_is_a_funnel():
    funnel = compute_funnel(target=D(90_000), closed=D(0), average_deal_size=D(30_000), stages=[Stage("Won", D(100))])
    assert funnel.win_rate == 1
    assert funnel.pipeline_needed == D("90000.00")
    assert funnel.opportunities_to_add == 3


@pytest.mark.parametrize("rate", [D(0), D("-5"), D("100.01"), D(250), None, D("NaN"), "abc"])
def test_rates_outside_0_to_100_percent_are_refused_with_a_message_naming_the_stage(rate):
    with pytest.raises(FunnelInputError) as refused:
        compute_funnel(
            target=D(100_000),
            closed=D(0),
            average_deal_size=D(10_000),
            stages=[Stage("Qualified", D(50)), Stage("Proposal", rate)],
        )
    assert "Proposal" in refused.value.errors["stages"]
    assert "percent" in refused.value.errors["stages"]


@pytest.mark.parametrize("size", [D(0), D("-1000"), None, D("Infinity")])
def test_a_zero_or_negative_deal_size_is_refused(size):
    with pytest.raises(FunnelInputError) as refused:
        compute_funnel(target=D(100_000), closed=D(0), average_deal_size=size, stages=STAGES)
    assert "average_deal_size" in refused.value.errors


def test_negative_open_pipeline_and_no_stages_are_refused():
    with pytest.raises(FunnelInputError) as refused:
        compute_funnel(target=D(1), closed=D(0), average_deal_size=D(1), stages=[Stage("Proposal", D(50), D(-1))])
    assert "cannot be negative" in refused.value.errors["stages"]
    with pytest.raises(FunnelInputError) as refused:
        compute_funnel(target=D(1), closed=D(0), average_deal_size=D(1), stages=[])
    assert "at least one stage" in refused.value.errors["stages"]
