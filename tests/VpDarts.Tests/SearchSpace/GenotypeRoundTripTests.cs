namespace VpDarts.Tests.SearchSpace;

public class GenotypeRoundTripTests
{
    private const string AllSkip =
        "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";

    [Fact]
    public void Every_cell_round_trips_through_its_text_and_its_index()
    {
        var seen = new HashSet<string>();
        for (var index = 0; index < Genotype.SpaceSize; index++)
        {
            var cell = Genotype.FromIndex(index);
            Assert.Equal(index, cell.Index);

            var text = cell.ToString();
            Assert.True(seen.Add(text), $"two cells print as {text}");
            Assert.True(Genotype.TryParse(text, out var parsed, out var error), error);
            Assert.Equal(cell, parsed);
            Assert.Equal(index, parsed!.Index);
            Assert.Equal(text, parsed.ToString());
        }
        Assert.Equal(Genotype.SpaceSize, seen.Count);
    }

    [Fact]
    public void Enumerate_lists_every_cell_once_in_index_order()
    {
        var indices = Genotype.Enumerate().Select(g => g.Index).ToArray();
        Assert.Equal(Enumerable.Range(0, Genotype.SpaceSize), indices);
    }

    [Fact]
    public void Text_form_uses_the_nb201_edge_order()
    {
        var cell = Genotype.Parse(
            "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
        Assert.Equal(
            [Operation.Conv3x3, Operation.Conv1x1, Operation.SkipConnect, Operation.AvgPool3x3, Operation.None, Operation.Conv3x3],
            cell.Ops);
        // Edge 0 is the most significant base-5 digit.
        Assert.Equal(((((3 * 5 + 2) * 5 + 1) * 5 + 4) * 5 + 0) * 5 + 3, cell.Index);
    }

    [Fact]
    public void Uniform_skip_cell_prints_as_the_known_all_skip_string()
    {
        var cell = Genotype.Uniform(Operation.SkipConnect);
        Assert.Equal(AllSkip, cell.ToString());
        Assert.Equal(6, cell.SkipConnectCount);
        Assert.Equal(cell, Genotype.Parse(AllSkip));
    }

    [Fact]
    public void Constructor_rejects_wrong_edge_counts_and_undefined_operations()
    {
        Assert.Throws<ArgumentException>(() => new Genotype(new Operation[5]));
        var bad = new Operation[6];
        bad[3] = (Operation)7;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Genotype(bad));
        Assert.Contains("3<-0", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Genotype.SpaceSize)]
    public void FromIndex_rejects_indices_outside_the_space(int index) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Genotype.FromIndex(index));
}
