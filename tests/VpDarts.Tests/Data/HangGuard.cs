using Xunit;

namespace VpDarts.Tests.Data;

/// <summary>
/// Runs a call that blocked forever before it was fixed (e.g. opening a named pipe) on a worker thread, so that a
/// regression fails the test instead of hanging the suite. The limit is generous: it guards a hang, it times nothing.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>The exception <paramref name="action"/> throws, failing the test if it returns or does not finish.</summary>
    public static TException Throws<TException>(Action action) where TException : Exception
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Assert.True(task.Wait(Limit), $"the call did not finish within {Limit.TotalMinutes} minutes (it blocks)");
        }
        catch (AggregateException e) when (e.InnerExceptions is [TException inner])
        {
            return inner;
        }
        catch (AggregateException e)
        {
            Assert.Fail($"expected {typeof(TException).Name}, got {e.InnerException}");
        }
        Assert.Fail($"expected {typeof(TException).Name}, but the call returned");
        return null!;
    }
}
