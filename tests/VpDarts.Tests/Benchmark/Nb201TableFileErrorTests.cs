namespace VpDarts.Tests.Benchmark;

/// <summary>Malformed table files written to a temporary folder; each error names the file and the line.</summary>
public sealed class Nb201TableFileErrorTests : IDisposable
{
    private const string Header = "arch,cifar10_test,cifar100_test,imagenet16_120_test";
    private static readonly string A = Genotype.FromIndex(0).ToString();
    private static readonly string B = Genotype.FromIndex(1).ToString();
    private static readonly string C = Genotype.FromIndex(2).ToString();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vpdarts-tests", Guid.NewGuid().ToString("N"));

    public Nb201TableFileErrorTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Missing_file_is_named()
    {
        var path = Path.Combine(_folder, "nowhere.csv");
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void A_named_pipe_is_refused_without_opening_it()
    {
        var path = Path.Combine(_folder, "table.csv");
        UnixNode.Fifo(path);
        Assert.Equal(VpDarts.Runtime.FileKind.NamedPipe, VpDarts.Runtime.RegularFile.KindOf(path));
        var e = HangGuard.Run(path, () => Record.Exception(() => Nb201Table.Load(path)));  // opening a pipe with no writer would block for good
        Assert.Equal($"{path}: not a regular file (a named pipe); only regular files are read", Assert.IsType<Nb201TableException>(e).Message);
    }

    [Fact]
    public void A_file_far_larger_than_any_table_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_folder, "huge.csv");
        using (var file = File.Create(path)) file.SetLength(Nb201TableReader.MaxBytes + 1);  // sparse: no disk used
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.Equal($"{path}: is {Nb201TableReader.MaxBytes + 1} bytes, more than the 64 MiB the 15625-cell table needs", e.Message);
    }

    [Fact]
    public void Directory_instead_of_a_file_is_rejected() =>
        Assert.Contains("is a directory", Assert.Throws<Nb201TableException>(() => Nb201Table.Load(_folder)).Message);

    [Fact]
    public void Missing_columns_are_all_named()
    {
        var path = Write("arch,cifar10_test", $"{A},50.0");
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("missing columns 'cifar100_test', 'imagenet16_120_test'", e.Message);
        Assert.DoesNotContain("'cifar10_test'", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Column_order_is_free_and_extra_columns_are_ignored()
    {
        var path = Write("imagenet16_120_test,note,arch,cifar100_test,cifar10_test",
            $"30.5,first,{A},60.25,90.125", $"31,second,{B},61,91");
        var table = Nb201Table.Load(path);
        Assert.Equal(2, table.Count);
        Assert.Equal(new Nb201Scores(90.125, 60.25, 30.5), table.Get(Genotype.FromIndex(0)));
        Assert.Equal(new Nb201Scores(91, 61, 31), table.Get(Genotype.FromIndex(1)));
    }

    [Theory]
    [InlineData("abc", "cifar100_test value 'abc' is not a number")]
    [InlineData("NaN", "cifar100_test value 'NaN' is not a number")]
    [InlineData("Infinity", "is not a number")]
    [InlineData("", "cifar100_test value '' is not a number")]
    [InlineData("100.5", "cifar100_test value '100.5' is outside 0..100")]
    [InlineData("-0.1", "is outside 0..100")]
    public void Bad_number_names_the_line_and_column(string value, string expected)
    {
        var path = Write(Header, $"{A},50,40,30", $"{B},50,{value},30", $"{C},50,40,30");
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.StartsWith($"{path}, line 3: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_too()
    {
        var path = Write(Header, $"{A},50,40,30", "", $"{B},50,40,x");
        Assert.Equal(4, Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path)).Line);
    }

    [Fact]
    public void Duplicate_arch_names_both_lines()
    {
        var path = Write(Header, $"{A},50,40,30", $"{B},51,41,31", $"{C},52,42,32", $"{B},53,43,33");
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.Contains("listed twice (lines 3 and 5)", e.Message);
        Assert.Contains(B, e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void Invalid_arch_carries_the_parser_message()
    {
        var bad = B.Replace("none", "nonee", StringComparison.Ordinal);
        Assert.False(Genotype.TryParse(bad, out _, out var reason));
        var path = Write(Header, $"{A},50,40,30", $"{bad},50,40,30");
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.Equal($"{path}, line 3: invalid arch: {reason}", e.Message);
    }

    [Fact]
    public void Short_row_is_reported()
    {
        var path = Write(Header, $"{A},50,40");
        var e = Assert.Throws<Nb201TableException>(() => Nb201Table.Load(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("3 fields", e.Message);
    }

    [Fact]
    public void Empty_file_and_header_only_file_are_rejected()
    {
        var empty = Write();
        Assert.Contains("empty", Assert.Throws<Nb201TableException>(() => Nb201Table.Load(empty)).Message);
        var headerOnly = Write(Header);
        Assert.Contains("no rows", Assert.Throws<Nb201TableException>(() => Nb201Table.Load(headerOnly)).Message);
    }

    [Fact]
    public void Every_error_message_is_one_line()
    {
        string[][] files =
        [
            [Header, $"{A},50,\"4\n0\",30"],
            [Header, $"{A},50,\"40,30"],
            ["arch", A],
            [Header, $"|x~0|,1,2,3"],
        ];
        foreach (var lines in files)
        {
            var e = Assert.ThrowsAny<UserInputException>(() => Nb201Table.Load(Write(lines)));
            Assert.DoesNotContain('\n', e.Message);
            Assert.DoesNotContain('\r', e.Message);
        }
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, $"table-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join('\n', lines) + "\n");
        return path;
    }
}
