namespace VpDarts.Tests.Support;

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

    /// <summary>
    /// The result of <paramref name="action"/>, failing the test if it does not finish. A call blocked in opening the
    /// named pipe <paramref name="fifo"/> is released by opening it for writing once, so a failure leaves no thread stuck.
    /// </summary>
    public static T Run<T>(string fifo, Func<T> action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(Limit))
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail($"reading {fifo} blocked: a named pipe was opened");
        }
        return task.Result;
    }
}
