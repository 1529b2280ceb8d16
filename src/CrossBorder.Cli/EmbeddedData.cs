namespace CrossBorder.Cli;

/// <summary>The default data embedded in the tool (from the repository's data/ folder).</summary>
internal static class EmbeddedData
{
    public static Stream Open(string name) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the build.");
}
