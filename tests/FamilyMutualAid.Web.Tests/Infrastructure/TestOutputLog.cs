using Serilog.Core;
using Serilog.Events;
using Xunit.Abstractions;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>
/// Sends a test site's app logs to the output of the test that is running (xunit runs one test of a site's
/// collection or class at a time), so a failing test shows what the site logged.
/// </summary>
public sealed class TestOutputLog : ILogEventSink
{
    private ITestOutputHelper? _output;

    public void WriteTo(ITestOutputHelper? output) => Volatile.Write(ref _output, output);

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (Volatile.Read(ref _output) is not { } output)
        {
            return;
        }
        var line = $"[{logEvent.Level} {logEvent.Properties.GetValueOrDefault("SourceContext")}] {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        try
        {
            output.WriteLine(logEvent.Exception is null ? line : line + Environment.NewLine + logEvent.Exception);
        }
        catch (InvalidOperationException)
        {
            // The test this output belongs to has finished; a background log line after it has nowhere to go.
        }
    }
}
