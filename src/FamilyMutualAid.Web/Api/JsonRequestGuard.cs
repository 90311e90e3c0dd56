using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FamilyMutualAid.Web.Api;

/// <summary>Marks an endpoint whose body is a JSON object that <see cref="JsonRequestGuard"/> checks before it is bound.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class JsonRequestAttribute : Attribute;

/// <summary>
/// Lets only a small, well-formed JSON object reach the framework's binding of a <see cref="JsonRequestAttribute"/> endpoint:
/// declared as JSON (else 415), at most <see cref="MaxBytes"/> however it is sent (else 413, without reading further),
/// UTF-8 JSON whose root is an object and whose every string is valid Unicode (else 400 naming the body or the field).
/// Binding (System.Text.Json) and validation then name every bad field.
/// </summary>
public sealed class JsonRequestGuard(RequestDelegate next)
{
    public const int MaxBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<JsonRequestAttribute>() is null)
        {
            await next(context);
            // Routing itself refuses a body of another type for an endpoint that reads JSON: answer as the API does.
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted && context.Request.Path.StartsWithSegments("/api"))
            {
                var refused = new FieldErrors();
                refused.Refuse(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "must be application/json (UTF-8)");
                await refused.ToProblem().ExecuteAsync(context);
            }
            return;
        }
        var errors = new FieldErrors();
        var body = await ReadAsync(context.Request, errors, context.RequestAborted);
        if (body is null)
        {
            await errors.ToProblem().ExecuteAsync(context);
            return;
        }
        // The framework reads the checked bytes, not the connection again.
        context.Request.Body = new MemoryStream(body.Value.ToArray(), writable: false);
        context.Request.ContentLength = body.Value.Length;
        await next(context);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsJson(request.ContentType))
        {
            errors.Refuse(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "must be application/json (UTF-8)");
            return null;
        }
        var body = await ReadBoundedAsync(request, cancellationToken);
        if (body is null)
        {
            errors.Refuse(StatusCodes.Status413PayloadTooLarge, "body", $"must be at most {MaxBytes} bytes");
            return null;
        }
        var bytes = body.Value.Span.StartsWith(Utf8Bom) ? body.Value[Utf8Bom.Length..] : body.Value;
        if (!Utf8.IsValid(bytes.Span))
        {
            errors.Add("body", "must be UTF-8 text");
            return null;
        }
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            errors.Add("body", $"is not valid JSON ({ex.Message.Split('.')[0]})");
            return null;
        }
        using var document = parsed;
        // An escaped lone surrogate ("\ud800") is valid JSON but no text: name it here, so no reader meets it.
        foreach (var path in InvalidStrings(document.RootElement, "body"))
        {
            errors.Add(path, "must be valid Unicode text (a \\u escape holds a lone surrogate)");
        }
        if (!errors.Any && document.RootElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object");
        }
        // Not "errors.Any ? null : bytes": null would become an empty ReadOnlyMemory, through byte[].
        if (errors.Any)
        {
            return null;
        }
        return bytes;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>application/json or any +json type, in UTF-8 (the only encoding JSON over HTTP may use, RFC 8259).</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.HasValue
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The body, or null when it is longer than <see cref="MaxBytes"/>: at most one byte more is read, whether or not
    /// a Content-Length was sent, and the server is told the limit so it stops receiving too.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        if (length > MaxBytes)
        {
            return null;
        }
        return buffer.AsMemory(0, length);
    }

    /// <summary>The path of every string (or property name) in the document that does not decode to valid Unicode.</summary>
    private static IEnumerable<string> InvalidStrings(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when !Decodes(() => element.GetString()):
                yield return path;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Decodes(() => property.Name))
                    {
                        yield return path;
                        continue;
                    }
                    foreach (var inner in InvalidStrings(property.Value, path == "body" ? property.Name : $"{path}.{property.Name}"))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var inner in InvalidStrings(item, $"{path}[{index++}]"))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
