namespace VpDarts.Runs;

/// <summary>The state of torch's default CPU generator (dropout draws), as text for a checkpoint.</summary>
public static class RandomState
{
    /// <summary>The current state, base64.</summary>
    public static string Capture()
    {
        using var state = get_rng_state();
        return Convert.ToBase64String(state.bytes.ToArray());
    }

    /// <summary>Puts back a state from <see cref="Capture"/>.</summary>
    public static void Restore(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        using var state = tensor(bytes, ScalarType.Byte);
        set_rng_state(state);
    }
}
