using System.Text.Json;

namespace VpDarts.Tests.Strategies;

/// <summary>The accumulated final choice by hand: sums of importance scores per (edge, op) and the cell they pick.</summary>
public sealed class FinalChoiceRuleTests
{
    private static float[,] Matrix(float value = 0f)
    {
        var m = new float[6, 5];
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                m[e, o] = value;
        return m;
    }

    private static float[,] Counting(float scale)
    {
        var m = Matrix();
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                m[e, o] = scale * (e * 5 + o) - 7f;
        return m;
    }

    [Fact]
    public void Add_sums_entry_by_entry_starting_from_zeros_and_leaves_its_inputs_alone()
    {
        var a = Counting(0.5f);
        var b = Counting(-2f);
        var first = FinalChoiceRule.Add(null, a);
        Assert.NotSame(a, first);
        Assert.Equal(a, first);

        var sum = FinalChoiceRule.Add(first, b);
        Assert.NotSame(first, sum);
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                Assert.Equal(a[e, o] + b[e, o], sum[e, o]);
        Assert.Equal(a, first);
        Assert.Equal(Counting(-2f), b);
    }

    [Fact]
    public void Minus_infinity_stays_minus_infinity_and_NaN_adds_nothing()
    {
        var sum = Matrix(1f);
        sum[0, 0] = float.NegativeInfinity;
        var score = Matrix(2f);
        score[0, 1] = float.NaN;
        score[0, 2] = float.NegativeInfinity;
        score[0, 0] = 100f;

        var total = FinalChoiceRule.Add(sum, score);
        Assert.Equal(float.NegativeInfinity, total[0, 0]);  // not a candidate before: a large score does not revive it
        Assert.Equal(1f, total[0, 1]);                     // unmeasured now: the sum so far
        Assert.Equal(float.NegativeInfinity, total[0, 2]);  // not a candidate now
        Assert.Equal(3f, total[0, 3]);

        var fromNothing = FinalChoiceRule.Add(null, score);
        Assert.Equal(0f, fromNothing[0, 1]);
        Assert.Equal(float.NegativeInfinity, fromNothing[0, 2]);
        Assert.Equal(100f, fromNothing[0, 0]);
    }

    [Fact]
    public void Best_takes_the_highest_sum_then_the_larger_abs_alpha_then_the_lower_index()
    {
        var inf = float.NegativeInfinity;
        float[,] sum =
        {
            { 1, 5, 2, 5, 0 },          // ops 1 and 3 tie: |α| decides (op 3)
            { 1, 5, 2, 5, 0 },          // ... and with equal |α| the lower index (op 1)
            { inf, inf, -9, inf, inf }, // the only candidate, however large the others' α
            { 4, 3, 2, 1, 0 },
            { -3, -2, -1, -4, -0.5f },
            { 2, 2, 2, 2, 2 },          // all tie, equal |α|: op 0
        };
        float[,] alpha =
        {
            { 0.9f, 0.1f, 0f, -0.3f, 0f },
            { 0f, -0.2f, 0f, 0.2f, 0f },
            { 5f, 5f, 0.1f, 5f, 5f },
            { 0f, 1f, 1f, 1f, 1f },
            { 0f, 0f, 0f, 0f, 0f },
            { 0.5f, -0.5f, 0.5f, 0.5f, -0.5f },
        };
        Assert.Equal([Operation.Conv3x3, Operation.SkipConnect, Operation.Conv1x1, Operation.None, Operation.AvgPool3x3, Operation.None],
            FinalChoiceRule.Best(sum, alpha).Ops);
    }

    [Fact]
    public void A_sum_survives_a_checkpoints_state_exactly()
    {
        var sum = Counting(0.1f);
        sum[1, 2] = 1e-7f + 0.3f;
        sum[3, 4] = float.NegativeInfinity;
        sum[5, 0] = -123.456f;
        var record = FinalChoiceRule.ToRecord(sum);
        Assert.Null(record[3][4]);
        Assert.All(record, row => Assert.Equal(5, row.Length));

        var state = new StrategyState { ScoreSum = record };
        Assert.Null(state.Problem());
        var json = JsonSerializer.Serialize(state, RunDirectory.Json);
        Assert.Contains("\"score_sum\"", json);
        var read = RunJson.Parse<StrategyState>(json, "state.json");
        var back = FinalChoiceRule.FromRecord(read.ScoreSum!);
        for (var e = 0; e < 6; e++)
            for (var o = 0; o < 5; o++)
                Assert.Equal(BitConverter.SingleToInt32Bits(sum[e, o]), BitConverter.SingleToInt32Bits(back[e, o]));

        Assert.DoesNotContain("score_sum", JsonSerializer.Serialize(new StrategyState(), RunDirectory.Json));
        Assert.NotNull(new StrategyState { ScoreSum = [[1, 2, 3]] }.Problem());
    }
}
