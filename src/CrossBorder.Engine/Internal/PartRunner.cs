namespace CrossBorder.Engine.Internal;

/// <summary>Runs the parts of a job split over a few threads (the key store's and the result builder's passes).</summary>
internal static class PartRunner
{
    /// <summary>
    /// Runs <paramref name="run"/> for parts 0 to <paramref name="parts"/> − 1, part 0 on this thread and the others on the
    /// thread pool (one part: no other thread). Every part is waited for before anything is thrown (none may still use
    /// shared state afterwards), and the first failure is rethrown as it was raised.
    /// </summary>
    public static void Run(int parts, Action<int> run)
    {
        var tasks = new Task[Math.Max(0, parts - 1)];
        for (var part = 1; part < parts; part++)
        {
            var mine = part;
            tasks[part - 1] = Task.Run(() => run(mine));
        }
        Exception? failure = null;
        try
        {
            run(0);
        }
        catch (Exception e)
        {
            failure = e;
        }
        foreach (var task in tasks)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException e)
            {
                failure ??= e.InnerExceptions[0];
            }
        }
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
