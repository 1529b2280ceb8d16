using BenchmarkDotNet.Loggers;

namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>Keeps the console to errors and warnings; the full log is still written to the artifacts folder.</summary>
internal sealed class ErrorsOnlyLogger : ILogger
{
    public string Id => nameof(ErrorsOnlyLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text)
    {
        if (logKind is LogKind.Error or LogKind.Warning)
        {
            Console.Error.Write(text);
        }
    }

    public void WriteLine()
    {
    }

    public void WriteLine(LogKind logKind, string text)
    {
        if (logKind is LogKind.Error or LogKind.Warning)
        {
            Console.Error.WriteLine(text);
        }
    }

    public void Flush() => Console.Error.Flush();
}
