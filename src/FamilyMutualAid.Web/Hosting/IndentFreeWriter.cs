using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace FamilyMutualAid.Web.Hosting;

/// <summary>
/// Writes pages without the templates' indentation: spaces and tabs that start a line are dropped (the line break
/// stays, so what the reader sees does not change), except inside &lt;pre&gt; and &lt;textarea&gt;, where they are
/// content. Razor writes the same literal strings on every request, so each string's indent-free form is worked out
/// once and kept with the string.
/// </summary>
public sealed class IndentFreeWriter(TextWriter inner) : TextWriter
{
    private static readonly ConditionalWeakTable<string, Compacted> Cache = [];
    private static readonly ConditionalWeakTable<string, Compacted>.CreateValueCallback Compact = text => Compacted.Of(text);

    private bool _lineStart;
    private int _verbatim;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (Skips(value))
        {
            return;
        }
        _lineStart = value == '\n';
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        if (Prepare(value) is { } text)
        {
            inner.Write(text);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }
        if (_verbatim == 0 && !_lineStart && !buffer.ContainsAny('\n', '<'))
        {
            inner.Write(buffer);
            return;
        }
        var rented = System.Buffers.ArrayPool<char>.Shared.Rent(buffer.Length);
        try
        {
            inner.Write(rented.AsSpan(0, Copy(buffer, rented)));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    public override Task WriteAsync(string? value) => Prepare(value) is { } text ? inner.WriteAsync(text) : Task.CompletedTask;

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count) => WriteAsync(buffer.AsMemory(index, count));

    public override async Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return;
        }
        var copy = new char[buffer.Length];
        await inner.WriteAsync(copy.AsMemory(0, Copy(buffer.Span, copy)), cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private bool Skips(char c) => _lineStart && _verbatim == 0 && c is ' ' or '\t';

    /// <summary>What to write for <paramref name="value"/>, or null for nothing; keeps the line and verbatim state.</summary>
    private string? Prepare(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (_verbatim == 0)
        {
            if (!value.Contains('\n', StringComparison.Ordinal))
            {
                if (value.Contains('<', StringComparison.Ordinal) && Compacted.HasVerbatimTag(value))
                {
                    return Slow(value);
                }
                var start = _lineStart ? value.AsSpan().IndexOfAnyExcept(' ', '\t') : 0;
                if (start < 0)
                {
                    return null;
                }
                _lineStart = false;
                return start == 0 ? value : value[start..];
            }
            var compacted = Cache.GetValue(value, Compact);
            if (!compacted.Verbatim)
            {
                var text = compacted.Text;
                var skip = _lineStart ? text.AsSpan().IndexOfAnyExcept(' ', '\t') : 0;
                if (skip < 0)
                {
                    return null;
                }
                _lineStart = text[^1] == '\n';
                return skip == 0 ? text : text[skip..];
            }
        }
        return Slow(value);
    }

    private string Slow(string value)
    {
        var output = new char[value.Length];
        return new string(output, 0, Copy(value, output));
    }

    /// <summary>Copies <paramref name="text"/> into <paramref name="output"/> without indentation; returns the length.</summary>
    private int Copy(ReadOnlySpan<char> text, Span<char> output)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Skips(c))
            {
                continue;
            }
            if (c == '<')
            {
                _verbatim = Math.Max(0, _verbatim + Compacted.VerbatimChange(text[i..]));
            }
            _lineStart = c == '\n';
            output[length++] = c;
        }
        return length;
    }

    /// <summary>A string without the spaces and tabs that follow its line breaks; unchanged if it opens or closes a verbatim element.</summary>
    private sealed class Compacted(string text, bool verbatim)
    {
        public string Text { get; } = text;

        /// <summary>It holds &lt;pre&gt;, &lt;textarea&gt; or their end tags: written character by character.</summary>
        public bool Verbatim { get; } = verbatim;

        public static Compacted Of(string text)
        {
            if (HasVerbatimTag(text))
            {
                return new(text, verbatim: true);
            }
            var output = new StringBuilder(text.Length);
            var lineStart = false;
            foreach (var c in text)
            {
                if (lineStart && c is ' ' or '\t')
                {
                    continue;
                }
                lineStart = c == '\n';
                output.Append(c);
            }
            return new(output.Length == text.Length ? text : output.ToString(), verbatim: false);
        }

        public static bool HasVerbatimTag(ReadOnlySpan<char> text)
        {
            for (var i = text.IndexOf('<'); i >= 0; i = text.IndexOf('<'))
            {
                if (VerbatimChange(text[i..]) != 0)
                {
                    return true;
                }
                text = text[(i + 1)..];
            }
            return false;
        }

        /// <summary>+1 for a &lt;pre&gt; or &lt;textarea&gt; start tag at the start of <paramref name="text"/>, -1 for its end tag, else 0.</summary>
        public static int VerbatimChange(ReadOnlySpan<char> text)
        {
            var closing = text.StartsWith("</", StringComparison.Ordinal);
            var name = text[(closing ? 2 : 1)..];
            foreach (var tag in (ReadOnlySpan<string>)["pre", "textarea"])
            {
                if (name.StartsWith(tag, StringComparison.OrdinalIgnoreCase)
                    && (name.Length == tag.Length || name[tag.Length] is '>' or ' ' or '\t' or '\n' or '\r' or '/'))
                {
                    return closing ? -1 : 1;
                }
            }
            return 0;
        }
    }
}

/// <summary>Gives every view (page, layout, partial) an <see cref="IndentFreeWriter"/> over the usual response writer.</summary>
public sealed class IndentFreeWriterFactory(IHttpResponseStreamWriterFactory inner) : IHttpResponseStreamWriterFactory
{
    public TextWriter CreateWriter(Stream stream, Encoding encoding) => new IndentFreeWriter(inner.CreateWriter(stream, encoding));

    /// <summary>Wraps the registered factory (MVC's own, which pools its buffers).</summary>
    public static IServiceCollection Decorate(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.Last(service => service.ServiceType == typeof(IHttpResponseStreamWriterFactory));
        services.Remove(registered);
        services.AddSingleton<IHttpResponseStreamWriterFactory>(provider => new IndentFreeWriterFactory(
            registered.ImplementationInstance as IHttpResponseStreamWriterFactory
            ?? (IHttpResponseStreamWriterFactory)(registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        return services;
    }
}
