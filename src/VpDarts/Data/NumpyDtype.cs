using System.Text.RegularExpressions;
using Razorvine.Pickle;

namespace VpDarts.Data;

/// <summary>A NumPy dtype as far as unpickling needs it: kind, item size and byte order.</summary>
internal sealed partial class NumpyDtype
{
    [GeneratedRegex(@"^[<>|=]?[A-Za-z][1-9][0-9]{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Simple();

    /// <summary>A dtype from its string; only a kind letter and an item size (e.g. <c>u1</c>, <c>&lt;f8</c>) are
    /// understood.</summary>
    public NumpyDtype(string descr)
    {
        if (!Simple().IsMatch(descr)) throw new PickleException($"unsupported dtype '{descr}'");
        Descr = descr;
    }

    /// <summary>The dtype string, e.g. <c>u1</c> or <c>i8</c>.</summary>
    public string Descr { get; }

    /// <summary>Byte order: '&lt;', '&gt;', '|' or '=' (native).</summary>
    public char ByteOrder { get; private set; } = '=';

    /// <summary>Called by the unpickler with NumPy's dtype state tuple.</summary>
    public void __setstate__(object[] state)
    {
        if (state.Length > 1 && state[1] is string order && order.Length == 1) ByteOrder = order[0];
    }

    /// <summary>Kind character: 'u', 'i', 'b' or 'f'.</summary>
    public char Kind => Descr.TrimStart('<', '>', '|', '=')[0];

    /// <summary>Bytes per item.</summary>
    public int ItemSize
        => int.Parse(Descr.TrimStart('<', '>', '|', '=')[1..], System.Globalization.CultureInfo.InvariantCulture);
}
