namespace VpDarts.Runs;

/// <summary>
/// Time left for a whole run: every kind of phase has a measured speed (seconds per unit, over all its work so far,
/// the running phase included), and the estimate is the running phase's remaining units plus every planned phase's
/// units, each times its kind's speed. A kind not measured yet is estimated from its planned cost per unit at the
/// seconds per cost unit of the kinds already measured; before anything is measured there is no estimate.
/// A later phase of a kind whose unit count only shows when it begins (ablation ops) is planned with the count its
/// last phase had.
/// </summary>
public sealed class RunEta
{
    private readonly List<PlannedPhase> _plan;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, (double Seconds, double Units)> _finished = [];
    private readonly Dictionary<string, int> _lastUnits = [];
    private readonly Dictionary<string, double> _costs = [];
    private (string Kind, int Units, int Done, int StartDone, long Start, double Seconds)? _running;

    /// <summary>An estimate for a run that still has the phases of <paramref name="plan"/>, in order.</summary>
    /// <param name="plan">The phases left, the first one next.</param>
    /// <param name="clock">The clock; the system clock when null.</param>
    public RunEta(IEnumerable<PlannedPhase> plan, TimeProvider? clock = null)
    {
        _plan = [.. plan];
        _clock = clock ?? TimeProvider.System;
        foreach (var phase in _plan) _costs.TryAdd(phase.Kind, phase.CostPerUnit);
    }

    /// <summary>
    /// A phase of <paramref name="kind"/> with <paramref name="units"/> units begins (null: as many as planned, until
    /// its work reports the count), <paramref name="done"/> of them already done (a resumed epoch); the first planned
    /// phase of that kind, and any planned before it, are no longer ahead.
    /// </summary>
    public void Begin(string kind, int? units = null, int done = 0)
    {
        Close();
        var planned = _plan.FindIndex(p => p.Kind == kind);
        var count = units
            ?? (_lastUnits.TryGetValue(kind, out var last) ? last : planned >= 0 ? _plan[planned].Units : 0);
        // phases planned before it did not run (a stage that kept every op)
        if (planned >= 0) _plan.RemoveRange(0, planned + 1);
        _lastUnits[kind] = count;
        _running = (kind, count, done, done, _clock.GetTimestamp(), 0);
    }

    /// <summary>The running phase has <paramref name="done"/> of <paramref name="units"/> units done.</summary>
    public void Advance(int done, int units)
    {
        if (_running is not { } r) return;
        _lastUnits[r.Kind] = units;
        _running = r with { Units = units, Done = done, Seconds = _clock.GetElapsedTime(r.Start).TotalSeconds };
    }

    /// <summary>Seconds per unit of <paramref name="kind"/> measured so far; null when none of it has run.</summary>
    public double? SecondsPerUnit(string kind)
    {
        var (seconds, units) = Measured(kind);
        return units > 0 ? seconds / units : null;
    }

    /// <summary>Time left for the whole run; null while some remaining work has no measured or estimated
    /// speed.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var work =
                _plan.Select(p => (p.Kind, Units: (double)_lastUnits.GetValueOrDefault(p.Kind, p.Units))).ToList();
            if (_running is { } r) work.Insert(0, (r.Kind, Math.Max(0, r.Units - r.Done)));
            double total = 0;
            foreach (var (kind, units) in work)
            {
                if (units == 0) continue;
                if (Speed(kind) is not { } speed) return null;
                total += units * speed;
            }
            return TimeSpan.FromSeconds(total);
        }
    }

    private double? Speed(string kind)
    {
        if (SecondsPerUnit(kind) is { } measured) return measured;
        var cost = _costs.GetValueOrDefault(kind);
        if (cost == 0) return 0;
        double seconds = 0, costUnits = 0;
        foreach (var known in _costs.Keys)
        {
            var (s, u) = Measured(known);
            if (u == 0 || _costs[known] == 0) continue;
            seconds += s;
            costUnits += u * _costs[known];
        }
        return costUnits > 0 ? cost * seconds / costUnits : null;
    }

    private (double Seconds, double Units) Measured(string kind)
    {
        var (seconds, units) = _finished.GetValueOrDefault(kind);
        if (_running is { } r && r.Kind == kind && r.Done > r.StartDone)
            (seconds, units) = (seconds + r.Seconds, units + r.Done - r.StartDone);
        return (seconds, units);
    }

    private void Close()
    {
        if (_running is not { } r || r.Done <= r.StartDone) return;
        var (seconds, units) = _finished.GetValueOrDefault(r.Kind);
        _finished[r.Kind] = (seconds + r.Seconds, units + r.Done - r.StartDone);
        _running = null;
    }
}
