using System.IO.Compression;
using System.Net.Http.Headers;

namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Requests with a chosen Accept-Encoding, and the body as the client reads it once decoded.</summary>
public static class Encoded
{
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? acceptEncoding, EntityTagHeaderValue? ifNoneMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }
        return await client.SendAsync(request);
    }

    /// <summary>The body decoded as its Content-Encoding (br, gzip or none) says.</summary>
    public static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsByteArrayAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            null => new MemoryStream(body),
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            var other => throw new InvalidOperationException("unexpected Content-Encoding " + other),
        };
        await using (decoded)
        {
            using var copy = new MemoryStream();
            await decoded.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
